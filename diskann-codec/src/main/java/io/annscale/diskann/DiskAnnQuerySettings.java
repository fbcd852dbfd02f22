package io.annscale.diskann;

import java.util.Locale;
import org.apache.lucene.search.knn.KnnCollectorManager;

/**
 * The query-time knobs of DiskANN's float and byte queries, and how they reach each segment's
 * search: every collector is a {@link DiskAnnKnnCollector} carrying them.
 *
 * @param searchListSize >= 1 (k if larger), or {@link DiskAnnKnnCollector#SEGMENT_DEFAULT}
 * @param beamWidth 1..{@value DiskAnnParameters#MAX_BEAM_WIDTH}, or {@link
 *     DiskAnnKnnCollector#SEGMENT_DEFAULT}
 * @param stats receives the I/O counts of the query's searches, or null; compared by identity
 */
record DiskAnnQuerySettings(int searchListSize, int beamWidth, DiskAnnSearchStats stats) {
  DiskAnnQuerySettings {
    DiskAnnKnnCollector.checkSettings(searchListSize, beamWidth);
  }

  /** {@code manager}'s collectors, each carrying these settings. */
  KnnCollectorManager tune(KnnCollectorManager manager) {
    return (limit, leaf) ->
        new DiskAnnKnnCollector(
            manager.newCollector(limit, leaf), searchListSize, beamWidth, stats);
  }

  /** As the queries' {@code toString} appends them. */
  String describe() {
    return String.format(Locale.ROOT, "[searchList=%d,beamWidth=%d]", searchListSize, beamWidth);
  }
}
