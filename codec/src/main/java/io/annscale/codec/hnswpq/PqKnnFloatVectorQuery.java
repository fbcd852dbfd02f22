package io.annscale.codec.hnswpq;

import io.annscale.codec.SharedBarKnnCollector;
import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.Bits;

/**
 * A {@link KnnFloatVectorQuery} with query-time settings for fields of {@link PqHnswVectorsFormat}:
 * the oversample ({@code k x oversample} candidates by PQ score are reranked exactly, instead of
 * the factor stored when the segment was written) and the graph search's list size (by default
 * {@code k x oversample}); other formats ignore them. Trades recall for speed per query without
 * reindexing.
 */
public class PqKnnFloatVectorQuery extends KnnFloatVectorQuery {
  private final int oversample;
  private final int searchListSize;

  /**
   * @param k the search-list size, as for {@link KnnFloatVectorQuery}
   * @param filter documents allowed, or null
   * @param oversample 1..{@link PqParameters#MAX_OVERSAMPLE}
   */
  public PqKnnFloatVectorQuery(String field, float[] target, int k, Query filter, int oversample) {
    this(
        field,
        target,
        k,
        filter,
        checkOversample(oversample),
        OversampledKnnCollector.SEGMENT_DEFAULT);
  }

  /**
   * @param k results wanted
   * @param oversample 1..{@link PqParameters#MAX_OVERSAMPLE}, or {@link
   *     OversampledKnnCollector#SEGMENT_DEFAULT}
   * @param searchListSize candidates the graph search keeps (at least {@code k}; at most {@code k x
   *     oversample} of them are reranked), or {@link OversampledKnnCollector#SEGMENT_DEFAULT} for
   *     {@code k x oversample}
   */
  public PqKnnFloatVectorQuery(
      String field, float[] target, int k, Query filter, int oversample, int searchListSize) {
    super(field, target, k, filter);
    if (oversample != OversampledKnnCollector.SEGMENT_DEFAULT) {
      checkOversample(oversample);
    }
    if (searchListSize < 0) {
      throw new IllegalArgumentException(
          "searchListSize must be >= 1, or 0 for k x oversample; searchListSize=" + searchListSize);
    }
    this.oversample = oversample;
    this.searchListSize = searchListSize;
  }

  static int checkOversample(int oversample) {
    if (oversample < 1 || oversample > PqParameters.MAX_OVERSAMPLE) {
      throw new IllegalArgumentException(
          "oversample must be in 1.." + PqParameters.MAX_OVERSAMPLE + "; oversample=" + oversample);
    }
    return oversample;
  }

  public int getOversample() {
    return oversample;
  }

  public int getSearchListSize() {
    return searchListSize;
  }

  /**
   * The query's segments share the collection's k-th best score ({@link SharedBarKnnCollector}): a
   * segment's rerank stops where its candidates can no longer reach it.
   */
  @Override
  protected KnnCollectorManager getKnnCollectorManager(int k, IndexSearcher searcher) {
    return SharedBarKnnCollector.sharing(
        super.getKnnCollectorManager(k, searcher), sharedBarRank(k), searcher);
  }

  /**
   * The rank of the score the segments share, of the {@code k} this query collects per segment:
   * {@code k} itself, unless fewer results are returned.
   */
  protected int sharedBarRank(int k) {
    return k;
  }

  @Override
  protected TopDocs approximateSearch(
      LeafReaderContext context, Bits acceptDocs, int visitedLimit, KnnCollectorManager manager)
      throws IOException {
    KnnCollectorManager oversampled =
        (limit, leaf) ->
            new OversampledKnnCollector(
                manager.newCollector(limit, leaf), oversample, searchListSize);
    return super.approximateSearch(context, acceptDocs, visitedLimit, oversampled);
  }

  @Override
  public String toString(String field) {
    return super.toString(field)
        + String.format(Locale.ROOT, "[oversample=%d, searchList=%d]", oversample, searchListSize);
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other)
        && ((PqKnnFloatVectorQuery) other).oversample == oversample
        && ((PqKnnFloatVectorQuery) other).searchListSize == searchListSize;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * super.hashCode() + oversample) + searchListSize;
  }
}
