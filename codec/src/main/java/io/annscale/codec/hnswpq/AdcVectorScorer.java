package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.ResidualAdcQuery;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import org.apache.lucene.store.RandomAccessInput;
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
 * EUCLIDEAN {@code 1/(1+d)} of the squared distance {@code d}, DOT_PRODUCT and COSINE {@code
 * (1+dot)/2} (COSINE on unit-length vectors), MAXIMUM_INNER_PRODUCT Lucene's scaled dot product.
 * Ranking is what matters: the final scores come from the exact rerank.
 */
final class AdcVectorScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
  private final ResidualAdcQuery query;
  private final RandomAccessInput records;
  private final int recordBytes;

  private AdcVectorScorer(
      RandomAccessVectorValues values,
      ResidualAdcQuery query,
      RandomAccessInput records,
      int recordBytes) {
    super(values);
    this.query = query;
    this.records = records;
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
    return new AdcVectorScorer(
        values,
        ResidualAdcQuery.of(entry.quantizer(), entry.similarity(), target),
        records,
        entry.recordBytes());
  }

  @Override
  public float score(int node) throws IOException {
    return query.score(query.distance(records, (long) node * recordBytes));
  }
}
