package io.annscale.bench.cli;

import io.annscale.bench.report.HtmlReport;
import io.annscale.bench.run.EmbeddedBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench report}: an HTML page with PNG charts from a {@code bench run} result; from a {@code
 * bench soak} result, the series' trends fitted again by this code and the soak's charts.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write index.html (charts embedded) and the PNG charts (recall vs QPS, latency) of a `bench run` result;",
      "for a `bench soak` result, print its series' trends as this code fits them and write its charts."
    })
public final class BenchReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--result",
      required = true,
      description = "A `bench run` or `bench soak` result JSON.")
  Path result;

  @Option(
      names = {"-o", "--out-dir"},
      required = true,
      description = "Folder for index.html and the PNGs.")
  Path out;

  @Option(names = "--title", description = "Page title (default: the result file's name).")
  String title;

  @Override
  public Integer call() throws IOException {
    if (Files.isRegularFile(result) == false) {
      throw new IllegalArgumentException("--result " + result + ": no such file");
    }
    com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree(result.toFile());
    if (tree.has("soak")) {
      return soakReport(
          Json.MAPPER.treeToValue(tree.get("soak"), io.annscale.bench.solr.SolrSoak.Outcome.class));
    }
    EmbeddedBenchmark.Result run = Json.MAPPER.treeToValue(tree, EmbeddedBenchmark.Result.class);
    Path html =
        HtmlReport.write(
            run, title != null ? title : "annscale bench: " + result.getFileName(), out);
    spec.commandLine().getOut().println("bench report: " + html);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private int soakReport(io.annscale.bench.solr.SolrSoak.Outcome soak) throws IOException {
    java.io.PrintWriter log = spec.commandLine().getOut();
    for (var trend : io.annscale.bench.solr.SoakTrends.fit(soak.samples())) {
      log.println("bench report: trend " + trend.describe());
    }
    io.annscale.bench.solr.SolrSoak.HeapGrowth growth = soak.heapGrowth();
    if (growth != null) {
      log.printf(
          java.util.Locale.ROOT,
          "bench report: heap growth %s %+.1f MB/h%n",
          growth.measure(),
          growth.megabytesPerHour());
    }
    log.println(
        "bench report: charts "
            + io.annscale.bench.report.SoakCharts.write(soak, out.toAbsolutePath()));
    log.flush();
    return 0;
  }
}
