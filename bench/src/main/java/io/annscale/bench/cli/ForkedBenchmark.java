package io.annscale.bench.cli;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.VectorFormatChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs each format of a benchmark in its own JVM, with this JVM's flags and classpath, and joins
 * the results. One JVM for all formats would measure whichever runs later with the JIT profiles of
 * those before it (a call site that saw three scorer classes is no longer inlined), so the first
 * format would be favoured.
 */
final class ForkedBenchmark {
  private final RunParameters parameters;
  private final PrintWriter log;

  ForkedBenchmark(RunParameters parameters, PrintWriter log) {
    this.parameters = parameters;
    this.log = log;
  }

  EmbeddedBenchmark.Result run() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("annscale-bench-");
    List<BuildRecord> builds = new ArrayList<>();
    List<SearchRecord> searches = new ArrayList<>();
    EmbeddedBenchmark.Result last = null;
    for (VectorFormatChoice format : parameters.formats()) {
      Path in = work.resolve(format.cliName() + ".parameters.json");
      Path out = work.resolve(format.cliName() + ".result.json");
      Json.MAPPER.writeValue(in.toFile(), withFormat(format));
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(BenchRunChild.class.getName());
      command.add(in.toString());
      command.add(out.toString());
      log.printf(Locale.ROOT, "bench: %s in a fresh JVM%n", format.cliName());
      log.flush();
      int exit = runToEnd(new ProcessBuilder(command).inheritIO().start());
      if (exit != 0) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "benchmark of %s failed in its JVM (exit code %d); its output is above",
                format.cliName(),
                exit));
      }
      last = Json.MAPPER.readValue(out.toFile(), EmbeddedBenchmark.Result.class);
      builds.addAll(last.builds());
      searches.addAll(last.searches());
      Files.delete(in);
      Files.delete(out);
    }
    Files.delete(work);
    return new EmbeddedBenchmark.Result(last.environment(), parameters, builds, searches);
  }

  /**
   * Waits for the child; a parent stopped by a signal or interrupt stops it too rather than leave
   * it running (the child also stops by itself when its parent is gone, {@link BenchRunChild}).
   */
  private static int runToEnd(Process child) throws InterruptedException {
    Thread stopChild = new Thread(() -> stop(child), "stop-benchmark-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      stop(child);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running
      }
    }
  }

  private static void stop(Process child) {
    child.destroy();
    try {
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private RunParameters withFormat(VectorFormatChoice format) {
    RunParameters p = parameters;
    return new RunParameters(
        p.base(),
        p.queries(),
        p.truth(),
        p.truthDistances(),
        p.metric(),
        p.count(),
        List.of(format),
        p.maxConn(),
        p.beamWidth(),
        p.oversample(),
        p.queryOversample(),
        p.fanouts(),
        p.threads(),
        p.k(),
        p.minSeconds(),
        p.repeats(),
        p.warmupSeconds(),
        p.targetRecall(),
        p.indexRoot(),
        p.rebuild(),
        p.ramBufferMb(),
        p.seed(),
        p.queryPattern(),
        p.formatOptions(),
        p.diskAnnRead());
  }
}
