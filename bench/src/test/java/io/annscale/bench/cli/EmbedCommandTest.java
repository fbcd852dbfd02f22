package io.annscale.bench.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.data.VectorFileInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code embed}: vectors and texts line up, and a run stopped part way resumes to the same files.
 */
public class EmbedCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aStoppedRunResumesToTheSameVectorsAndTexts() throws Exception {
    Path dir = tmp.getRoot().toPath();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      lines.add(
          "Passage number "
              + i
              + " talks about "
              + (i % 2 == 0 ? "indexes and merges." : "cats\tand dogs."));
    }
    Path input = dir.resolve("passages.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);

    Path whole = dir.resolve("whole.fvecs");
    assertEquals(
        0,
        embed(
            "--input",
            input.toString(),
            "--skip",
            "2",
            "-n",
            "10",
            "--batch",
            "4",
            "-o",
            whole.toString()));
    List<String> texts = Files.readAllLines(dir.resolve("whole.tsv"), StandardCharsets.UTF_8);
    assertEquals(10, texts.size());
    assertEquals("0\tPassage number 2 talks about indexes and merges.", texts.get(0));
    assertEquals(
        "tabs in a passage become spaces",
        "1\tPassage number 3 talks about cats and dogs.",
        texts.get(1));
    assertEquals(10, VectorFileInfo.read(whole).count());

    // what a run stopped in its second batch leaves: 4 whole records and part of a fifth, 5 text
    // lines
    Path resumed = dir.resolve("resumed.fvecs");
    long record = VectorFileInfo.read(whole).recordBytes();
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(
        dir.resolve("resumed.fvecs.partial"),
        Arrays.copyOf(bytes, (int) (4 * record + record / 2)));
    Files.write(dir.resolve("resumed.tsv.partial"), texts.subList(0, 5), StandardCharsets.UTF_8);
    StringWriter log = new StringWriter();
    assertEquals(
        0,
        embed(
            log,
            "--input",
            input.toString(),
            "--skip",
            "2",
            "-n",
            "10",
            "--batch",
            "4",
            "-o",
            resumed.toString()));
    assertTrue(log.toString(), log.toString().contains("resuming at 4"));
    assertEquals(texts, Files.readAllLines(dir.resolve("resumed.tsv"), StandardCharsets.UTF_8));
    try (MappedVectorFile a = MappedVectorFile.open(whole);
        MappedVectorFile b = MappedVectorFile.open(resumed)) {
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals("vector " + i, a.floats(i, null), b.floats(i, null), 1e-6f);
      }
    }
    assertTrue("no partial file is left", !Files.exists(dir.resolve("resumed.fvecs.partial")));
  }

  @Test
  public void tooFewPassagesIsReportedNotPadded() throws Exception {
    Path input = tmp.getRoot().toPath().resolve("short.txt");
    Files.write(input, List.of("Only one passage is here."), StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EmbedCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "--input",
            input.toString(),
            "-n",
            "3",
            "-o",
            tmp.getRoot().toPath().resolve("o.fvecs").toString());
    assertTrue(exit != 0);
    assertTrue(err.toString(), err.toString().contains("fewer than the 3 asked for"));
  }

  private static int embed(String... args) {
    return embed(new StringWriter(), args);
  }

  private static int embed(StringWriter log, String... args) {
    CommandLine cli = new CommandLine(new EmbedCommand());
    cli.setOut(new PrintWriter(log, true));
    return cli.execute(args);
  }
}
