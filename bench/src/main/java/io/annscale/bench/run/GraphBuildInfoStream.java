package io.annscale.bench.run;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.lucene.util.InfoStream;

/**
 * Passes on the graph builders' progress messages (DiskANN's {@code DISKANN} component: passes, share of nodes
 * inserted, build time) to the benchmark log and drops the rest of Lucene's verbose output, so a build that runs
 * for minutes inside one flush or merge still shows it is moving.
 */
final class GraphBuildInfoStream extends InfoStream {
  private static final String COMPONENT = "DISKANN";

  private final PrintWriter log;

  GraphBuildInfoStream(PrintWriter log) {
    this.log = log;
  }

  @Override
  public void message(String component, String message) {
    synchronized (log) {
      log.printf(Locale.ROOT, "bench: %s %s%n", component.toLowerCase(Locale.ROOT), message);
      log.flush();
    }
  }

  @Override
  public boolean isEnabled(String component) {
    return COMPONENT.equals(component);
  }

  @Override
  public void close() {}
}
