package io.annscale.codec.pq;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;

/**
 * One query's asymmetric distances to residual PQ records: the one implementation of the ADC
 * formula, which PQ-HNSW's graph scorer, DiskANN's beam search and the JMH benchmarks all call.
 *
 * <p>A record is the residual's code ({@code codeBytes}), its coarse centroid id (uint16,
 * little-endian) and its correction {@code 2<c, r̂> + |r̂|²} (float, little-endian), as {@link
 * ResidualProductQuantizer} encodes them. Distances, lower is closer:
 *
 * <ul>
 *   <li>EUCLIDEAN: the estimated squared distance {@code |q - c|² - 2<q, r̂> + correction};
 *   <li>the others: the negated estimated dot product {@code -(<q, c> + <q, r̂>)}, COSINE on the
 *       normalized query (the records are of normalized vectors).
 * </ul>
 *
 * Per query: a dot table over the residual codebooks and one term per coarse centroid ({@code C x
 * d} multiply-adds); per record: {@code m} table lookups and two adds. Read-only once built.
 */
public final class ResidualAdcQuery {
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  private final VectorSimilarityFunction similarity;
  private final boolean euclidean;
  private final AdcTable residualDots;

  /** EUCLIDEAN: {@code |q - c|²}; otherwise {@code <q, c>}; one per coarse centroid. */
  private final float[] coarseTerms;

  private final int codeBytes;

  private ResidualAdcQuery(
      VectorSimilarityFunction similarity, AdcTable residualDots, float[] coarseTerms, int bytes) {
    this.similarity = similarity;
    this.euclidean = similarity == VectorSimilarityFunction.EUCLIDEAN;
    this.residualDots = residualDots;
    this.coarseTerms = coarseTerms;
    this.codeBytes = bytes;
  }

  /**
   * @param query the query as given; a COSINE one is normalized into a copy
   */
  public static ResidualAdcQuery of(
      ResidualProductQuantizer quantizer, VectorSimilarityFunction similarity, float[] query) {
    float[] q =
        similarity == VectorSimilarityFunction.COSINE
            ? VectorUtil.l2normalize(query.clone(), false)
            : query;
    float[] coarseTerms =
        similarity == VectorSimilarityFunction.EUCLIDEAN
            ? quantizer.coarseSquareDistances(q)
            : quantizer.coarseDotProducts(q);
    return new ResidualAdcQuery(
        similarity,
        quantizer.residuals().dotProductTable(q),
        coarseTerms,
        quantizer.residuals().codeBytes());
  }

  /** Bytes of one record with a code of {@code codeBytes}. */
  public static int recordBytes(int codeBytes) {
    return codeBytes + Short.BYTES + Float.BYTES;
  }

  /**
   * The coarse centroid id of the record at {@code record}, clamped to {@code coarseCount - 1}: a
   * damaged id must not throw during a search (checkIntegrity reports the damage).
   */
  public static int coarseId(byte[] records, int record, int codeBytes, int coarseCount) {
    return Math.min((short) SHORT_LE.get(records, record + codeBytes) & 0xFFFF, coarseCount - 1);
  }

  /** The distance to the record at byte {@code record} of {@code records}. */
  public float distance(byte[] records, int record) {
    int coarse = coarseId(records, record, codeBytes, coarseTerms.length);
    float correction =
        euclidean ? (float) FLOAT_LE.get(records, record + codeBytes + Short.BYTES) : 0f;
    return distance(coarse, residualDots.lookup(records, record), correction);
  }

  /** As {@link #distance(byte[], int)}, the record read in place from {@code records}. */
  public float distance(RandomAccessInput records, long record) throws IOException {
    int coarse = Math.min(records.readShort(record + codeBytes) & 0xFFFF, coarseTerms.length - 1);
    float correction =
        euclidean ? Float.intBitsToFloat(records.readInt(record + codeBytes + Short.BYTES)) : 0f;
    return distance(coarse, residualDots.lookup(records, record), correction);
  }

  private float distance(int coarse, float residualDot, float correction) {
    return euclidean
        ? coarseTerms[coarse] - 2 * residualDot + correction
        : -(coarseTerms[coarse] + residualDot);
  }

  /**
   * The coarse term of centroid {@code c}, lower is closer: {@code |q - c|²} (EUCLIDEAN) or {@code
   * -<q, c>}.
   */
  public float coarseDistance(int c) {
    return euclidean ? coarseTerms[c] : -coarseTerms[c];
  }

  /**
   * Lucene's score for a distance of this query, higher is closer, as {@link
   * VectorSimilarityFunction} scores exact vectors: EUCLIDEAN {@code 1/(1+d)} of the squared
   * distance {@code d} (a negative estimate counts as 0), DOT_PRODUCT and COSINE {@code (1+dot)/2},
   * MAXIMUM_INNER_PRODUCT Lucene's scaled dot product.
   */
  public float score(float distance) {
    return switch (similarity) {
      case EUCLIDEAN -> 1 / (1 + Math.max(distance, 0));
      case DOT_PRODUCT, COSINE -> Math.max((1 - distance) / 2, 0);
      case MAXIMUM_INNER_PRODUCT -> VectorUtil.scaleMaxInnerProductScore(-distance);
    };
  }
}
