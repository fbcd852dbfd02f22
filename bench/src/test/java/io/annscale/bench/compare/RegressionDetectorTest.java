package io.annscale.bench.compare;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.cli.BenchCompareCommand;
import io.annscale.bench.cli.Json;
import io.annscale.bench.run.BuildKey;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
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
import picocli.CommandLine;

public class RegressionDetectorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static SearchRecord search(int fanout, double qps, long p99Micros, double recall) {
    return new SearchRecord(
        "pq8-hnsw",
        fanout,
        1,
        10,
        100,
        1000,
        qps,
        500,
        400,
        600,
        p99Micros,
        p99Micros,
        p99Micros,
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

  private static BuildRecord build(double seconds, double hotBytes) {
    BuildKey key =
        new BuildKey(
            Path.of("/data/base.fvecs"),
            1,
            1,
            1000,
            Metric.EUCLIDEAN,
            VectorFormatChoice.PQ8_HNSW,
            16,
            100,
            0,
            null);
    return new BuildRecord(
        key, seconds, 0, seconds, 600_000, (long) (hotBytes * 1000), 600, hotBytes, false, 1);
  }

  /**
   * A run at the given speed factor (QPS times it, p99 divided by it), recall shift and hot bytes.
   */
  private static EmbeddedBenchmark.Result run(double speed, double recallShift, double hotBytes) {
    return new EmbeddedBenchmark.Result(
        null,
        null,
        List.of(build(100, hotBytes)),
        List.of(
            search(10, 2000 * speed, (long) (900 / speed), 0.90 + recallShift),
            search(40, 1000 * speed, (long) (1800 / speed), 0.97 + recallShift)));
  }

  private final RegressionDetector detector = new RegressionDetector(RegressionThresholds.DEFAULT);

  @Test
  public void anIdenticalRunPasses() {
    RegressionDetector.Report report = detector.compare(run(1, 0, 97), run(1, 0, 97));
    assertEquals(Severity.OK, report.verdict());
    assertEquals(2 * 3 + 3, report.findings().size());
  }

  @Test
  public void noiseWithinTheThresholdsPasses() {
    assertEquals(Severity.OK, detector.compare(run(1, 0, 97), run(0.95, 0, 97)).verdict());
  }

  @Test
  public void aSlowerRunIsACriticalRegression() {
    RegressionDetector.Report report = detector.compare(run(1, 0, 97), run(0.7, 0, 97));
    assertEquals(Severity.CRITICAL, report.verdict());
    Finding qps =
        report.findings().stream().filter(f -> f.metric().equals("qps")).findFirst().orElseThrow();
    assertEquals(-30, qps.change(), 1e-9);
    assertEquals(Severity.CRITICAL, qps.severity());
  }

  @Test
  public void lowerRecallAndMoreMemoryAreFlagged() {
    RegressionDetector.Report recall = detector.compare(run(1, 0, 97), run(1, -0.02, 97));
    assertEquals(Severity.CRITICAL, recall.verdict());
    RegressionDetector.Report memory = detector.compare(run(1, 0, 97), run(1, 0, 104));
    assertEquals(
        Severity.WARNING, memory.verdict()); // +7.2%: over the 5% warning, under the 10% limit
  }

  @Test
  public void aSettingMissingFromTheCurrentRunIsCritical() {
    EmbeddedBenchmark.Result partial =
        new EmbeddedBenchmark.Result(
            null, null, List.of(build(100, 97)), List.of(search(10, 2000, 900, 0.9)));
    RegressionDetector.Report report = detector.compare(run(1, 0, 97), partial);
    assertEquals(Severity.CRITICAL, report.verdict());
    assertTrue(
        report.findings().stream()
            .anyMatch(
                f ->
                    f.setting().equals("pq8-hnsw fanout=40 threads=1")
                        && f.metric().equals("present")));
  }

  @Test
  public void thresholdsComeFromTomlAndMisspeltKeysAreErrors() throws Exception {
    Path toml = tmp.getRoot().toPath().resolve("t.toml");
    Files.writeString(toml, "[qps_drop_percent]\nwarning = 1\ncritical = 2\n");
    RegressionThresholds strict = RegressionThresholds.read(toml);
    assertEquals(2, strict.qpsDropPercent().critical(), 0);
    assertEquals(RegressionThresholds.DEFAULT.recallDrop(), strict.recallDrop());
    assertEquals(
        Severity.CRITICAL,
        new RegressionDetector(strict).compare(run(1, 0, 97), run(0.95, 0, 97)).verdict());
    Files.writeString(toml, "[qps_drop_percnt]\nwarning = 1\ncritical = 2\n");
    assertThrows(Exception.class, () -> RegressionThresholds.read(toml));
    assertThrows(IllegalArgumentException.class, () -> new Threshold(5, 1));
  }

  /** The CLI as CI uses it: exit 0 for an identical run, 3 for a slower one, with a JSON report. */
  @Test
  public void cliExitCodesGateCi() throws Exception {
    Path base = tmp.getRoot().toPath().resolve("base.json");
    Path same = tmp.getRoot().toPath().resolve("same.json");
    Path slow = tmp.getRoot().toPath().resolve("slow.json");
    Json.MAPPER.writeValue(base.toFile(), run(1, 0, 97));
    Json.MAPPER.writeValue(same.toFile(), run(1, 0, 97));
    Json.MAPPER.writeValue(slow.toFile(), run(0.6, 0, 97));
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCompareCommand());
    cli.setOut(new PrintWriter(out));
    assertEquals(
        out.toString(),
        0,
        cli.execute("--baseline", base.toString(), "--current", same.toString()));
    Path report = tmp.getRoot().toPath().resolve("report.json");
    assertEquals(
        BenchCompareCommand.REGRESSION_EXIT_CODE,
        cli.execute(
            "--baseline", base.toString(), "--current", slow.toString(), "-o", report.toString()));
    assertTrue(
        out.toString(),
        out.toString()
            .contains("| pq8-hnsw fanout=10 threads=1 | qps | 2000 | 1200 | -40.0% | CRITICAL |"));
    assertTrue(Files.readString(report).contains("\"verdict\" : \"CRITICAL\""));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertTrue(
        cli.execute(
                "--baseline",
                base.toString(),
                "--current",
                tmp.getRoot().toPath().resolve("none.json").toString())
            != 0);
    assertTrue(
        err.toString(),
        err.toString().contains("--current") && err.toString().contains("no such file"));
  }
}
