package io.annscale.bench.data.synthetic;

import java.util.SplittableRandom;

/**
 * Standard normal samples from a {@link SplittableRandom}, which (unlike Random) has no
 * nextGaussian in Java 17.
 */
final class Gaussian {
  private Gaussian() {}

  /** Marsaglia's polar method; one of each pair is discarded to keep the sampler stateless. */
  static double next(SplittableRandom random) {
    double u, v, s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}
