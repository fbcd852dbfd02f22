package io.annscale.diskann.graph;

import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Turns Lucene's similarity scores (higher is closer) into the non-negative distances Vamana's
 * robust prune compares with its {@code alpha} slack. EUCLIDEAN gets back the squared distance
 * ({@code 1/score - 1}), which is what DiskANN prunes on; DOT_PRODUCT and COSINE scores lie in (0,
 * 1], so {@code 1/score - 1} is 0 for identical vectors and grows with the angle;
 * MAXIMUM_INNER_PRODUCT scores are unbounded, so {@code 1/score}.
 */
public final class ScoreDistance {
  private ScoreDistance() {}

  public static float of(VectorSimilarityFunction similarity, float score) {
    float inverse = 1f / Math.max(score, Float.MIN_NORMAL);
    return similarity == VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT
        ? inverse
        : Math.max(inverse - 1f, 0f);
  }
}
