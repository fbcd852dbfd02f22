package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code bench run} end to end through its CLI, each format in its own JVM, and its bad-input
 * messages.
 */
public class BenchRunCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void forkedRunJoinsEveryFormatsResult() throws Exception {
    Path dir = tmp.newFolder().toPath();
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(Distribution.clustered(20, 0.5, 7, 16), 16, 7, 1);
    Path base = dir.resolve("base.fvecs");
    Path queries = dir.resolve("query.fvecs");
    generator.write(base, 2_000, SyntheticDataGenerator.Stream.BASE, done -> {});
    generator.write(queries, 20, SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queryVectors = new float[20 * 16];
    try (VectorFileReader reader = VectorFileReader.open(queries)) {
      reader.read(queryVectors, 20);
    }
    GroundTruth truth;
    try (VectorFileReader reader = VectorFileReader.open(base)) {
      truth =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, 1, 500, DistanceKernels.best())
              .search(queryVectors, reader, done -> {});
    }
    Path truthFile = dir.resolve("truth.ivecs");
    truth.write(truthFile, null);
    Path out = dir.resolve("result.json");
    StringWriter log = new StringWriter();
    int exit =
        command(log)
            .execute(
                "--base",
                base.toString(),
                "--queries",
                queries.toString(),
                "--truth",
                truthFile.toString(),
                "--formats",
                "lucene-hnsw,pq8-hnsw",
                "--fanouts",
                "10,100",
                "--threads",
                "1",
                "--min-seconds",
                "0.01",
                "--repeats",
                "2",
                "--warmup-seconds",
                "0",
                "--index-dir",
                dir.resolve("indexes").toString(),
                "-o",
                out.toString(),
                "--diskann-cache-mb",
                "1.5");
    assertEquals(log.toString(), 0, exit);
    EmbeddedBenchmark.Result result =
        Json.MAPPER.readValue(out.toFile(), EmbeddedBenchmark.Result.class);
    assertEquals("told to the forked JVMs", "1.5", result.environment().diskAnnCacheMb());
    assertEquals(
        "in the parameters the forked JVMs read",
        1_572_864,
        result.parameters().diskAnnRead().cacheBytes());
    assertEquals(2, result.builds().size());
    assertEquals(4, result.searches().size());
    assertEquals("pq8-hnsw", result.searches().get(2).format());
    assertEquals(2, result.searches().get(2).qpsRuns().size());
    assertTrue(result.searches().get(2).recall() > 0.5);
    // recall@100 needs 100 results: measured with a search list of 100, not with one of 10
    for (SearchRecord search : result.searches()) {
      if (search.fanout() == 10) {
        assertEquals(search.toString(), -1, search.recallAt100(), 0);
      } else {
        assertTrue(search.toString(), search.recallAt100() > 0.5 && search.recallAt100() <= 1);
        assertTrue(search.toString(), search.recall() >= 0.9);
      }
    }
    assertTrue(log.toString(), log.toString().contains("lucene-hnsw in a fresh JVM"));
  }

  @Test
  public void badOptionsNameTheOptionAndValue() throws Exception {
    Path dir = tmp.newFolder().toPath();
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(Distribution.clustered(5, 0.5, 7, 8), 8, 7, 1);
    Path base = dir.resolve("base.fvecs");
    generator.write(base, 100, SyntheticDataGenerator.Stream.BASE, done -> {});
    CommandLine cli = command(new StringWriter());
    String err = failure(cli, base, "--repeats", "0");
    assertTrue(err, err.contains("--repeats 0"));

    err = failure(cli, base, "--diskann-cache-mb", "lots");
    assertTrue(err, err.contains("--diskann-cache-mb=lots"));

    err = failure(cli, base, "--diskann-io", "o_direct");
    assertTrue(err, err.contains("--diskann-io=o_direct"));

    err = failure(cli, base, "--merge-workers", "-1");
    assertTrue(err, err.contains("--merge-workers -1"));

    err =
        failure(
            cli,
            base,
            "--formats",
            "lucene-hnsw",
            "--zk-host",
            "127.0.0.1:1",
            "--merge-workers",
            "2");
    assertTrue(err, err.contains("--merge-workers 2 applies to embedded runs"));
  }

  /**
   * Runs with {@code base} as base, queries and truth plus {@code options}; asserts it fails and
   * returns stderr.
   */
  private static String failure(CommandLine cli, Path base, String... options) {
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--base",
                base.toString(),
                "--queries",
                base.toString(),
                "--truth",
                base.toString()));
    args.addAll(List.of(options));
    assertTrue("exit code", cli.execute(args.toArray(String[]::new)) != 0);
    return err.toString();
  }

  @Test
  public void runsOnAnAnnBenchmarksHdf5File() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Path out = dir.resolve("result.json");
    StringWriter log = new StringWriter();
    int exit =
        command(log)
            .execute(
                "--dataset",
                io.annscale.bench.dataset.AnnBenchmarksFileTest.FIXTURE.toString(),
                "--extract-dir",
                dir.resolve("extracted").toString(),
                "--formats",
                "lucene-hnsw,diskann",
                "--fanouts",
                "10,40",
                "--threads",
                "1",
                "--min-seconds",
                "0.01",
                "--repeats",
                "1",
                "--warmup-seconds",
                "0",
                "--no-fork",
                "--index-dir",
                dir.resolve("indexes").toString(),
                "-o",
                out.toString());
    assertEquals(log.toString(), 0, exit);
    assertTrue(
        log.toString(),
        log.toString().contains("600 base, 30 queries, top 100, dimension 16, cosine"));
    EmbeddedBenchmark.Result result =
        Json.MAPPER.readValue(out.toFile(), EmbeddedBenchmark.Result.class);
    assertEquals("the file's distance attribute", Metric.COSINE, result.parameters().metric());
    assertEquals(600, result.parameters().count());
    assertEquals(4, result.searches().size());
    for (SearchRecord search : result.searches()) {
      if (search.fanout() == 40) {
        assertTrue(search.toString(), search.recall() >= 0.95);
      }
    }
    // --dataset replaces the other inputs: both at once is refused, naming them
    String refused =
        failure(
            command(new StringWriter()),
            dir.resolve("base.fvecs"),
            "--dataset",
            io.annscale.bench.dataset.AnnBenchmarksFileTest.FIXTURE.toString());
    assertTrue(refused, refused.contains("--dataset") && refused.contains("--base"));
  }

  private static CommandLine command(StringWriter log) {
    CommandLine cli = new CommandLine(new BenchRunCommand());
    cli.setOut(new PrintWriter(log, true));
    return cli;
  }
}
