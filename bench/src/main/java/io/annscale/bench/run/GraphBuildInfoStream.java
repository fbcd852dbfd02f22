package io.annscale.bench.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.lucene.util.InfoStream;

/**
 * Passes on the graph builders' progress messages to the benchmark log and drops the rest of
 * Lucene's verbose output, so a build that runs for minutes inside one flush or merge still shows
 * it is moving: DiskANN's {@code DISKANN} component (passes, share of nodes inserted, build time)
 * and Lucene's {@code HNSW} component (graph sizes; its "built N" line, written every 10,000 nodes,
 * at most once a minute).
 */
final class GraphBuildInfoStream extends InfoStream {
  private static final Set<String> COMPONENTS = Set.of("DISKANN", "HNSW");
  private static final String HNSW_NODE_COUNT = "built ";
  static final long NODE_COUNT_INTERVAL_NANOS = 60_000_000_000L;

  private final PrintWriter log;
  private final LongSupplier nanoClock;
  private long lastNodeCount;
  private boolean nodeCountLogged;

  GraphBuildInfoStream(PrintWriter log) {
    this(log, System::nanoTime);
  }

  GraphBuildInfoStream(PrintWriter log, LongSupplier nanoClock) {
    this.log = log;
    this.nanoClock = nanoClock;
  }

  @Override
  public void message(String component, String message) {
    synchronized (log) {
      if (message.startsWith(HNSW_NODE_COUNT) && "HNSW".equals(component)) {
        long now = nanoClock.getAsLong();
        if (nodeCountLogged && now - lastNodeCount < NODE_COUNT_INTERVAL_NANOS) {
          return;
        }
        nodeCountLogged = true;
        lastNodeCount = now;
      }
      log.printf(Locale.ROOT, "bench: %s %s%n", component.toLowerCase(Locale.ROOT), message);
      log.flush();
    }
  }

  @Override
  public boolean isEnabled(String component) {
    return COMPONENTS.contains(component);
  }

  @Override
  public void close() {}
}
