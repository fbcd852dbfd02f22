package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code bench tier}: data, ground truth, every format, JSON and the report from one command; data
 * reused after.
 */
public class BenchTierCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void oneCommandMakesTheDataTheResultAndTheReport() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Path data = dir.resolve("data");
    Path out = dir.resolve("tier");
    String[] args = {
      "--size",
      "2K",
      "--dim",
      "16",
      "--data-dir",
      data.toString(),
      "-o",
      out.toString(),
      "--formats",
      "lucene-hnsw,pq8-hnsw,diskann",
      "--fanouts",
      "10,100",
      "--threads",
      "1",
      "--quick"
    };
    StringWriter log = new StringWriter();
    assertEquals(log.toString(), 0, command(log).execute(args));
    for (String file : List.of("base.fvecs", "query.fvecs", "gt100.ivecs", "gt100.dist.fvecs")) {
      assertTrue(file + "\n" + log, Files.isRegularFile(data.resolve(file)));
    }
    EmbeddedBenchmark.Result result =
        Json.MAPPER.readValue(out.resolve("result.json").toFile(), EmbeddedBenchmark.Result.class);
    assertEquals(
        Set.of("lucene-hnsw", "pq8-hnsw", "diskann"),
        result.searches().stream().map(SearchRecord::format).collect(Collectors.toSet()));
    assertEquals(3 * 2, result.searches().size());
    for (SearchRecord search : result.searches()) {
      assertTrue(search.toString(), search.recall() > 0.5);
      if (search.fanout() == 100) {
        assertTrue(search.toString(), search.recallAt100() > 0.5);
      }
    }
    assertTrue(Files.isRegularFile(out.resolve("report").resolve("index.html")));
    try (Stream<Path> files = Files.list(out.resolve("report"))) {
      assertTrue(log.toString(), files.anyMatch(f -> f.getFileName().toString().endsWith(".png")));
    }

    // a second run keeps the data set and its ground truth
    long generated = Files.getLastModifiedTime(data.resolve("base.fvecs")).toMillis();
    StringWriter again = new StringWriter();
    assertEquals(again.toString(), 0, command(again).execute(args));
    assertTrue(again.toString(), again.toString().contains("exists, reused"));
    assertEquals(generated, Files.getLastModifiedTime(data.resolve("base.fvecs")).toMillis());
  }

  @Test
  public void aTierOnAnAnnBenchmarksFile() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Path out = dir.resolve("tier");
    String fixture = io.annscale.bench.dataset.AnnBenchmarksFileTest.FIXTURE.toString();
    StringWriter log = new StringWriter();
    assertEquals(
        log.toString(),
        0,
        command(log)
            .execute(
                "--dataset",
                fixture,
                "--data-dir",
                dir.resolve("x").toString(),
                "-o",
                out.toString(),
                "--formats",
                "lucene-hnsw,pq8-hnsw",
                "--fanouts",
                "10,40",
                "--threads",
                "1",
                "--quick"));
    EmbeddedBenchmark.Result result =
        Json.MAPPER.readValue(out.resolve("result.json").toFile(), EmbeddedBenchmark.Result.class);
    assertEquals(io.annscale.bench.truth.Metric.COSINE, result.parameters().metric());
    assertEquals(4, result.searches().size());
    assertTrue(Files.isRegularFile(out.resolve("report").resolve("index.html")));

    StringWriter err = new StringWriter();
    CommandLine cli = command(new StringWriter());
    cli.setErr(new PrintWriter(err, true));
    assertTrue(cli.execute("--dataset", fixture, "--size", "1K") != 0);
    assertTrue(err.toString(), err.toString().contains("leave --size out"));
  }

  @Test
  public void aTooSmallTierIsRefusedByName() {
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = command(log);
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("--size", "10", "--data-dir", tmp.getRoot().toString());
    assertTrue(exit != 0);
    assertTrue(err.toString(), err.toString().contains("--size 10"));
  }

  private static CommandLine command(StringWriter log) {
    CommandLine cli = new CommandLine(new BenchTierCommand());
    cli.setOut(new PrintWriter(log, true));
    return cli;
  }
}
