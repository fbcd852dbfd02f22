package io.annscale.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench}: the benchmark commands. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: build indexes and measure them against exact ground truth.",
    subcommands = {
      BenchRunCommand.class,
      BenchTierCommand.class,
      BenchSweepCommand.class,
      BenchCompareCommand.class,
      BenchReportCommand.class,
      BenchScalingCommand.class,
      MemoryPlanCommand.class,
      BenchFaultsCommand.class,
      BenchSoakCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
