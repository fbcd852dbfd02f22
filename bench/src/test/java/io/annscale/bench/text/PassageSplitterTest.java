package io.annscale.bench.text;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class PassageSplitterTest {
  private final PassageSplitter splitter = PassageSplitter.defaults();

  private List<String> split(String paragraph) {
    List<String> out = new ArrayList<>();
    splitter.split(paragraph, out::add);
    return out;
  }

  @Test
  public void groupsUpToThreeSentencesWithinTheWordLimit() {
    String s1 = "The server reads its configuration at start-up.";
    String s2 = "A change takes effect after a reload.";
    String s3 = "Errors are written to the log file.";
    String s4 = "The log file rotates every day at midnight.";
    assertEquals(List.of(s1 + " " + s2 + " " + s3, s4), split(String.join(" ", s1, s2, s3, s4)));
  }

  @Test
  public void aLongSentenceStandsAloneAndTooLongOnesAreDropped() {
    String longOne =
        "This sentence has quite a lot of words in it so that together with the next one it would"
            + " pass the limit of forty words that a passage may hold in total here.";
    String next = "The next sentence is short and is on its own.";
    assertEquals(List.of(longOne, next), split(longOne + " " + next));
    String tooLong = ("This is a word " + "and another ".repeat(20)).trim() + ".";
    assertEquals(List.of(), split(tooLong));
  }

  @Test
  public void aSentenceEndsOnlyBeforeACapital() {
    // "e.g. the" and "file. x" do not end a sentence: the next word is not capitalised
    String one = "Set a limit, e.g. the number of files. x is then ignored by the reader.";
    assertEquals(List.of(one), split(one));
  }

  @Test
  public void nonProseBreaksAPassageInTwo() {
    String before = "You can set the option in the file.";
    String code = "X = f(1, 2) + g(3, 4) * 5.";
    String after = "Then restart the service for it to apply.";
    assertEquals(List.of(before, after), split(before + " " + code + " " + after));
  }

  @Test
  public void proseNeedsACapitalPunctuationWordsAndEnglish() {
    assertTrue(splitter.isProse("The value of the option is read once."));
    assertFalse("no capital", splitter.isProse("the value of the option is read once."));
    assertFalse("no end punctuation", splitter.isProse("The value of the option is read once"));
    assertFalse("too few words", splitter.isProse("Skip navigation links."));
    assertFalse("symbols, not words", splitter.isProse("Foo 0x1f 0x2e 0x3d 0x4c 0x5b 0x6a."));
    assertFalse("not English", splitter.isProse("Die Datei wird beim Start gelesen."));
  }
}
