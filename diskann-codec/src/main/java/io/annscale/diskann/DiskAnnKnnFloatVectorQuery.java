package io.annscale.diskann;

import io.annscale.codec.SharedBarKnnCollector;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.Bits;

/**
 * A {@link KnnFloatVectorQuery} with DiskANN's query-time knobs: on fields of {@link
 * DiskAnnVectorsFormat} the beam search keeps {@code searchListSize} candidates and reads {@code
 * beamWidth} node blocks per round, instead of the segment's stored defaults; other formats ignore
 * them. Recall against speed per query, without reindexing.
 */
public class DiskAnnKnnFloatVectorQuery extends KnnFloatVectorQuery {
  private final DiskAnnQuerySettings settings;

  /**
   * @param k results wanted
   * @param filter documents allowed, or null
   * @param searchListSize >= 1 (k if larger), or {@link DiskAnnKnnCollector#SEGMENT_DEFAULT}
   * @param beamWidth 1..{@value DiskAnnParameters#MAX_BEAM_WIDTH}, or {@link
   *     DiskAnnKnnCollector#SEGMENT_DEFAULT}
   * @param stats receives the I/O counts of this query's searches, or null
   */
  public DiskAnnKnnFloatVectorQuery(
      String field,
      float[] target,
      int k,
      Query filter,
      int searchListSize,
      int beamWidth,
      DiskAnnSearchStats stats) {
    super(field, target, k, filter);
    this.settings = new DiskAnnQuerySettings(searchListSize, beamWidth, stats);
  }

  /**
   * The query's segments share the collection's k-th best score ({@link SharedBarKnnCollector}): a
   * segment's beam search stops where its candidates can no longer reach it.
   */
  @Override
  protected KnnCollectorManager getKnnCollectorManager(int k, IndexSearcher searcher) {
    return SharedBarKnnCollector.sharing(super.getKnnCollectorManager(k, searcher), k, searcher);
  }

  @Override
  protected TopDocs approximateSearch(
      LeafReaderContext context, Bits acceptDocs, int visitedLimit, KnnCollectorManager manager)
      throws IOException {
    return super.approximateSearch(context, acceptDocs, visitedLimit, settings.tune(manager));
  }

  @Override
  public String toString(String field) {
    return super.toString(field) + settings.describe();
  }

  @Override
  public boolean equals(Object other) {
    if (!super.equals(other)) {
      return false;
    }
    return settings.equals(((DiskAnnKnnFloatVectorQuery) other).settings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), settings);
  }
}
