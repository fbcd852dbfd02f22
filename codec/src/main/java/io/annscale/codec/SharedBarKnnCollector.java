package io.annscale.codec;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.knn.KnnCollectorManager;
import org.apache.lucene.util.hnsw.BlockingFloatHeap;

/**
 * A {@link KnnCollector} of one segment that also offers every score it collects to a heap shared
 * by all segments of the same query, so each segment knows the k-th best score found so far: the
 * shared bar, below which nothing it finds can reach the query's top k. Lucene's {@code
 * MultiLeafKnnCollector} shares such a bar for its own HNSW, but synchronises only when the visited
 * count is a multiple of 256 at a collect; annscale's formats count a visit per approximate (PQ)
 * score and collect only exactly scored nodes, a few hundred per segment, so there it would rarely
 * share more than each segment's first k. This one shares on every collect that can change the bar
 * (one uncontended lock per exactly scored node). Everything else, {@link
 * #minCompetitiveSimilarity()} included, is the wrapped collector's, so Lucene's own HNSW searches
 * behave as without it.
 *
 * <p>Two bars, for two uses:
 *
 * <ul>
 *   <li>{@link #othersBar()}: the k-th best the query's other segments had found when this
 *       segment's search began. A graph search may give up a candidate that cannot reach it: the
 *       segment is then one the query's answer does not come from. It must not use its own results
 *       for that: a candidate that cannot beat the segment's own k-th best may still lead to better
 *       nodes, which is what a search list longer than k is for (on 384-d text embeddings,
 *       DiskANN's recall stopped growing with the list at 0.976 when it did).
 *   <li>{@link #collectionBar()}: the k-th best of all segments, this one's included, now. An exact
 *       rerank, which navigates nothing, may skip a candidate that cannot reach it.
 * </ul>
 */
public final class SharedBarKnnCollector extends DelegatingKnnCollector {
  private final BlockingFloatHeap collectionBest;
  private final int k;

  /** The other segments' k-th best when this search began, or -infinity. */
  private final float othersBar;

  /** The shared heap's k-th best when last seen, or -infinity while it held fewer than k. */
  private float bar;

  private SharedBarKnnCollector(KnnCollector delegate, BlockingFloatHeap collectionBest, int k) {
    super(delegate);
    this.collectionBest = collectionBest;
    this.k = k;
    this.othersBar = read();
    this.bar = othersBar;
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
   * The collector sharing a bar that {@code collector} is or wraps, or null when there is none (a
   * single segment; a query of another kind; a collector wrapped by one annscale does not know).
   * Look it up once per segment search: it walks the chain of wrappers.
   */
  public static SharedBarKnnCollector of(KnnCollector collector) {
    return find(collector);
  }

  /**
   * The k-th best exact score the query's other segments had collected when this segment's search
   * began (segments searched one after another see all before them; at the same time, fewer), or
   * -infinity when fewer than k were known.
   */
  public float othersBar() {
    return othersBar;
  }

  /**
   * The k-th best exact score that any segment of this query, this one included, has collected so
   * far, or -infinity while fewer than k are known.
   */
  public float collectionBar() {
    bar = Math.max(bar, read());
    return bar;
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

  private float read() {
    return collectionBest.size() >= k ? collectionBest.peek() : Float.NEGATIVE_INFINITY;
  }
}
