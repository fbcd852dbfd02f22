package io.annscale.bench.text;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Debian packages made here (ar + data.tar.xz, as dpkg-deb writes them) read into a deduplicated
 * corpus.
 */
public class CorpusBuilderTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final DebianPackages.Entry ENTRY =
      new DebianPackages.Entry("x-doc", "1.0", "pool/x-doc.deb", "00", 1);

  @Test
  public void readsHtmlOfAPackageThatShipsHtmlAndDeduplicatesAcrossPackages() throws Exception {
    Path first =
        deb(
            "first.deb",
            Map.of(
                "./usr/share/doc/x/index.html",
                    "<p>The cache keeps recent pages in memory.</p><p>Old pages are evicted.</p>",
                "./usr/share/doc/x/_sources/index.rst.txt",
                    "The cache keeps recent pages in memory as rst.",
                "./usr/share/doc/x/notes.txt", "A plain text note that is not read here."));
    Path second =
        deb(
            "second.deb",
            Map.of(
                "./usr/share/doc/y/page.txt",
                    "THE CACHE keeps recent pages, in memory!\n\nA new sentence from the second.",
                "./usr/share/doc/y/broken.txt.gz", ""));
    CorpusBuilder corpus = new CorpusBuilder(PassageSplitter.defaults());
    CorpusBuilder.PackageText a = corpus.add(ENTRY, first);
    assertEquals("HTML only", 1, a.files());
    assertEquals("a passage does not span two HTML paragraphs", 2, a.passages());
    CorpusBuilder.PackageText b = corpus.add(ENTRY, second);
    assertEquals("the damaged .gz is counted, not fatal", 1, b.unreadable());
    assertEquals(2, b.passages());
    assertEquals("the first passage again, in other case and punctuation", 1, b.added());
    assertEquals(3, corpus.size());

    Path out = tmp.getRoot().toPath().resolve("passages.txt");
    corpus.write(out, 42);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    assertTrue(lines.contains("The cache keeps recent pages in memory."));
    assertTrue(lines.contains("Old pages are evicted."));
    assertTrue(lines.contains("A new sentence from the second."));
    corpus.write(out, 42);
    assertEquals(
        "the same seed, the same order", lines, Files.readAllLines(out, StandardCharsets.UTF_8));
  }

  @Test
  public void keysIgnoreCaseAndPunctuation() {
    assertEquals(
        CorpusBuilder.key("The cache, in memory."), CorpusBuilder.key("the CACHE in memory"));
    assertNotEquals(
        CorpusBuilder.key("The cache in memory."), CorpusBuilder.key("The cache on disk."));
  }

  @Test
  public void aFileThatIsNotAPackageIsRefused() throws Exception {
    Path bogus = tmp.newFile("bogus.deb").toPath();
    Files.writeString(bogus, "!<arch>\n");
    IOException e =
        assertThrows(
            IOException.class, () -> DebArchive.forEachFile(bogus, p -> true, (p, c) -> {}));
    assertTrue(e.getMessage(), e.getMessage().contains("bogus.deb"));
  }

  @Test
  public void parsesAPackagesIndex() throws Exception {
    String index =
        "Package: a-doc\nVersion: 1.2-3\nArchitecture: all\nDescription: first\n continued line\n"
            + "Filename: pool/main/a/a-doc_1.2-3_all.deb\nSize: 1234\nSHA256: abcd\n\nPackage: b-doc\nVersion: 2\n"
            + "Filename: pool/main/b/b-doc_2_all.deb\nSize: 9\nSHA256: ef01\n";
    Map<String, DebianPackages.Entry> entries =
        DebianPackages.parse(new ByteArrayInputStream(index.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        new DebianPackages.Entry("a-doc", "1.2-3", "pool/main/a/a-doc_1.2-3_all.deb", "abcd", 1234),
        entries.get("a-doc"));
    assertEquals("ef01", entries.get("b-doc").sha256());
  }

  /** A .deb: debian-binary, control.tar.xz (empty) and data.tar.xz holding {@code files}. */
  private Path deb(String name, Map<String, String> files) throws IOException {
    Path path = tmp.getRoot().toPath().resolve(name);
    byte[] data = tarXz(files);
    byte[] control = tarXz(Map.of());
    try (OutputStream out = Files.newOutputStream(path);
        ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
      member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      member(ar, "control.tar.xz", control);
      member(ar, "data.tar.xz", data);
    }
    return path;
  }

  private static void member(ArArchiveOutputStream ar, String name, byte[] bytes)
      throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, bytes.length));
    ar.write(bytes);
    ar.closeArchiveEntry();
  }

  private static byte[] tarXz(Map<String, String> files) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (XZCompressorOutputStream xz = new XZCompressorOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
      for (String file : new ArrayList<>(new java.util.TreeSet<>(files.keySet()))) {
        byte[] content = files.get(file).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
