package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.testutil.RealTextDataSet;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.distance.DistanceKernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * CI's recall gate: {@code bench run} of every annscale format and Lucene HNSW at fixed settings on
 * a small real set (6,000 text embeddings, {@link RealTextDataSet}) and a small synthetic one, then
 * {@code bench compare} against the results committed under {@code src/test/resources/recall-gate/}
 * with recall and memory thresholds only ({@code thresholds.toml}). A change that lowers recall
 * fails the build; one that raises it passes and, to become the new baseline, its result (written
 * to {@code target/recall-gate/}) is copied over the committed one.
 */
public class RecallGateTest {
  private static final Path BASELINES = Path.of("src", "test", "resources", "recall-gate");
  private static final Path CURRENT = Path.of("target", "recall-gate");
  private static final String FORMATS = "lucene-hnsw,pq8-hnsw,diskann";
  private static final String FANOUTS = "10,20,40";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void realTextEmbeddingsKeepTheirRecall() throws Exception {
    RealTextDataSet data = RealTextDataSet.get();
    gate(
        "docs-passages",
        data.base(),
        data.queries(),
        data.truth(),
        data.truthDistances(),
        "cosine");
  }

  @Test
  public void clusteredSyntheticVectorsKeepTheirRecall() throws Exception {
    Path dir = tmp.newFolder().toPath();
    int dim = 32;
    int queries = 200;
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(Distribution.clustered(50, 0.5, 42, dim), dim, 42, 1);
    Path base = dir.resolve("base.fvecs");
    Path query = dir.resolve("query.fvecs");
    generator.write(base, 5_000, SyntheticDataGenerator.Stream.BASE, done -> {});
    generator.write(query, queries, SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] queryVectors = new float[queries * dim];
    try (VectorFileReader reader = VectorFileReader.open(query)) {
      reader.read(queryVectors, queries);
    }
    GroundTruth truth;
    try (VectorFileReader reader = VectorFileReader.open(base)) {
      truth =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 100, 1, 500, DistanceKernels.best())
              .search(queryVectors, reader, done -> {});
    }
    Path truthFile = dir.resolve("truth.ivecs");
    Path distances = dir.resolve("truth.dist.fvecs");
    truth.write(truthFile, distances);
    gate("clustered", base, query, truthFile, distances, "euclidean");
  }

  private void gate(String name, Path base, Path queries, Path truth, Path distances, String metric)
      throws Exception {
    Files.createDirectories(CURRENT);
    Path current = CURRENT.resolve(name + ".json");
    StringWriter runLog = new StringWriter();
    CommandLine run = new CommandLine(new BenchRunCommand());
    run.setOut(new PrintWriter(runLog, true));
    run.setErr(new PrintWriter(runLog, true));
    int ran =
        run.execute(
            "--base",
            base.toString(),
            "--queries",
            queries.toString(),
            "--truth",
            truth.toString(),
            "--truth-distances",
            distances.toString(),
            "--metric",
            metric,
            "--formats",
            FORMATS,
            "--fanouts",
            FANOUTS,
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
            tmp.newFolder().toString(),
            "-o",
            current.toString());
    assertEquals(runLog.toString(), 0, ran);

    Path baseline = BASELINES.resolve(name + ".json");
    assertTrue(
        "no committed baseline " + baseline + ": review " + current + " and copy it there",
        Files.exists(baseline));
    StringWriter compareLog = new StringWriter();
    CommandLine compare = new CommandLine(new BenchCompareCommand());
    compare.setOut(new PrintWriter(compareLog, true));
    compare.setErr(new PrintWriter(compareLog, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--baseline",
                baseline.toString(),
                "--current",
                current.toString(),
                "--thresholds",
                BASELINES.resolve("thresholds.toml").toString(),
                "--all"));
    int verdict = compare.execute(args.toArray(String[]::new));
    System.out.println(compareLog); // every finding, in the test's output file
    assertEquals("recall or memory regressed against " + baseline + "\n" + compareLog, 0, verdict);
  }
}
