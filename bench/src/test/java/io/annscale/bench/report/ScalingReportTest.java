package io.annscale.bench.report;

import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.BuildKey;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ScalingReportTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** A run of {@code n} vectors whose build time is linear in n and whose QPS falls as n^-0.2. */
  private EmbeddedBenchmark.Result run(long n) {
    Path dir = tmp.getRoot().toPath();
    RunParameters parameters =
        new RunParameters(
            dir.resolve("base.fvecs"),
            dir.resolve("q.fvecs"),
            dir.resolve("t.ivecs"),
            null,
            Metric.EUCLIDEAN,
            n,
            List.of(VectorFormatChoice.PQ8_HNSW),
            16,
            100,
            0,
            0,
            List.of(10, 20),
            List.of(2),
            10,
            1,
            3,
            5,
            0.95,
            dir,
            false,
            256,
            42);
    BuildKey key =
        new BuildKey(
            dir.resolve("base.fvecs"),
            1,
            1,
            n,
            Metric.EUCLIDEAN,
            VectorFormatChoice.PQ8_HNSW,
            16,
            100,
            0,
            null);
    BuildRecord build =
        new BuildRecord(key, n / 1e4, 0, n / 1e4, n * 600, n * 97, 600, 97, false, 1);
    double qps = 1e5 * Math.pow(n, -0.2);
    List<SearchRecord> searches =
        List.of(
            new SearchRecord(
                "pq8-hnsw",
                10,
                2,
                10,
                100,
                1000,
                2 * qps,
                1,
                1,
                1,
                500,
                1,
                1,
                0.9,
                0.9,
                0.9,
                -1,
                0,
                0,
                List.of(),
                0,
                0,
                0),
            new SearchRecord(
                "pq8-hnsw",
                20,
                2,
                10,
                100,
                1000,
                qps,
                1,
                1,
                1,
                900,
                1,
                1,
                0.95,
                0.9,
                0.9,
                -1,
                0,
                0,
                List.of(),
                0,
                0,
                0));
    return new EmbeddedBenchmark.Result(null, parameters, List.of(build), searches);
  }

  @Test
  public void fitsEveryMetricAndProjects() throws Exception {
    StringWriter table = new StringWriter();
    Path html =
        ScalingReport.write(
            List.of(run(1_000_000), run(30_000), run(100_000), run(300_000)),
            0.95,
            tmp.getRoot().toPath().resolve("s"),
            new PrintWriter(table));
    String text = table.toString();
    assertTrue(
        text,
        text.contains(
            "| pq8-hnsw | build time (s) | 3.00 | 10.0 | 30.0 | 100 | n^1.000, R² 1.000 | 1.00e+04 | 1.00e+05 |"));
    assertTrue(text, text.contains("n^-0.200"));
    assertTrue(Files.readString(html).contains("data:image/png;base64,"));
    assertTrue(Files.exists(tmp.getRoot().toPath().resolve("s/scaling-0.png")));
  }
}
