package io.annscale.diskann;

import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.pq.AdcTable;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * One query's approximate distances to any node, from the node's residual PQ record held in memory
 * (lower is closer): EUCLIDEAN the estimated squared distance {@code |q - c|² - 2<q, r̂> + |r̂|² +
 * 2<c, r̂>} (coarse table + dot table + stored correction), the other similarities the negated
 * estimated dot product. Per query: the coarse and dot tables ({@code ~10 µs} at 128-d); per node:
 * {@code m} table lookups, no I/O.
 */
final class PqDistances {
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] records;
  private final int recordBytes;
  private final int codeBytes;
  private final AdcTable dots;
  private final float[] coarseTerms;
  private final boolean euclidean;

  /**
   * @param query the query widened to floats; normalized here for COSINE
   */
  PqDistances(PqFieldEntry entry, byte[] records, float[] query) {
    ResidualProductQuantizer quantizer = entry.quantizer();
    this.records = records;
    this.recordBytes = entry.recordBytes();
    this.codeBytes = entry.codeBytes();
    this.euclidean = entry.similarity() == VectorSimilarityFunction.EUCLIDEAN;
    float[] q = query;
    if (entry.similarity() == VectorSimilarityFunction.COSINE) {
      q = org.apache.lucene.util.VectorUtil.l2normalize(query.clone(), false);
    }
    this.dots = quantizer.residuals().dotProductTable(q);
    this.coarseTerms =
        euclidean ? quantizer.coarseSquareDistances(q) : quantizer.coarseDotProducts(q);
  }

  /**
   * The coarse centroid of the record at {@code record}, clamped to {@code coarseCount - 1}: a
   * damaged id must not throw during a search (checkIntegrity reports the damage).
   */
  static int coarseId(byte[] records, int record, int codeBytes, int coarseCount) {
    return Math.min((short) SHORT_LE.get(records, record + codeBytes) & 0xFFFF, coarseCount - 1);
  }

  /**
   * The coarse term of centroid {@code c}: lower is closer (squared distance, or negated dot
   * product).
   */
  float coarseDistance(int c) {
    return euclidean ? coarseTerms[c] : -coarseTerms[c];
  }

  float distance(int ord) {
    int record = ord * recordBytes;
    // a damaged id must not throw: checkIntegrity reports the damage, search stays in bounds
    int coarse = coarseId(records, record, codeBytes, coarseTerms.length);
    float dot = dots.lookup(records, record);
    if (euclidean) {
      float correction = (float) FLOAT_LE.get(records, record + codeBytes + Short.BYTES);
      return coarseTerms[coarse] - 2 * dot + correction;
    }
    return -(coarseTerms[coarse] + dot);
  }
}
