package io.annscale.goap.report;

import io.annscale.bench.report.HtmlReport;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import io.annscale.goap.act.RunContext;
import io.annscale.goap.act.Selection;
import io.annscale.goap.loop.Finding;
import io.annscale.goap.loop.RunJournal;
import io.annscale.goap.loop.StepRecord;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Criterion;
import io.annscale.goap.scale.Milestone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.md} in the run directory: every criterion of the milestone met, missed or not
 * judged at the tier (and why) with the measured figure, the selected configuration, what each
 * format measured, the steps with their time and resources, the decisions and the findings; plus
 * the bench's HTML report (recall vs QPS and latency charts) of every measurement.
 */
public final class MilestoneReport {
  private MilestoneReport() {}

  public static Path write(
      Milestone milestone,
      WorldState state,
      RunContext context,
      RunJournal journal,
      List<Finding> findings,
      String outcome)
      throws IOException {
    StringBuilder md = new StringBuilder();
    var p = context.profile();
    md.append("# ").append(milestone.name()).append(": ").append(milestone.title()).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Outcome: **%s**. Target: %s. Profile `%s`: %s. Data: %s, %,d x %d, %s.%n%n",
            outcome,
            context.target().map(t -> t.describe()).orElse(context.targetSpec().toString()),
            p.name(),
            p.description(),
            p.data().describe(),
            p.vectors(),
            p.dimension(),
            p.metric()));
    md.append("## Criteria\n\n| criterion | requirement (measured) | verdict |\n|---|---|---|\n");
    for (Criterion c : milestone.criteria()) {
      Criterion.Verdict v = c.verdictIn(state);
      md.append("| ")
          .append(c.name())
          .append(" | ")
          .append(c.condition().describe(state))
          .append(" | ")
          .append(
              switch (v) {
                case MET -> "met";
                case MISSED -> "**missed**";
                case NOT_JUDGED -> "not judged at this tier: " + c.notJudgedBecause();
              })
          .append(" |\n");
    }
    md.append(
            "\nThe figures are those of the selected configuration: the best QPS among settings on the target recall ")
        .append("and within the memory budget.\n\n");
    context.selection().ifPresent(s -> md.append(selection(s)));
    md.append(
            "## Formats measured\n\n| format | search list | clients | recall@10 | QPS | p50 ms | p99 ms |")
        .append(
            " bytes/vector on disk | resident bytes/vector | build s |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (var entry : context.measured().entrySet()) {
      BuildRecord build = entry.getValue().builds().get(0);
      for (SearchRecord s : entry.getValue().searches()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %.4f | %.0f | %.2f | %.2f | %.0f | %.0f | %.1f |%n",
                entry.getKey(),
                s.fanout(),
                s.threads(),
                s.recall(),
                s.qps(),
                s.p50Micros() / 1000.0,
                s.p99Micros() / 1000.0,
                build.bytesPerVector(),
                io.annscale.bench.run.ResultTables.residentBytesPerVector(build, s),
                build.buildSeconds()));
      }
    }
    for (EmbeddedBenchmark.Result migration : context.migrations()) {
      md.append(
              "\n## Shard migration\n\n| format | operation | seconds | documents after | recall before | recall after |")
          .append(" queries during | failed |\n|---|---|---|---|---|---|---|---|\n");
      migration
          .solrCloud()
          .migrations()
          .forEach(
              m ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %s | %.1f | %d | %.4f | %.4f | %d | %d |%n",
                          m.format(),
                          m.operation(),
                          m.seconds(),
                          m.documentsAfter(),
                          m.recallBefore(),
                          m.recallAfter(),
                          m.queriesDuring(),
                          m.failedQueriesDuring())));
    }
    for (int i = 0; i < context.soaks().size(); i++) {
      var soak = context.soaks().get(i);
      md.append(
              String.format(
                  Locale.ROOT,
                  "%n## Soak%n%n%s, %,d documents, %.1f minutes of queries and re-indexing at %.0f"
                      + " documents/s (%,d re-indexed, %d queries failed); charts in soak-%d/%n%n",
                  soak.format(),
                  soak.settings().documents(),
                  soak.samples().isEmpty()
                      ? 0
                      : soak.samples().get(soak.samples().size() - 1).minutes(),
                  soak.settings().documentsPerSecond(),
                  soak.acknowledged(),
                  soak.failedQueries(),
                  i + 1))
          .append("| series | slope per hour | mean | slope / mean per hour | samples |\n")
          .append("|---|---|---|---|---|\n");
      for (var trend : soak.trends()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %+.4g | %.4g | %+.2f%% | %d |%n",
                trend.metric(),
                trend.slopePerHour(),
                trend.mean(),
                100 * trend.relativeSlopePerHour(),
                trend.samples()));
      }
    }
    for (var fault : context.faults()) {
      md.append(
              "\n## Node failure\n\n| format | acknowledged | found | lost | replicas checked | batches resent |")
          .append(
              " node down s | queries | while down | failed while down | short while down | failed |\n"
                  + "|---|---|---|---|---|---|---|---|---|---|---|---|\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %d | %d | %d | %d | %.1f | %d | %d | %d | %d | %d |%n",
                  fault.format(),
                  fault.acknowledged(),
                  fault.found(),
                  fault.lost(),
                  fault.replicasChecked(),
                  fault.refusedBatches(),
                  fault.faultSeconds(),
                  fault.queries(),
                  fault.queriesDuringFault(),
                  fault.failedQueriesDuringFault(),
                  fault.shortAnswersDuringFault(),
                  fault.failedQueries()));
    }
    md.append(
            "\n## Steps\n\n| action | seconds | attempts | outcome | heap MiB | RSS MiB | CPU | reads MB/s | summary |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (StepRecord step : journal.content().steps()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %d | %s | %.0f | %.0f | %s | %s | %s |%n",
              step.action(),
              step.seconds(),
              step.attempts(),
              step.outcome(),
              step.heapUsedBytes() / 1048576.0,
              step.residentBytes() / 1048576.0,
              step.cpuShare() < 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.0f%%", step.cpuShare() * 100),
              step.readMegabytesPerSecond() < 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f", step.readMegabytesPerSecond()),
              step.summary().replace('|', '/')));
    }
    md.append("\n## Decisions\n\n");
    journal.content().decisions().forEach(d -> md.append("- ").append(d).append('\n'));
    md.append("\n## Findings (orient)\n\n");
    if (findings.isEmpty()) {
      md.append("None.\n");
    }
    findings.forEach(f -> md.append("- ").append(f).append('\n'));
    Path bench = benchReport(context);
    if (bench != null) {
      md.append("\nCharts: [bench report](")
          .append(context.runDir().relativize(bench))
          .append(").\n");
    }
    Path file = context.runDir().resolve("report.md");
    Files.writeString(file, md.toString());
    return file;
  }

  private static String selection(Selection s) {
    return String.format(
        Locale.ROOT,
        "Selected: **%s**, search list %d, %d clients: recall@10 %.4f, %.0f QPS, p99 %.2f ms, %.0f resident bytes/vector.%n%n",
        s.format(),
        s.fanout(),
        s.clients(),
        s.recall(),
        s.qps(),
        s.p99Millis(),
        s.residentBytesPerVector());
  }

  /**
   * Every measurement in one bench result, rendered by the bench's HTML report; null when nothing
   * was measured.
   */
  private static Path benchReport(RunContext context) throws IOException {
    if (context.measured().isEmpty()) {
      return null;
    }
    List<BuildRecord> builds = new ArrayList<>();
    List<SearchRecord> searches = new ArrayList<>();
    EmbeddedBenchmark.Result first = null;
    for (EmbeddedBenchmark.Result r : context.measured().values()) {
      first = first == null ? r : first;
      builds.addAll(r.builds());
      searches.addAll(r.searches());
    }
    EmbeddedBenchmark.Result merged =
        new EmbeddedBenchmark.Result(
            first.environment(), first.parameters(), builds, searches, first.target(), null);
    Path dir = context.runDir().resolve("bench-report");
    HtmlReport.write(
        merged, "annscale " + context.profile().name() + ": every format measured", dir);
    return dir.resolve("index.html");
  }
}
