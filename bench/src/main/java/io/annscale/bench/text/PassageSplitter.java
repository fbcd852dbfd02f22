package io.annscale.bench.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Cuts a paragraph of prose into passages of one to three whole sentences, as retrieval systems
 * chunk text before embedding it. Sentences that are not prose (navigation labels, code, tables of
 * symbols) end the current passage and are dropped, so a passage never spans a hole in the text.
 *
 * <p>The rules are plain regular expressions rather than {@link java.text.BreakIterator}, whose
 * results change with the JDK's locale data: the same packages must give the same passages on every
 * JDK.
 */
public final class PassageSplitter {
  /**
   * A sentence ends at {@code . ! ?} (and a closing quote or bracket) followed by space and a
   * capital.
   */
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])[\"')\\]]?\\s+(?=[A-Z\"(\\[])");

  /** A word of letters, with the punctuation prose puts around words. */
  private static final Pattern WORD =
      Pattern.compile("[(\"'\\[]*([A-Za-z][A-Za-z'-]*)[.,;:!?)\"'\\]]*");

  /**
   * English function words: a passage needs one, which keeps out the other languages some
   * documentation packages ship beside English (the model embeds English).
   */
  private static final java.util.Set<String> FUNCTION_WORDS =
      java.util.Set.of(
          "the", "a", "an", "is", "are", "was", "of", "to", "and", "in", "for", "this", "that",
          "be", "with", "it", "on", "as", "by", "can", "or", "not", "if", "from", "you", "will",
          "which", "has", "have", "at");

  /** Sentences per passage, at most. */
  public static final int MAX_SENTENCES = 3;

  private final int minWords;
  private final int maxWords;

  /**
   * @param minWords words a sentence needs to count as prose, >= 1
   * @param maxWords words a passage may hold; a passage takes a further sentence only while it
   *     stays within this, and a longer single sentence is dropped (it is usually a run-on list,
   *     not prose)
   */
  public PassageSplitter(int minWords, int maxWords) {
    if (minWords < 1 || maxWords < minWords) {
      throw new IllegalArgumentException(
          "need 1 <= minWords <= maxWords; minWords=" + minWords + ", maxWords=" + maxWords);
    }
    this.minWords = minWords;
    this.maxWords = maxWords;
  }

  /**
   * The defaults of the docs-minilm data set: sentences of 4 or more words, passages of at most 40
   * words.
   */
  public static PassageSplitter defaults() {
    return new PassageSplitter(4, 40);
  }

  /**
   * Gives each passage of {@code paragraph} (whitespace already collapsed) to {@code sink}, in text
   * order.
   */
  public void split(String paragraph, Consumer<String> sink) {
    List<String> run = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(paragraph)) {
      String s = sentence.strip();
      if (isProse(s)) {
        run.add(s);
      } else {
        emit(run, sink);
        run.clear();
      }
    }
    emit(run, sink);
  }

  /**
   * Groups a run of prose sentences greedily: up to three sentences while the words stay within the
   * limit.
   */
  private void emit(List<String> run, Consumer<String> sink) {
    int i = 0;
    while (i < run.size()) {
      int words = wordCount(run.get(i));
      int n = 1;
      while (n < MAX_SENTENCES && i + n < run.size()) {
        int more = wordCount(run.get(i + n));
        if (words + more > maxWords) {
          break;
        }
        words += more;
        n++;
      }
      sink.accept(String.join(" ", run.subList(i, i + n)));
      i += n;
    }
  }

  /**
   * Prose: starts with a capital, ends with sentence punctuation, has {@code minWords..maxWords}
   * words of which at least 60% are words of letters (not symbols, numbers or code), one of them an
   * English function word.
   */
  boolean isProse(String s) {
    if (s.isEmpty() || !Character.isUpperCase(s.charAt(0))) {
      return false;
    }
    char last = s.charAt(s.length() - 1);
    if (last != '.' && last != '!' && last != '?' && last != ':') {
      return false;
    }
    String[] tokens = s.split("\\s+");
    if (tokens.length < minWords || tokens.length > maxWords) {
      return false;
    }
    int lettered = 0;
    boolean english = false;
    for (String token : tokens) {
      var m = WORD.matcher(token);
      if (m.matches()) {
        lettered++;
        english |= FUNCTION_WORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return english && lettered * 10 >= tokens.length * 6;
  }

  private static int wordCount(String s) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      boolean space = Character.isWhitespace(s.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
