package io.annscale.codec.pq;

import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Decides from a candidate's ADC distance alone whether its exact score can still reach a bar (an
 * exact score, such as the collection's k-th best, {@link
 * io.annscale.codec.SharedBarKnnCollector}): the one rule both formats use to skip work that other
 * segments' results have made useless.
 *
 * <p>The ADC distance errs both ways, by a spread that depends on the data: on 32-d clustered
 * cosine vectors the error is as large as the gaps between the true neighbours. The rule learns it
 * from this search's exactly scored nodes, but those are the candidates ADC ranked best, chosen
 * partly because ADC underestimated their distance: their errors lean negative, while the
 * candidates not yet scored lean the other way by as much. So a candidate is given up only when it
 * would stay beyond the bar even if ADC had overestimated its distance by the observed mean error's
 * size plus {@value #SIGMAS} standard deviations (a normal error exceeds that about once in 740
 * draws), or by the largest overestimate seen if that is more. Until {@code minObservations} nodes
 * have been observed every candidate may reach.
 *
 * <p>Distances are {@link ResidualAdcQuery}'s (lower is closer); scores are Lucene's for the
 * field's similarity, as {@link ResidualAdcQuery#score(float)} maps them. Per query, not
 * thread-safe.
 */
public final class AdcErrorBound {
  /** Standard deviations of the error allowed beyond its mean. */
  static final int SIGMAS = 3;

  private final VectorSimilarityFunction similarity;
  private final int minObservations;

  /** The largest {@code adc - exact} distance seen. */
  private double overestimate;

  private int observed;

  /** Running mean and sum of squared deviations of {@code adc - exact} (Welford's method). */
  private double mean;

  private double squares;

  /**
   * @param minObservations exactly scored nodes to observe before any candidate is given up (at
   *     least 2, for a spread)
   */
  public AdcErrorBound(VectorSimilarityFunction similarity, int minObservations) {
    this.similarity = similarity;
    this.minObservations = Math.max(2, minObservations);
  }

  /** Records one node's ADC distance against its exact score. */
  public void observe(float adcDistance, float exactScore) {
    double error = adcDistance - distance(similarity, exactScore);
    if (Double.isInfinite(error)) {
      return; // a EUCLIDEAN score of 0: no finite distance to learn from
    }
    overestimate = Math.max(overestimate, error);
    observed++;
    double delta = error - mean;
    mean += delta / observed;
    squares += delta * (error - mean);
  }

  /**
   * The ADC distance beyond which a candidate cannot reach {@code bar}: +infinity while the bar is
   * -infinity or too few nodes have been observed.
   */
  public float cutoff(float bar) {
    if (bar == Float.NEGATIVE_INFINITY || observed < minObservations) {
      return Float.POSITIVE_INFINITY;
    }
    double spread = Math.sqrt(squares / (observed - 1));
    return (float)
        (distance(similarity, bar) + Math.max(overestimate, Math.abs(mean) + SIGMAS * spread));
  }

  /**
   * The distance of {@link ResidualAdcQuery}'s conventions whose score is {@code score}: the
   * inverse of {@link ResidualAdcQuery#score(float)} (a score of 0 or less for EUCLIDEAN is
   * infinitely far).
   */
  public static float distance(VectorSimilarityFunction similarity, float score) {
    return switch (similarity) {
      case EUCLIDEAN -> score <= 0 ? Float.POSITIVE_INFINITY : 1 / score - 1;
      case DOT_PRODUCT, COSINE -> 1 - 2 * score;
      case MAXIMUM_INNER_PRODUCT -> score < 1 ? 1 / score - 1 : 1 - score;
    };
  }
}
