package io.annscale.bench.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.solr.SoakTrends;
import io.annscale.bench.solr.SolrSoak;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code bench report} on a {@code bench soak} result: the series are fitted again by this code (a
 * result written before a series' fit existed gets it) and the charts are written.
 */
public class BenchReportSoakTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aSoakResultIsFittedAgainAndCharted() throws Exception {
    // 30 samples: the heap after full collections rises 120 MB per hour; the result holds no trends
    List<SolrSoak.Sample> samples =
        IntStream.rangeClosed(1, 30)
            .mapToObj(
                m ->
                    new SolrSoak.Sample(
                        m,
                        900_000_000L,
                        400_000_000L + m * 2_000_000L,
                        3_000_000_000L,
                        400,
                        6,
                        100,
                        900,
                        2_000,
                        0,
                        500L * m))
            .toList();
    SolrSoak.Outcome soak =
        new SolrSoak.Outcome(
            "diskann",
            "test",
            new SolrSoak.Settings(1000, 30, 60, 500, 500, 1, 40, 0, true),
            10,
            -1,
            -1,
            -1,
            -1,
            samples,
            List.of(),
            15_000,
            0,
            -1,
            -1);
    Path result = tmp.getRoot().toPath().resolve("soak.json");
    Json.MAPPER.writeValue(result.toFile(), Map.of("soak", soak));
    Path out = tmp.getRoot().toPath().resolve("charts");
    StringWriter log = new StringWriter();
    CommandLine cli = new CommandLine(new BenchReportCommand());
    cli.setOut(new PrintWriter(log, true));
    int exit = cli.execute("--result", result.toString(), "-o", out.toString());
    assertEquals(log.toString(), 0, exit);
    SoakTrends.Trend floor = SoakTrends.heap(SoakTrends.fit(samples));
    assertEquals(120e6, floor.slopePerHour(), 1e-3);
    assertTrue(log.toString(), log.toString().contains("trend " + floor.describe()));
    assertTrue(log.toString(), Files.size(out.resolve("soak-resources.png")) > 1_000);
    assertTrue(log.toString(), Files.size(out.resolve("soak-queries.png")) > 1_000);
  }
}
