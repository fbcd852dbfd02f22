package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.annscale.bench.testutil.GeneratedDataSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code bench faults}: a run's figures land in the result JSON and its verdict in the exit status;
 * an unknown fault is refused by name before any node starts.
 */
public class BenchFaultsCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aControlRunAndANodeStopOnStockSolrAreSurvivedAndRecorded() throws Exception {
    Path dir = tmp.newFolder().toPath();
    GeneratedDataSet data = GeneratedDataSet.create(dir.resolve("data"), 1_200, 16, 10);
    Path result = dir.resolve("faults.json");
    StringWriter log = new StringWriter();
    int exit =
        command(log)
            .execute(
                "--base", data.base().toString(),
                "--queries", data.queries().toString(),
                "--truth", data.truth().toString(),
                "--faults", "none,node-stop",
                "--formats", "lucene-hnsw",
                "--batch-size", "100",
                "--rate", "100",
                "--cluster-dir", dir.resolve("cluster").toString(),
                "-o", result.toString());
    assertEquals(log.toString(), 0, exit);
    JsonNode outcomes = Json.MAPPER.readTree(result.toFile()).get("outcomes");
    assertEquals(log.toString(), 2, outcomes.size());
    for (int i = 0; i < 2; i++) {
      JsonNode outcome = outcomes.get(i);
      assertEquals(log.toString(), i == 0 ? "none" : "node-stop", outcome.get("fault").asText());
      assertEquals(log.toString(), 1_200, outcome.get("acknowledged").asLong());
      assertEquals(log.toString(), 1_200, outcome.get("found").asLong());
      assertEquals(log.toString(), 0, outcome.get("lost").asLong());
      assertTrue(log.toString(), outcome.get("recall").asDouble() >= 0.95);
    }
    assertTrue(log.toString(), log.toString().contains("survived"));
  }

  @Test
  public void anUnknownFaultIsRefusedByName() throws Exception {
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = command(log);
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "--base",
            "b.fvecs",
            "--queries",
            "q.fvecs",
            "--truth",
            "t.ivecs",
            "--faults",
            "meteor");
    assertTrue(err.toString(), exit != 0);
    assertTrue(err.toString(), err.toString().contains("fault 'meteor'"));
    assertTrue(err.toString(), err.toString().contains("[none, node-stop"));
  }

  private static CommandLine command(StringWriter log) {
    CommandLine cli = new CommandLine(new BenchFaultsCommand());
    cli.setOut(new PrintWriter(log, true));
    return cli;
  }
}
