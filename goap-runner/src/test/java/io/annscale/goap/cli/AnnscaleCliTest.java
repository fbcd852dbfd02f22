package io.annscale.goap.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.annscale.bench.cli.Json;
import io.annscale.bench.data.VectorFileInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The command line as a user drives it: exit codes, files written, summary lines, one-line errors.
 */
public class AnnscaleCliTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static JsonNode summary(CliRun run) throws Exception {
    String line =
        Arrays.stream(run.out().split("\n"))
            .filter(l -> l.startsWith("SUMMARY "))
            .reduce((a, b) -> b)
            .orElseThrow();
    return Json.MAPPER.readTree(line.substring("SUMMARY ".length()));
  }

  @Test
  public void generateGroundTruthRecallChain() throws Exception {
    Path dir = tmp.getRoot().toPath();
    CliRun gen =
        run(
            "generate",
            "-n",
            "3K",
            "-q",
            "20",
            "-d",
            "16",
            "--clusters",
            "8",
            "-o",
            dir.toString(),
            "--format",
            "fbin");
    assertEquals(gen.err(), 0, gen.code());
    assertEquals(3000, VectorFileInfo.read(dir.resolve("base.fbin")).count());
    assertEquals(20, VectorFileInfo.read(dir.resolve("query.fbin")).count());

    CliRun gt =
        run(
            "groundtruth",
            "--base",
            dir.resolve("base.fbin").toString(),
            "--queries",
            dir.resolve("query.fbin").toString(),
            "-k",
            "10",
            "--metric",
            "cosine",
            "--baseline",
            "--out",
            dir.resolve("gt.ivecs").toString());
    assertEquals(gt.err(), 0, gt.code());
    JsonNode s = summary(gt);
    assertEquals(1.0, s.get("baselineAgreement").asDouble(), 0);
    assertEquals("cosine", s.get("metric").asText());
    assertTrue(Files.exists(dir.resolve("gt.dist.fvecs")));

    CliRun recall =
        run(
            "recall",
            "--results",
            dir.resolve("gt.ivecs").toString(),
            "--truth",
            dir.resolve("gt.ivecs").toString(),
            "--truth-distances",
            dir.resolve("gt.dist.fvecs").toString(),
            "--result-distances",
            dir.resolve("gt.dist.fvecs").toString(),
            "-k",
            "10");
    assertEquals(recall.err(), 0, recall.code());
    assertEquals(1.0, summary(recall).get("recall").asDouble(), 0);
    assertTrue(summary(recall).get("tieAware").asBoolean());
  }

  @Test
  public void badInputGivesOneLineErrorsNamingTheProblem() throws Exception {
    Path dir = tmp.getRoot().toPath();
    CliRun missing =
        run("groundtruth", "--base", dir.resolve("nope.fvecs").toString(), "--queries", "q.fvecs");
    assertEquals(1, missing.code());
    assertEquals(
        "groundtruth: error: " + dir.resolve("nope.fvecs") + ": not a readable file\n",
        missing.err());

    run("generate", "-n", "100", "-q", "5", "-d", "8", "-o", dir.resolve("a").toString());
    run("generate", "-n", "100", "-q", "5", "-d", "9", "-o", dir.resolve("b").toString());
    CliRun dims =
        run(
            "groundtruth",
            "--base",
            dir.resolve("a/base.fvecs").toString(),
            "--queries",
            dir.resolve("b/query.fvecs").toString());
    assertEquals(1, dims.code());
    assertTrue(dims.err(), dims.err().contains("has dimension 9 but --base"));
    assertFalse(dims.err(), dims.err().contains("\tat "));

    CliRun metric =
        run(
            "groundtruth",
            "--base",
            dir.resolve("a/base.fvecs").toString(),
            "--queries",
            dir.resolve("a/query.fvecs").toString(),
            "--metric",
            "hamming");
    assertEquals(1, metric.code());
    assertTrue(
        metric.err(),
        metric.err().contains("unknown metric 'hamming'; expected one of euclidean|l2"));

    CliRun count = run("generate", "-n", "lots");
    assertEquals(2, count.code());
    assertTrue(count.err(), count.err().contains("'lots' is not a count"));

    CliRun unknown = run("generate", "--colour", "red");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err(), unknown.err().contains("Unknown options: '--colour'"));
  }
}
