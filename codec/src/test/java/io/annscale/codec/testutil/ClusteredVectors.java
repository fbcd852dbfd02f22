package io.annscale.codec.testutil;

import java.util.Random;

/**
 * Gaussian clusters around standard-normal centres (the centres come from a fixed seed, so base and
 * query sets drawn with different randoms share them): the regime PQ and graph indexes are built
 * for, for tests' recall checks.
 */
public final class ClusteredVectors {
  private ClusteredVectors() {}

  /**
   * @param clusters number of centres
   * @param spread standard deviation around a centre, relative to the centres' unit scale
   * @param scale multiplies centres and spread (e.g. to fill a byte range)
   */
  public static float[][] generate(
      Random random, int count, int dimension, int clusters, float spread, float scale) {
    Random centres = new Random(11);
    float[][] centre = new float[clusters][dimension];
    for (float[] c : centre) {
      for (int t = 0; t < dimension; t++) {
        c[t] = scale * (float) centres.nextGaussian();
      }
    }
    float[][] vectors = new float[count][dimension];
    for (float[] v : vectors) {
      float[] c = centre[random.nextInt(clusters)];
      for (int t = 0; t < dimension; t++) {
        v[t] = c[t] + spread * scale * (float) random.nextGaussian();
      }
    }
    return vectors;
  }
}
