package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.AdcTable;
import io.annscale.codec.pq.ProductQuantizer;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Scores graph nodes against one query by asymmetric distance: a per-query table of query-to-centroid
 * distances, then per node {@code m} table lookups on its code. Cost per node: one {@code codeBytes} read from
 * the codes file and {@code m} adds, against {@code d} multiply-adds on {@code 4d} bytes for exact float scoring.
 *
 * <p>Scores follow the field's similarity like Lucene's, computed on the quantized vector: EUCLIDEAN {@code
 * 1/(1+d²)}, DOT_PRODUCT and COSINE {@code (1+dot)/2} (COSINE on unit-length vectors), MAXIMUM_INNER_PRODUCT
 * Lucene's scaled dot product. Ranking is what matters: the final scores come from the exact rerank.
 */
final class AdcVectorScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
  private final VectorSimilarityFunction similarity;
  private final AdcTable table;
  private final IndexInput codes;
  private final byte[] code;

  private AdcVectorScorer(
      RandomAccessVectorValues values,
      VectorSimilarityFunction similarity,
      AdcTable table,
      IndexInput codes,
      int codeBytes) {
    super(values);
    this.similarity = similarity;
    this.table = table;
    this.codes = codes;
    this.code = new byte[codeBytes];
  }

  /**
   * @param values the raw vectors: only their ord-to-doc mapping is used
   * @param codes the field's codes, positioned anywhere; owned by this scorer
   */
  static AdcVectorScorer create(
      PqFieldEntry entry, RandomAccessVectorValues values, IndexInput codes, float[] target) {
    ProductQuantizer quantizer = entry.quantizer();
    VectorSimilarityFunction similarity = entry.similarity();
    AdcTable table =
        switch (similarity) {
          case EUCLIDEAN -> quantizer.squareDistanceTable(target);
          case COSINE -> quantizer.dotProductTable(
              PqFieldEncoder.normalized(target, new float[target.length]));
          case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> quantizer.dotProductTable(target);
        };
    return new AdcVectorScorer(values, similarity, table, codes, entry.codeBytes());
  }

  @Override
  public float score(int node) throws IOException {
    codes.seek((long) node * code.length);
    codes.readBytes(code, 0, code.length);
    float value = table.lookup(code, 0);
    return switch (similarity) {
      case EUCLIDEAN -> 1 / (1 + value);
      case DOT_PRODUCT, COSINE -> Math.max((1 + value) / 2, 0);
      case MAXIMUM_INNER_PRODUCT -> VectorUtil.scaleMaxInnerProductScore(value);
    };
  }
}
