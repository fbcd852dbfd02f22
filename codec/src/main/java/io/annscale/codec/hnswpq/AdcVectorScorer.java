package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.AdcTable;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Scores graph nodes against one query by asymmetric distance on residual PQ codes ({@link
 * ResidualProductQuantizer}): per query, a table of the query's dot products with the residual
 * codebooks and one term per coarse centroid; per node, its record's {@code m} table lookups plus
 * its coarse term (and, for EUCLIDEAN, its stored correction). Cost per node: one {@code
 * recordBytes} read from the codes file and {@code m + 2} adds, against {@code d} multiply-adds on
 * {@code 4d} bytes for exact float scoring.
 *
 * <p>Scores follow the field's similarity like Lucene's, computed on the quantized vector:
 * EUCLIDEAN {@code 1/(1+d²)}, DOT_PRODUCT and COSINE {@code (1+dot)/2} (COSINE on unit-length
 * vectors), MAXIMUM_INNER_PRODUCT Lucene's scaled dot product. Ranking is what matters: the final
 * scores come from the exact rerank.
 */
final class AdcVectorScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
  private final VectorSimilarityFunction similarity;
  private final AdcTable residualDots;

  /** EUCLIDEAN: {@code |q - c|²}; otherwise {@code <q, c>}; one per coarse centroid. */
  private final float[] coarseTerms;

  private final RandomAccessInput records;
  private final int codeBytes;
  private final int recordBytes;

  private AdcVectorScorer(
      RandomAccessVectorValues values,
      VectorSimilarityFunction similarity,
      AdcTable residualDots,
      float[] coarseTerms,
      RandomAccessInput records,
      int codeBytes,
      int recordBytes) {
    super(values);
    this.similarity = similarity;
    this.residualDots = residualDots;
    this.coarseTerms = coarseTerms;
    this.records = records;
    this.codeBytes = codeBytes;
    this.recordBytes = recordBytes;
  }

  /**
   * @param values the raw vectors: only their ord-to-doc mapping is used
   * @param records the field's records, ordinal after ordinal
   */
  static AdcVectorScorer create(
      PqFieldEntry entry,
      RandomAccessVectorValues values,
      RandomAccessInput records,
      float[] target) {
    ResidualProductQuantizer quantizer = entry.quantizer();
    VectorSimilarityFunction similarity = entry.similarity();
    float[] query =
        similarity == VectorSimilarityFunction.COSINE
            ? PqFieldEncoder.normalized(target, new float[target.length])
            : target;
    float[] coarseTerms =
        similarity == VectorSimilarityFunction.EUCLIDEAN
            ? quantizer.coarseSquareDistances(query)
            : quantizer.coarseDotProducts(query);
    return new AdcVectorScorer(
        values,
        similarity,
        quantizer.residuals().dotProductTable(query),
        coarseTerms,
        records,
        entry.codeBytes(),
        entry.recordBytes());
  }

  @Override
  public float score(int node) throws IOException {
    long record = (long) node * recordBytes;
    // a damaged id must not throw here: checkIntegrity reports the damage, search stays in bounds
    int coarse = Math.min(records.readShort(record + codeBytes) & 0xFFFF, coarseTerms.length - 1);
    float residualDot = residualDots.lookup(records, record);
    if (similarity == VectorSimilarityFunction.EUCLIDEAN) {
      float correction = Float.intBitsToFloat(records.readInt(record + codeBytes + Short.BYTES));
      float distance = Math.max(coarseTerms[coarse] - 2 * residualDot + correction, 0);
      return 1 / (1 + distance);
    }
    float dot = coarseTerms[coarse] + residualDot;
    return similarity == VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT
        ? VectorUtil.scaleMaxInnerProductScore(dot)
        : Math.max((1 + dot) / 2, 0);
  }
}
