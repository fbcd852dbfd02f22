package io.annscale.codec.hnswpq;

import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.Bits;

/**
 * A {@link KnnFloatVectorQuery} with a query-time oversample: on fields of {@link PqHnswVectorsFormat} the graph
 * search keeps {@code k x oversample} candidates by PQ score for the exact rerank, instead of the factor stored
 * when the segment was written; other formats ignore it. Trades recall for speed per query without reindexing.
 */
public class PqKnnFloatVectorQuery extends KnnFloatVectorQuery {
  private final int oversample;

  /**
   * @param k the search-list size, as for {@link KnnFloatVectorQuery}
   * @param filter documents allowed, or null
   * @param oversample 1..{@link PqParameters#MAX_OVERSAMPLE}
   */
  public PqKnnFloatVectorQuery(String field, float[] target, int k, Query filter, int oversample) {
    super(field, target, k, filter);
    checkOversample(oversample);
    this.oversample = oversample;
  }

  static void checkOversample(int oversample) {
    if (oversample < 1 || oversample > PqParameters.MAX_OVERSAMPLE) {
      throw new IllegalArgumentException(
          "oversample must be in 1.." + PqParameters.MAX_OVERSAMPLE + "; oversample=" + oversample);
    }
  }

  public int getOversample() {
    return oversample;
  }

  @Override
  protected TopDocs approximateSearch(
      LeafReaderContext context, Bits acceptDocs, int visitedLimit, KnnCollectorManager manager)
      throws IOException {
    KnnCollectorManager oversampled =
        (limit, leaf) -> new OversampledKnnCollector(manager.newCollector(limit, leaf), oversample);
    return super.approximateSearch(context, acceptDocs, visitedLimit, oversampled);
  }

  @Override
  public String toString(String field) {
    return super.toString(field) + String.format(Locale.ROOT, "[oversample=%d]", oversample);
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other) && ((PqKnnFloatVectorQuery) other).oversample == oversample;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + oversample;
  }
}
