package io.annscale.bench.data.synthetic;

import java.util.Locale;
import java.util.SplittableRandom;

/** How synthetic vectors are drawn. Implementations are immutable and thread-safe. */
public interface Distribution {

  /** Fills {@code out[offset..offset+dimension)} with one vector drawn with {@code random}. */
  void sample(SplittableRandom random, float[] out, int offset, int dimension);

  /**
   * A short description for logs and cache keys, e.g. {@code clustered(clusters=1000,spread=0.25)}.
   */
  String describe();

  /** Components uniform in [0, 1). */
  static Distribution uniform() {
    return new Distribution() {
      @Override
      public void sample(SplittableRandom random, float[] out, int offset, int dimension) {
        for (int i = 0; i < dimension; i++) {
          out[offset + i] = (float) random.nextDouble();
        }
      }

      @Override
      public String describe() {
        return "uniform";
      }
    };
  }

  /** Components independent standard normal. */
  static Distribution gaussian() {
    return new Distribution() {
      @Override
      public void sample(SplittableRandom random, float[] out, int offset, int dimension) {
        for (int i = 0; i < dimension; i++) {
          out[offset + i] = (float) Gaussian.next(random);
        }
      }

      @Override
      public String describe() {
        return "gaussian";
      }
    };
  }

  /**
   * A mixture of isotropic gaussians around {@code clusters} centres drawn standard normal; each
   * vector picks a centre uniformly and adds noise of standard deviation {@code spread}.
   *
   * @param clusters number of centres, {@code >= 1}
   * @param spread noise standard deviation relative to the centres' unit scale, {@code > 0}
   * @param seed seed of the centres (base and queries must share it to share clusters)
   * @param dimension components per vector
   */
  static Distribution clustered(int clusters, double spread, long seed, int dimension) {
    return new ClusteredDistribution(clusters, spread, seed, dimension);
  }

  /**
   * Parses {@code uniform}, {@code gaussian} or {@code clustered} (with the given cluster
   * parameters).
   */
  static Distribution parse(String name, int clusters, double spread, long seed, int dimension) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "uniform":
        return uniform();
      case "gaussian":
      case "normal":
        return gaussian();
      case "clustered":
        return clustered(clusters, spread, seed, dimension);
      default:
        throw new IllegalArgumentException(
            "unknown distribution '" + name + "'; expected one of uniform, gaussian, clustered");
    }
  }
}
