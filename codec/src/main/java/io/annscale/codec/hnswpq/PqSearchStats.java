package io.annscale.codec.hnswpq;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of {@link PqHnswVectorsFormat} searches, summed over segments and threads: the exact
 * scores of the rerank (each a raw vector read and scored), which the ADC-scored graph visits of
 * the collector's visited count do not include.
 */
public final class PqSearchStats {
  private final LongAdder exactScores = new LongAdder();

  void addExactScores(long count) {
    exactScores.add(count);
  }

  public long exactScores() {
    return exactScores.sum();
  }

  @Override
  public String toString() {
    return "exactScores=" + exactScores();
  }
}
