package io.annscale.diskann;

import java.util.Locale;
import org.apache.lucene.util.InfoStream;

/**
 * Times the phases of one field's write and reports them on Lucene's {@link InfoStream} (component
 * {@code DISKANN}), one line per field: a merge of a million vectors runs for minutes, and which of
 * copy, PQ training, graph and node blocks took them is what a slow merge is diagnosed by.
 */
final class MergePhaseLog {
  static final String COMPONENT = "DISKANN";

  private final InfoStream infoStream;
  private final StringBuilder phases = new StringBuilder();
  private final long start = System.nanoTime();
  private long phaseStart = start;

  MergePhaseLog(InfoStream infoStream) {
    this.infoStream = infoStream;
  }

  /** Ends the phase running since the previous call (or construction) under {@code name}. */
  void ended(String name) {
    long now = System.nanoTime();
    phases
        .append(phases.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.1f s", name, (now - phaseStart) / 1e9));
    phaseStart = now;
  }

  /** Reports the field's phases and their total. */
  void report(String field, int vectors) {
    if (infoStream.isEnabled(COMPONENT)) {
      infoStream.message(
          COMPONENT,
          String.format(
              Locale.ROOT,
              "field \"%s\", %d vectors written in %.1f s: %s",
              field,
              vectors,
              (System.nanoTime() - start) / 1e9,
              phases));
    }
  }
}
