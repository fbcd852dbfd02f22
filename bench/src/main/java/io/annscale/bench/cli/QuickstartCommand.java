package io.annscale.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quickstart}: the embedded default job for a fresh machine. It runs the same commands a
 * user would type: generate a small clustered data set, compute its exact ground truth (checked
 * against the plain VectorUtil loop), compute it again with the scalar kernels, and score one
 * against the other with {@code recall}.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Generate a small synthetic data set, compute its exact ground truth, check it, print a summary.")
public final class QuickstartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--out-dir"},
      description = "Working folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "target/quickstart")
  Path outDir;

  @Option(
      names = {"-n", "--count"},
      description = "Base vectors (default: ${DEFAULT-VALUE}).",
      defaultValue = "50K")
  String count;

  @Option(
      names = {"-d", "--dim"},
      description = "Dimension (default: ${DEFAULT-VALUE}).",
      defaultValue = "128")
  int dimension;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path base = outDir.resolve("base.fvecs");
    Path queries = outDir.resolve("query.fvecs");
    Path truth = outDir.resolve("groundtruth-k10.ivecs");
    Path scalarTruth = outDir.resolve("groundtruth-k10-scalar.ivecs");
    List<List<String>> steps =
        List.of(
            List.of(
                "generate",
                "--count",
                count,
                "--queries",
                "200",
                "--dim",
                String.valueOf(dimension),
                "--distribution",
                "clustered",
                "--clusters",
                "100",
                "--seed",
                "42",
                "--out-dir",
                outDir.toString()),
            List.of(
                "groundtruth",
                "--base",
                base.toString(),
                "--queries",
                queries.toString(),
                "--k",
                "10",
                "--out",
                truth.toString(),
                "--baseline"),
            List.of(
                "groundtruth",
                "--base",
                base.toString(),
                "--queries",
                queries.toString(),
                "--k",
                "10",
                "--out",
                scalarTruth.toString(),
                "--kernels",
                "scalar"),
            List.of(
                "recall",
                "--results",
                scalarTruth.toString(),
                "--truth",
                truth.toString(),
                "--k",
                "10",
                "--base",
                base.toString(),
                "--queries",
                queries.toString()));
    for (List<String> step : steps) {
      out.println();
      out.println("$ annscale " + String.join(" ", step));
      out.flush();
      CommandLine sub =
          new CommandLine(commandFor(step.get(0)))
              .setOut(out)
              .setErr(spec.commandLine().getErr())
              .setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
      int code = sub.execute(step.subList(1, step.size()).toArray(new String[0]));
      if (code != 0) {
        out.println("quickstart: step '" + step.get(0) + "' failed with exit code " + code);
        return code;
      }
    }
    out.println();
    out.println("quickstart: done. Data and ground truth are in " + outDir.toAbsolutePath());
    return 0;
  }

  private static Object commandFor(String name) {
    switch (name) {
      case "generate":
        return new GenerateCommand();
      case "groundtruth":
        return new GroundTruthCommand();
      case "recall":
        return new RecallCommand();
      default:
        throw new AssertionError(name);
    }
  }
}
