package io.annscale.bench.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Passages from documentation packages, deduplicated across all of them, in a seeded random order
 * (so that any prefix is a sample of every package, and queries held out from the front are not all
 * from one manual).
 *
 * <p>A package that ships HTML is read from its HTML only: its plain-text files are then mostly the
 * sources of the same pages (Sphinx's {@code _sources}, reStructuredText) and would add near-copies
 * that differ in markup. A package without HTML is read from its text and POD files.
 *
 * <p>Two passages are the same when they agree in their letters and digits, case ignored; the key
 * kept per passage is 64 bits of its MD5, so a million passages cost about 50 MB of keys.
 */
public final class CorpusBuilder {
  /** What one package gave. */
  public record PackageText(
      String name,
      String version,
      String sha256,
      int files,
      int unreadable,
      long passages,
      long added) {}

  private final PassageSplitter splitter;
  private final Set<Long> seen = new HashSet<>();
  private final List<String> passages = new ArrayList<>();
  private final List<PackageText> packages = new ArrayList<>();

  public CorpusBuilder(PassageSplitter splitter) {
    this.splitter = splitter;
  }

  /** Reads the passages of one package's {@code .deb}; returns what it added. */
  public PackageText add(DebianPackages.Entry entry, Path deb) throws IOException {
    List<String> html = new ArrayList<>();
    List<String> text = new ArrayList<>();
    int[] files = new int[3];
    DebArchive.forEachFile(
        deb,
        path ->
            !path.contains("/_sources/") && DocumentText.kindOf(path) != DocumentText.Kind.OTHER,
        (path, contents) -> {
          boolean isHtml = DocumentText.kindOf(path) == DocumentText.Kind.HTML;
          List<String> paragraphs;
          try {
            paragraphs = DocumentText.paragraphs(path, contents);
          } catch (IOException e) {
            // a damaged member (an empty .gz, say) is counted and skipped: the rest of the manual
            // is still text
            files[2]++;
            return;
          }
          files[isHtml ? 0 : 1]++;
          List<String> sink = isHtml ? html : text;
          for (String paragraph : paragraphs) {
            splitter.split(paragraph, sink::add);
          }
        });
    List<String> chosen = files[0] > 0 ? html : text;
    long added = 0;
    for (String passage : chosen) {
      if (seen.add(key(passage))) {
        passages.add(passage);
        added++;
      }
    }
    PackageText result =
        new PackageText(
            entry.name(),
            entry.version(),
            entry.sha256(),
            files[0] > 0 ? files[0] : files[1],
            files[2],
            chosen.size(),
            added);
    packages.add(result);
    return result;
  }

  /** Distinct passages so far. */
  public int size() {
    return passages.size();
  }

  public List<PackageText> packages() {
    return List.copyOf(packages);
  }

  /**
   * Writes every distinct passage, one a line, in the order a {@link Random} of {@code seed}
   * shuffles them to.
   */
  public void write(Path out, long seed) throws IOException {
    List<String> shuffled = new ArrayList<>(passages);
    Collections.shuffle(shuffled, new Random(seed));
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      for (String passage : shuffled) {
        w.write(passage);
        w.write('\n');
      }
    }
    Files.move(
        partial,
        out,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** 64 bits of the MD5 of the passage's letters and digits, lower-cased. */
  static long key(String passage) {
    StringBuilder letters = new StringBuilder(passage.length());
    passage
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(letters::appendCodePoint);
    byte[] digest = md5().digest(letters.toString().getBytes(StandardCharsets.UTF_8));
    long key = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      key = (key << 8) | (digest[i] & 0xff);
    }
    return key;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%d passages from %d packages", passages.size(), packages.size());
  }
}
