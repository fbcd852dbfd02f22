package io.annscale.goap.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.annscale.bench.cli.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code plan}, {@code run} and {@code resume} as README's main command runs them: M1 on the quick
 * profile against a local SolrCloud (real Solr nodes and ZooKeeper), ending with a report that
 * judges every criterion on a measured figure, then resumed from its state file.
 */
public class MilestoneCommandsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final Path FIXTURE =
      Path.of("..", "bench", "src", "test", "resources", "hdf5", "tiny-angular.hdf5");

  /**
   * M1 on the quick profile, embedded, on the committed HDF5 fixture (600 x 16), plus {@code
   * options}.
   */
  private static CliRun embeddedRunOnTheFixture(Path dir, Path runDir, String... options) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "run",
                "--goal",
                "M1",
                "--profile",
                "quick",
                "--target",
                "embedded",
                "--data",
                FIXTURE.toString(),
                "--run-dir",
                runDir.toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--costs",
                dir.resolve("costs.json").toString()));
    args.addAll(java.util.List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  public void planPrintsEveryStepWithCostAndTheCriteria() {
    CliRun plan =
        run(
            "plan",
            "--goal",
            "M1",
            "--profile",
            "quick",
            "--costs",
            tmp.getRoot().toPath().resolve("c.json").toString());
    assertEquals(plan.err(), 0, plan.code());
    for (String step :
        new String[] {
          "A2 prepare dataset",
          "A5 open target",
          "A7 baseline lucene-hnsw",
          "A6 memory profile",
          "A10 tune search list",
          "A9 quantization pq8-hnsw",
          "A8 validate recall",
          "shard migration",
          "report"
        }) {
      assertTrue(step + " in\n" + plan.out(), plan.out().contains(step));
    }
    assertTrue(plan.out(), plan.out().contains("selected.recall@10 >= 0.95"));
    CliRun unknown = run("plan", "--goal", "M7");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err(), unknown.err().startsWith("plan: error: unknown milestone 'M7'"));
  }

  @Test
  public void aRunMeasuresTheDataItIsGivenAndItsResumeKeepsIt() throws Exception {
    Path dir = tmp.getRoot().toPath();
    Path runDir = dir.resolve("hdf5-run");
    CliRun m1 = embeddedRunOnTheFixture(dir, runDir);
    assertEquals(m1.out() + m1.err(), 0, m1.code());
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report, report.contains("Data: ann-benchmarks tiny-angular.hdf5, 600 x 16, cosine"));
    JsonNode bench = Json.MAPPER.readTree(runDir.resolve("bench-lucene-hnsw.json").toFile());
    assertEquals("COSINE", bench.get("parameters").get("metric").asText());
    assertEquals(600, bench.get("parameters").get("count").asInt());
    JsonNode state = Json.MAPPER.readTree(runDir.resolve("state.json").toFile());
    assertEquals(FIXTURE.toString(), state.get("data").asText());
    CliRun resumed =
        run(
            "resume",
            "--run-dir",
            runDir.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--costs",
            dir.resolve("costs.json").toString());
    assertEquals(resumed.out() + resumed.err(), 0, resumed.code());
    assertTrue(
        resumed.out(), resumed.out().contains("M1 quick: not reached: 2 not judged at this tier"));
    String again = Files.readString(runDir.resolve("report.md"));
    assertTrue(
        "the resumed run's profile has the journal's data\n" + again,
        again.contains("Data: ann-benchmarks tiny-angular.hdf5, 600 x 16, cosine"));
  }

  @Test
  public void aMissedCriterionMeansNotReachedAndExitStatus3() throws Exception {
    Path dir = tmp.getRoot().toPath();
    Path runDir = dir.resolve("tight-run");
    CliRun m1 = embeddedRunOnTheFixture(dir, runDir, "--memory-budget", "1");
    assertEquals(m1.out() + m1.err(), 3, m1.code());
    assertTrue(
        m1.out(),
        m1.out().contains("M1 quick: not reached: 1 of 4 criteria missed (memory per vector)"));
    String[] lines = m1.out().strip().split("\n");
    assertTrue(
        "the last lines are the verdicts\n" + m1.out(),
        lines[lines.length - 1].startsWith("goap: criterion p99")
            && lines[lines.length - 5].contains("not reached"));
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report, report.contains("| **missed** |"));
  }

  @Test
  public void quickM1OnLocalSolrCloudReportsEveryCriterionAndResumes() throws Exception {
    Path dir = tmp.getRoot().toPath();
    Path runDir = dir.resolve("run");
    CliRun m1 =
        run(
            "run",
            "--goal",
            "M1",
            "--profile",
            "quick",
            "--run-dir",
            runDir.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--costs",
            dir.resolve("costs.json").toString());
    assertEquals(m1.out() + m1.err(), 0, m1.code());
    // Solr's warnings go to a file, named at the end, not among the run's own lines
    Matcher logLine = Pattern.compile("goap: Solr's log -> (\\S+)").matcher(m1.out());
    assertTrue(m1.out(), logLine.find() && Files.isRegularFile(Path.of(logLine.group(1))));
    String report = Files.readString(runDir.resolve("report.md"));
    Matcher verdicts =
        Pattern.compile(
                "\\| [^|]+ \\| [^|]+\\(measured [0-9.]+\\) \\| (met|\\*\\*missed\\*\\*|not judged at this tier: [^|]+) \\|")
            .matcher(report);
    int criteria = 0;
    while (verdicts.find()) {
      criteria++;
    }
    assertEquals(report, 4, criteria);
    // 20K vectors on this machine judge memory and recall, not the plan's QPS and p99 for 1M on 16
    // cores
    assertTrue(
        report,
        report.contains(
            "Outcome: **not reached: 2 not judged at this tier (QPS with 2 clients; p99 latency, ms)**"));
    assertTrue(report, report.contains("| pq8-hnsw |") && report.contains("| lucene-hnsw |"));
    assertTrue(report, report.contains("SPLITSHARD") && report.contains("MOVEREPLICA"));
    assertTrue(Files.isRegularFile(runDir.resolve("bench-report").resolve("index.html")));
    JsonNode state = Json.MAPPER.readTree(runDir.resolve("state.json").toFile());
    assertEquals("done", state.get("status").asText());
    assertTrue(state.get("facts").get("recall.on-target").asBoolean());

    CliRun resumed =
        run(
            "resume",
            "--run-dir",
            runDir.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--costs",
            dir.resolve("costs.json").toString());
    assertEquals(resumed.out() + resumed.err(), 0, resumed.code());
    assertTrue(resumed.out(), resumed.out().contains("planning goal M1 reached"));
    JsonNode costs = Json.MAPPER.readTree(dir.resolve("costs.json").toFile()).get("quick/M1");
    assertTrue(
        costs.toString(),
        costs.has("A7 baseline lucene-hnsw")
            && costs.get("A7 baseline lucene-hnsw").asDouble() > 0);
  }
}
