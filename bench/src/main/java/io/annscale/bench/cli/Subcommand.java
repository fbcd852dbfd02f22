package io.annscale.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one of the toolkit's commands from inside another, with the caller's output and error
 * handling.
 */
final class Subcommand {
  private Subcommand() {}

  /**
   * Prints {@code <prefix>: <step> <args>}, then {@link #execute}s the step: the steps of a recipe,
   * as they run.
   */
  static void announceAndExecute(
      CommandSpec caller, String prefix, String step, Object command, String... args) {
    caller
        .commandLine()
        .getOut()
        .printf(java.util.Locale.ROOT, "%s: %s %s%n", prefix, step, String.join(" ", args));
    caller.commandLine().getOut().flush();
    execute(caller, step, command, args);
  }

  /**
   * Executes {@code command} with {@code args}; a non-zero exit fails the caller, naming the step.
   */
  static void execute(CommandSpec caller, String step, Object command, String... args) {
    CommandLine line =
        new CommandLine(command)
            .setOut(caller.commandLine().getOut())
            .setErr(caller.commandLine().getErr())
            .setExecutionExceptionHandler(caller.commandLine().getExecutionExceptionHandler());
    int exit = line.execute(args);
    if (exit != 0) {
      throw new CommandLine.ExecutionException(
          caller.commandLine(), step + " failed with exit code " + exit);
    }
  }
}
