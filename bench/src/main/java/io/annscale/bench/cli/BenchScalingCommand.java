package io.annscale.bench.cli;

import io.annscale.bench.report.ScalingReport;
import io.annscale.bench.run.EmbeddedBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench scaling}: scaling curves and projections from `bench run` results at several sizes.
 */
@Command(
    name = "scaling",
    mixinStandardHelpOptions = true,
    description = {
      "From `bench run` results of the same data at several sizes (--base-limit), fit build time, hot bytes, QPS",
      "and p99 at the target recall against the vector count (power laws) and project them to 100M and 1B.",
      "Prints a table; writes scaling.html and PNG charts."
    })
public final class BenchScalingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--results",
      required = true,
      split = ",",
      description = "Result JSONs, one per size (at least 2).")
  List<Path> results;

  @Option(
      names = "--target-recall",
      defaultValue = "0.95",
      description = "Recall at which QPS and p99 are read (default: ${DEFAULT-VALUE}).")
  double targetRecall;

  @Option(
      names = {"-o", "--out-dir"},
      required = true,
      description = "Folder for scaling.html and the PNGs.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (results.size() < 2) {
      throw new IllegalArgumentException(
          "--results: give at least two sizes; got " + results.size());
    }
    List<EmbeddedBenchmark.Result> runs = new ArrayList<>();
    for (Path file : results) {
      if (Files.isRegularFile(file) == false) {
        throw new IllegalArgumentException("--results " + file + ": no such file");
      }
      runs.add(Json.MAPPER.readValue(file.toFile(), EmbeddedBenchmark.Result.class));
    }
    Path html = ScalingReport.write(runs, targetRecall, out, spec.commandLine().getOut());
    spec.commandLine().getOut().println("bench scaling: " + html);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
