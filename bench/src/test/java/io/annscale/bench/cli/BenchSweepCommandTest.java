package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.report.SweepFrontier;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.testutil.GeneratedDataSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code bench sweep}: one run per grid point, every point's settings labelled, the frontier and
 * the report.
 */
public class BenchSweepCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void everyGridPointIsMeasuredAndTheFrontierIsParetoOptimal() throws Exception {
    Path dir = tmp.newFolder().toPath();
    GeneratedDataSet data = GeneratedDataSet.create(dir.resolve("data"), 2_000, 16, 20);
    Path sweep = dir.resolve("sweep");
    StringWriter log = new StringWriter();
    int exit =
        command(log)
            .execute(
                "--grid",
                "maxconn=4,16",
                "--grid",
                "beam-width=20,100",
                "--sweep-dir",
                sweep.toString(),
                "--base",
                data.base().toString(),
                "--queries",
                data.queries().toString(),
                "--truth",
                data.truth().toString(),
                "--formats",
                "lucene-hnsw",
                "--fanouts",
                "10,40",
                "--threads",
                "1",
                "--min-seconds",
                "0.05",
                "--repeats",
                "1",
                "--warmup-seconds",
                "0",
                "--no-fork",
                "--index-dir",
                dir.resolve("indexes").toString());
    assertEquals(log.toString(), 0, exit);
    EmbeddedBenchmark.Result all =
        Json.MAPPER.readValue(sweep.resolve("sweep.json").toFile(), EmbeddedBenchmark.Result.class);
    Set<String> labels =
        all.searches().stream().map(SearchRecord::format).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "lucene-hnsw maxconn=4 beam-width=20",
            "lucene-hnsw maxconn=4 beam-width=100",
            "lucene-hnsw maxconn=16 beam-width=20",
            "lucene-hnsw maxconn=16 beam-width=100"),
        labels);
    assertEquals(8, all.searches().size());
    assertEquals(4, all.builds().size());
    assertTrue(Files.isRegularFile(sweep.resolve("frontier.json")));
    assertTrue(Files.isRegularFile(sweep.resolve("report").resolve("index.html")));
    List<SweepFrontier.Point> frontier = SweepFrontier.of(all.searches());
    assertTrue(!frontier.isEmpty() && frontier.size() <= all.searches().size());
    // nothing measured beats a frontier point on both recall and QPS
    for (SweepFrontier.Point p : frontier) {
      for (SearchRecord s : all.searches()) {
        assertTrue(p + " dominated by " + s, !(s.recall() > p.recall() && s.qps() > p.qps()));
      }
    }
  }

  @Test
  public void diskAnnDegreeAndBeamWidthAreSweptAndKeyTheirIndexes() throws Exception {
    Path dir = tmp.newFolder().toPath();
    GeneratedDataSet data = GeneratedDataSet.create(dir.resolve("data"), 2_000, 16, 20);
    Path sweep = dir.resolve("sweep");
    StringWriter log = new StringWriter();
    int exit =
        command(log)
            .execute(
                "--grid",
                "diskann-max-degree=16,32",
                "--grid",
                "diskann-beam-width=1,8",
                "--sweep-dir",
                sweep.toString(),
                "--base",
                data.base().toString(),
                "--queries",
                data.queries().toString(),
                "--truth",
                data.truth().toString(),
                "--formats",
                "diskann",
                "--diskann-pq-subspaces",
                "8",
                "--fanouts",
                "20",
                "--threads",
                "1",
                "--min-seconds",
                "0.05",
                "--repeats",
                "1",
                "--warmup-seconds",
                "0",
                "--no-fork",
                "--index-dir",
                dir.resolve("indexes").toString());
    assertEquals(log.toString(), 0, exit);
    EmbeddedBenchmark.Result all =
        Json.MAPPER.readValue(sweep.resolve("sweep.json").toFile(), EmbeddedBenchmark.Result.class);
    assertEquals(4, all.searches().size());
    for (SearchRecord s : all.searches()) {
      assertTrue(s.toString(), s.recall() > 0.5);
    }
    // R and m (DiskANN's own) change the index (two builds, named by them); W is query-time (each
    // R's second point reuses it)
    try (var indexes = Files.list(dir.resolve("indexes"))) {
      assertEquals(
          Set.of("R16-m8", "R32-m8"),
          indexes
              .map(p -> p.getFileName().toString())
              .map(n -> n.replaceAll("^diskann-M16-B100-(R\\d+-m8)-.*$", "$1"))
              .collect(Collectors.toSet()));
    }
    assertEquals(2, all.builds().stream().filter(b -> !b.reused()).count());
  }

  @Test
  public void frontierKeepsOnlyUndominatedSettings() {
    List<SearchRecord> searches =
        List.of(
            record("f a", 0.90, 1000),
            record("f b", 0.95, 800),
            record("f c", 0.93, 700),
            record("f d", 0.99, 300),
            record("g a", 0.5, 10));
    List<SweepFrontier.Point> frontier = SweepFrontier.of(searches);
    assertEquals(
        List.of("d", "b", "a"),
        frontier.stream()
            .filter(p -> p.format().equals("f"))
            .map(SweepFrontier.Point::configuration)
            .toList());
    assertEquals(1, frontier.stream().filter(p -> p.format().equals("g")).count());
  }

  @Test
  public void badGridsAreRefusedByName() {
    StringWriter err = new StringWriter();
    CommandLine cli = command(new StringWriter());
    cli.setErr(new PrintWriter(err, true));
    assertNotEquals(0, cli.execute("--grid", "efSearch=1,2", "--base", "x"));
    assertTrue(err.toString(), err.toString().contains("--grid efSearch=1,2"));
    assertTrue(BenchSweepCommand.combinations(Map.of()).size() == 1);
  }

  private static SearchRecord record(String label, double recall, double qps) {
    return new SearchRecord(
        label,
        10,
        1,
        10,
        100,
        100,
        qps,
        0,
        0,
        0,
        0,
        0,
        0,
        recall,
        recall,
        recall,
        -1,
        0,
        0,
        List.of(qps),
        0,
        0,
        0);
  }

  private static CommandLine command(StringWriter log) {
    CommandLine cli = new CommandLine(new BenchSweepCommand());
    cli.setOut(new PrintWriter(log, true));
    return cli;
  }
}
