package io.annscale.codec;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.hnsw.BlockingFloatHeap;

/**
 * A {@link KnnCollector} of one segment that also offers every score it collects to a heap shared
 * by all segments of the same query, so a segment searched later (or at the same time) knows the
 * collection's current k-th best score: the shared bar, below which nothing it finds can reach the
 * query's top k. Lucene's {@code MultiLeafKnnCollector} shares such a bar for its own HNSW, but
 * synchronises only when the visited count is a multiple of 256 at a collect; annscale's formats
 * count a visit per approximate (PQ) score and collect only exactly scored nodes, a few hundred per
 * segment, so there it would rarely share more than each segment's first k. This one shares on
 * every collect that can change the bar (one uncontended lock per exactly scored node). Everything
 * else, {@link #minCompetitiveSimilarity()} included, is the wrapped collector's, so Lucene's own
 * HNSW searches behave as without it.
 *
 * <p>The formats read the bar with {@link #sharedBar(KnnCollector)} and decide how to use it: a bar
 * is in exact scores, and their candidates are ranked by approximate ones.
 */
public final class SharedBarKnnCollector extends DelegatingKnnCollector {
  private final BlockingFloatHeap collectionBest;
  private final int k;

  /** The shared heap's k-th best when last seen, or -infinity while it held fewer than k. */
  private float bar;

  private SharedBarKnnCollector(KnnCollector delegate, BlockingFloatHeap collectionBest, int k) {
    super(delegate);
    this.collectionBest = collectionBest;
    this.k = k;
    this.bar = read();
  }

  /**
   * {@code manager}'s collectors sharing one bar among the segments of {@code searcher}'s reader;
   * {@code manager} itself when there is one segment, which has nothing to share.
   *
   * @param k the results the query keeps
   */
  public static KnnCollectorManager sharing(
      KnnCollectorManager manager, int k, IndexSearcher searcher) {
    if (searcher.getIndexReader().leaves().size() <= 1) {
      return manager;
    }
    BlockingFloatHeap collectionBest = new BlockingFloatHeap(k);
    return new KnnCollectorManager() {
      @Override
      public KnnCollector newCollector(int visitedLimit, LeafReaderContext context)
          throws IOException {
        return new SharedBarKnnCollector(
            manager.newCollector(visitedLimit, context), collectionBest, k);
      }
    };
  }

  /**
   * The k-th best exact score that any segment of this query has collected so far, or -infinity
   * when fewer than k are known or {@code collector} does not share a bar (a single segment; a
   * query of another kind; a collector wrapped by one annscale does not know).
   */
  public static float sharedBar(KnnCollector collector) {
    SharedBarKnnCollector shared = find(collector);
    return shared != null ? shared.refresh() : Float.NEGATIVE_INFINITY;
  }

  private static SharedBarKnnCollector find(KnnCollector collector) {
    KnnCollector c = collector;
    while (c instanceof DelegatingKnnCollector wrapper) {
      if (c instanceof SharedBarKnnCollector shared) {
        return shared;
      }
      c = wrapper.delegate();
    }
    return null;
  }

  /** Whether {@code collector} shares a bar with the query's other segments. */
  public static boolean shares(KnnCollector collector) {
    return find(collector) != null;
  }

  @Override
  public boolean collect(int docId, float similarity) {
    boolean competitive = super.collect(docId, similarity);
    if (similarity > bar) { // at or below the bar it cannot change the heap's k best
      float top = collectionBest.offer(similarity);
      if (collectionBest.size() >= k) {
        bar = top;
      }
    }
    return competitive;
  }

  private float refresh() {
    bar = Math.max(bar, read());
    return bar;
  }

  private float read() {
    return collectionBest.size() >= k ? collectionBest.peek() : Float.NEGATIVE_INFINITY;
  }
}
