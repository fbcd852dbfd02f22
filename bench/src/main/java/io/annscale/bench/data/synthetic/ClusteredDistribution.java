package io.annscale.bench.data.synthetic;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gaussian mixture; see {@link Distribution#clustered}. Centres live on the heap: clusters x
 * dimension floats.
 */
final class ClusteredDistribution implements Distribution {
  private static final long CENTRES_STREAM = 0x5EED_C3A7_E500L;

  private final int clusters;
  private final double spread;
  private final float[] centres;

  ClusteredDistribution(int clusters, double spread, long seed, int dimension) {
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters must be >= 1, got " + clusters);
    }
    if (!(spread > 0) || Double.isInfinite(spread)) {
      throw new IllegalArgumentException("spread must be a finite number > 0, got " + spread);
    }
    if ((long) clusters * dimension > 1L << 28) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%d clusters x %d dimensions is too many centres to hold",
              clusters,
              dimension));
    }
    this.clusters = clusters;
    this.spread = spread;
    this.centres = new float[clusters * dimension];
    SplittableRandom random = new SplittableRandom(seed ^ CENTRES_STREAM);
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) Gaussian.next(random);
    }
  }

  @Override
  public void sample(SplittableRandom random, float[] out, int offset, int dimension) {
    assert dimension * clusters == centres.length
        : "dimension=" + dimension + "; centres for " + centres.length / clusters;
    int c = random.nextInt(clusters) * dimension;
    for (int i = 0; i < dimension; i++) {
      out[offset + i] = (float) (centres[c + i] + spread * Gaussian.next(random));
    }
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "clustered(clusters=%d,spread=%s)", clusters, spread);
  }
}
