package io.annscale.bench.cli;

import io.annscale.bench.compare.Finding;
import io.annscale.bench.compare.RegressionDetector;
import io.annscale.bench.compare.RegressionThresholds;
import io.annscale.bench.compare.Severity;
import io.annscale.bench.run.EmbeddedBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench compare}: regression detection between two {@code bench run} results, for CI gates.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a current `bench run` result with a baseline: QPS drop, p99 increase, recall drop, memory and",
      "build-time increase per setting, judged against thresholds (TOML). Prints the findings and writes a JSON",
      "report. Exit code 0 when nothing reaches --fail-on, 3 when something does (a regression)."
    })
public final class BenchCompareCommand implements Callable<Integer> {
  /** Exit code of a detected regression; 1 and 2 are picocli's for errors and bad usage. */
  public static final int REGRESSION_EXIT_CODE = 3;

  @Spec CommandSpec spec;

  @Option(names = "--baseline", required = true, description = "The reference result JSON.")
  Path baseline;

  @Option(names = "--current", required = true, description = "The result JSON to judge.")
  Path current;

  @Option(
      names = "--thresholds",
      description =
          "TOML limits; sections left out keep the defaults (see docs/benchmarks/regression.md).")
  Path thresholds;

  @Option(
      names = "--fail-on",
      defaultValue = "critical",
      description = "warning or critical (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--all", description = "List every finding, not only warnings and regressions.")
  boolean all;

  @Option(
      names = {"-o", "--out"},
      description = "Report JSON (default: none).")
  Path out;

  @Override
  public Integer call() throws IOException {
    Severity failAt =
        switch (failOn.toLowerCase(Locale.ROOT)) {
          case "warning" -> Severity.WARNING;
          case "critical" -> Severity.CRITICAL;
          default ->
              throw new IllegalArgumentException(
                  "--fail-on " + failOn + ": expected warning or critical");
        };
    RegressionThresholds limits =
        thresholds == null ? RegressionThresholds.DEFAULT : RegressionThresholds.read(thresholds);
    RegressionDetector.Report report =
        new RegressionDetector(limits)
            .compare(read(baseline, "--baseline"), read(current, "--current"));
    PrintWriter log = spec.commandLine().getOut();
    log.println("| setting | metric | baseline | current | change | severity |");
    log.println("|---|---|---|---|---|---|");
    long shown = 0;
    for (Finding f : report.findings()) {
      if (all || f.severity() != Severity.OK) {
        shown++;
        log.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s |%n",
            f.setting(),
            f.metric(),
            number(f.baseline()),
            number(f.current()),
            change(f),
            f.severity());
      }
    }
    log.printf(
        Locale.ROOT,
        "bench compare: %d findings, %d shown; verdict %s (fails at %s)%n",
        report.findings().size(),
        shown,
        report.verdict(),
        failAt);
    if (out != null) {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
      log.println("bench compare: report -> " + out);
    }
    log.flush();
    return report.verdict().compareTo(failAt) >= 0 ? REGRESSION_EXIT_CODE : 0;
  }

  private static String number(double value) {
    return Math.abs(value) >= 1000
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.4g", value);
  }

  private static String change(Finding f) {
    if (Double.isNaN(f.change())) {
      return "missing";
    }
    return f.metric().equals("recall")
        ? String.format(Locale.ROOT, "%+.4f", f.change())
        : String.format(Locale.ROOT, "%+.1f%%", f.change());
  }

  private static EmbeddedBenchmark.Result read(Path file, String option) throws IOException {
    if (Files.isRegularFile(file) == false) {
      throw new IllegalArgumentException(option + " " + file + ": no such file");
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), EmbeddedBenchmark.Result.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option
              + " "
              + file
              + ": not a `bench run` result: "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }
}
