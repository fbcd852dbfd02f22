package io.annscale.bench.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line prints its own progress and verdicts; libraries that log through {@code
 * java.util.logging} print notices on every healthy run that say nothing to its user: Lucene's
 * choice of vector and mmap implementation (recorded in every benchmark result as {@code
 * luceneScorer}), and Jersey's missing optional providers in Solr's HTTP client. Their warnings are
 * kept off the console; their errors are not.
 */
public final class QuietLibraryLogs {
  /** Held so the levels stay: java.util.logging keeps its loggers only weakly. */
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("org.apache.lucene.internal.vectorization"),
          Logger.getLogger("org.apache.lucene.store"),
          Logger.getLogger("org.glassfish.jersey"));

  private QuietLibraryLogs() {}

  public static void apply() {
    for (Logger logger : QUIETED) {
      logger.setLevel(Level.SEVERE);
    }
  }
}
