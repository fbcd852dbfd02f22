package io.annscale.diskann.graph;

import java.io.IOException;

/**
 * A scorer that scores many nodes in one call, as {@link
 * org.apache.lucene.util.hnsw.RandomVectorScorer#score} would one at a time, but reading several of
 * their vectors at once so that their cache misses overlap. The builder asks a scorer for it where
 * it scores a batch: an insertion's unvisited neighbours, a prune's open candidates.
 */
public interface GatheredScorer {
  /** Writes the score of {@code nodes[i]} to {@code scores[i]}, for {@code i < count}. */
  void scores(int[] nodes, int count, float[] scores) throws IOException;
}
