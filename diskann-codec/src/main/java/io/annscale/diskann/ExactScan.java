package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The search of a field without a graph: every accepted vector scored exactly, in ordinal order,
 * which is the node file's order for such a field. Stops when the collector's visit limit is
 * reached, as a graph search does, so that Lucene's query falls back to its own exact search.
 */
final class ExactScan {
  private ExactScan() {}

  static void search(
      RandomVectorScorer scorer, DocOrdinals ordinals, KnnCollector collector, Bits acceptOrds)
      throws IOException {
    int size = ordinals.size();
    for (int ord = 0; ord < size; ord++) {
      if (acceptOrds != null && !acceptOrds.get(ord)) {
        continue;
      }
      if (collector.earlyTerminated()) {
        return;
      }
      collector.incVisitedCount(1);
      collector.collect(ordinals.ordToDoc(ord), scorer.score(ord));
    }
  }
}
