package io.annscale.bench.cli;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of one forked format run ({@link ForkedBenchmark}): parameters JSON in, result JSON
 * out.
 */
public final class BenchRunChild {
  private BenchRunChild() {}

  public static void main(String[] args) throws Exception {
    QuietLibraryLogs.apply();
    if (args.length != 2) {
      System.err.println("usage: BenchRunChild <parameters.json> <result.json>");
      System.exit(2);
    }
    // a parent killed without running its shutdown hooks (SIGKILL, the OOM killer) must not leave
    // this JVM
    // building on its own: stop when it is gone
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
    RunParameters parameters =
        Json.MAPPER.readValue(Path.of(args[0]).toFile(), RunParameters.class);
    PrintWriter log = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    EmbeddedBenchmark.Result result = new EmbeddedBenchmark(parameters, log).run();
    Json.MAPPER.writeValue(Path.of(args[1]).toFile(), result);
    log.flush();
  }
}
