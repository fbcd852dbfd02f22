package io.annscale.bench.run;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws indexes 0..n-1 with Zipf skew: rank r (1-based) has probability proportional to 1 / r^s.
 * Ranks map to indexes through a fixed random permutation, so the hot queries are not simply the
 * first ones of the file.
 */
final class ZipfSampler {
  private final double[] cumulative;
  private final int[] indexOfRank;

  ZipfSampler(int n, double exponent, long seed) {
    cumulative = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += 1 / Math.pow(r + 1, exponent);
      cumulative[r] = sum;
    }
    for (int r = 0; r < n; r++) {
      cumulative[r] /= sum;
    }
    indexOfRank = new int[n];
    for (int i = 0; i < n; i++) {
      indexOfRank[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = indexOfRank[i];
      indexOfRank[i] = indexOfRank[j];
      indexOfRank[j] = t;
    }
  }

  int next(SplittableRandom random) {
    int rank = Arrays.binarySearch(cumulative, random.nextDouble());
    rank = rank >= 0 ? rank : Math.min(cumulative.length - 1, -rank - 1);
    return indexOfRank[rank];
  }

  /** The index drawn most often: rank 1. */
  int hottest() {
    return indexOfRank[0];
  }
}
