package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.ResidualAdcQuery;

/**
 * One query's approximate distances to any node, from the node's residual PQ record held in memory
 * (lower is closer; {@link ResidualAdcQuery} computes them): per query its tables ({@code ~10 µs}
 * at 128-d); per node {@code m} table lookups, no I/O.
 */
final class PqDistances {
  private final byte[] records;
  private final int recordBytes;
  private final ResidualAdcQuery query;

  /**
   * @param query the query widened to floats; normalized for COSINE
   */
  PqDistances(PqFieldEntry entry, byte[] records, float[] query) {
    this.records = records;
    this.recordBytes = entry.recordBytes();
    this.query = ResidualAdcQuery.of(entry.quantizer(), entry.similarity(), query);
  }

  /**
   * The coarse term of centroid {@code c}: lower is closer (squared distance, or negated dot
   * product).
   */
  float coarseDistance(int c) {
    return query.coarseDistance(c);
  }

  float distance(int ord) {
    return query.distance(records, ord * recordBytes);
  }
}
