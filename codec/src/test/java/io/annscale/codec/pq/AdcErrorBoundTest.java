package io.annscale.codec.pq;

import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;

/** The shared-bar rule: score and distance conventions, and the allowance for the ADC error. */
public class AdcErrorBoundTest extends LuceneTestCase {

  /** {@link AdcErrorBound#distance} inverts ResidualAdcQuery's score for every similarity. */
  public void testDistanceInvertsTheScore() {
    float[] distances = {-3.5f, -1f, -0.25f, 0f, 0.25f, 0.9f, 4f};
    for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
      for (float d : distances) {
        if (similarity == VectorSimilarityFunction.EUCLIDEAN && d < 0) {
          continue; // squared distances are not negative
        }
        if ((similarity == VectorSimilarityFunction.DOT_PRODUCT
                || similarity == VectorSimilarityFunction.COSINE)
            && Math.abs(d) > 1) {
          continue; // dot products of unit vectors
        }
        float score = score(similarity, d);
        assertEquals(similarity + " d=" + d, d, AdcErrorBound.distance(similarity, score), 1e-5f);
      }
    }
  }

  public void testNoCutoffWithoutABarOrBeforeEnoughObservations() {
    AdcErrorBound bound = new AdcErrorBound(VectorSimilarityFunction.EUCLIDEAN, 3);
    assertEquals(Float.POSITIVE_INFINITY, bound.cutoff(0.5f), 0f);
    bound.observe(1f, score(VectorSimilarityFunction.EUCLIDEAN, 1f));
    bound.observe(2f, score(VectorSimilarityFunction.EUCLIDEAN, 2f));
    assertEquals(Float.POSITIVE_INFINITY, bound.cutoff(0.5f), 0f);
    bound.observe(3f, score(VectorSimilarityFunction.EUCLIDEAN, 3f));
    assertEquals(Float.POSITIVE_INFINITY, bound.cutoff(Float.NEGATIVE_INFINITY), 0f);
    // exact ADC so far: the cutoff is the bar's own distance
    assertEquals(1f, bound.cutoff(0.5f), 1e-6f);
  }

  /**
   * The allowance is the observed mean error's size plus three standard deviations, or the largest
   * overestimate seen if that is more: errors that lean one way (the best-ranked candidates were
   * underestimated) are allowed the other way too.
   */
  public void testAllowsTheErrorBothWays() {
    VectorSimilarityFunction dot = VectorSimilarityFunction.DOT_PRODUCT;
    AdcErrorBound bound = new AdcErrorBound(dot, 2);
    float[] errors = {-0.02f, -0.04f, -0.02f, -0.04f}; // ADC said closer than the truth
    double mean = -0.03;
    double sd = Math.sqrt(4 * 0.01 * 0.01 / 3);
    for (float error : errors) {
      float exact = -0.5f;
      bound.observe(exact + error, score(dot, exact));
    }
    float bar = score(dot, -0.6f);
    assertEquals(-0.6 + Math.abs(mean) + 3 * sd, bound.cutoff(bar), 1e-5);
    // one large overestimate, and the largest seen is allowed whatever the spread says
    AdcErrorBound skewed = new AdcErrorBound(dot, 2);
    for (int i = 0; i < 50; i++) {
      skewed.observe(-0.5f, score(dot, -0.5f));
    }
    skewed.observe(-0.5f + 0.2f, score(dot, -0.5f));
    assertEquals(-0.6f + 0.2f, skewed.cutoff(bar), 1e-5f);
  }

  private static float score(VectorSimilarityFunction similarity, float distance) {
    return switch (similarity) {
      case EUCLIDEAN -> 1 / (1 + distance);
      case DOT_PRODUCT, COSINE -> (1 - distance) / 2;
      case MAXIMUM_INNER_PRODUCT ->
          org.apache.lucene.util.VectorUtil.scaleMaxInnerProductScore(-distance);
    };
  }
}
