package io.annscale.codec.pq;

import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means in one sub-space: k-means++ seeding, then Lloyd iterations until no point changes cluster
 * or the iteration cap is reached. Deterministic for a given random seed. Cost per iteration:
 * {@code n x k x len} multiply-adds; seeding costs about the same as one iteration.
 */
final class KMeans {
  /** Lloyd iterations at most; PQ codebooks gain little after ~10-20 on real data. */
  static final int MAX_ITERATIONS = 20;

  private KMeans() {}

  /**
   * @param points {@code n} points of {@code len} components, back to back
   * @param k centroids wanted, >= 1
   * @return {@code k} centroids of {@code len} components, back to back. With fewer distinct points
   *     than {@code k}, the surplus centroids repeat existing ones (harmless: encoding picks the
   *     first nearest).
   */
  static float[] train(
      float[] points, int n, int len, int k, SplittableRandom random, RangeWorkers workers)
      throws IOException {
    assert n >= 1 : "n=" + n;
    float[] centroids = seed(points, n, len, k, random, workers);
    int[] assignment = new int[n];
    Arrays.fill(assignment, -1);
    int[] next = new int[n];
    float[] nearest = new float[n];
    float[] sums = new float[k * len];
    int[] sizes = new int[k];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      assign(points, n, len, centroids, k, next, nearest, workers);
      int changed = 0;
      for (int i = 0; i < n; i++) {
        if (assignment[i] != next[i]) {
          assignment[i] = next[i];
          changed++;
        }
      }
      if (changed == 0) {
        break;
      }
      Arrays.fill(sums, 0);
      Arrays.fill(sizes, 0);
      for (int i = 0; i < n; i++) {
        int c = assignment[i];
        sizes[c]++;
        for (int t = 0; t < len; t++) {
          sums[c * len + t] += points[i * len + t];
        }
      }
      for (int c = 0; c < k; c++) {
        if (sizes[c] == 0) {
          reseedEmpty(points, n, len, centroids, c, nearest);
        } else {
          for (int t = 0; t < len; t++) {
            centroids[c * len + t] = sums[c * len + t] / sizes[c];
          }
        }
      }
    }
    return centroids;
  }

  /**
   * k-means++: each next centre is a point drawn with probability proportional to its squared
   * distance. The distances are updated in parallel, their total summed in index order, so the
   * centres do not depend on the worker count.
   */
  private static float[] seed(
      float[] points, int n, int len, int k, SplittableRandom random, RangeWorkers workers)
      throws IOException {
    float[] centroids = new float[k * len];
    double[] distance = new double[n];
    int first = random.nextInt(n);
    System.arraycopy(points, first * len, centroids, 0, len);
    double total = 0;
    for (int i = 0; i < n; i++) {
      distance[i] = squareDistance(points, i * len, centroids, 0, len);
      total += distance[i];
    }
    for (int c = 1; c < k; c++) {
      int chosen;
      if (total <= 0) {
        chosen = c % n; // every point coincides with a centre already: repeat points
      } else {
        double target = random.nextDouble() * total;
        chosen = n - 1;
        for (int i = 0; i < n; i++) {
          target -= distance[i];
          if (target < 0) {
            chosen = i;
            break;
          }
        }
      }
      System.arraycopy(points, chosen * len, centroids, c * len, len);
      int centre = c * len;
      workers.run(
          n,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              distance[i] =
                  Math.min(distance[i], squareDistance(points, i * len, centroids, centre, len));
            }
          });
      total = 0;
      for (int i = 0; i < n; i++) {
        total += distance[i];
      }
    }
    return centroids;
  }

  /**
   * Writes every point's nearest centroid and its squared distance. The dominant cost of training:
   * {@code n x k x len} multiply-adds, vectorized over centroids on a column-major copy, split over
   * the workers by point.
   */
  private static void assign(
      float[] points,
      int n,
      int len,
      float[] centroids,
      int k,
      int[] nearestCentroid,
      float[] nearest,
      RangeWorkers workers)
      throws IOException {
    DistanceKernels kernels = DistanceKernels.best();
    float[] columns = new float[k * len];
    ProductQuantizer.transpose(centroids, 0, k, len, columns);
    workers.run(
        n,
        (from, to) -> {
          float[] distances = new float[k];
          for (int i = from; i < to; i++) {
            kernels.squareDistances(points, i * len, len, columns, 0, k, k, distances, 0);
            int best = kernels.argMin(distances, k);
            nearest[i] = distances[best];
            nearestCentroid[i] = best;
          }
        });
  }

  /**
   * An empty cluster takes the point farthest from its centroid (lowest index on ties), which then
   * moves.
   */
  private static void reseedEmpty(
      float[] points, int n, int len, float[] centroids, int c, float[] nearest) {
    int farthest = 0;
    for (int i = 1; i < n; i++) {
      if (nearest[i] > nearest[farthest]) {
        farthest = i;
      }
    }
    System.arraycopy(points, farthest * len, centroids, c * len, len);
    nearest[farthest] = 0;
  }

  /**
   * Seeding's cost is {@code k x n x len}: with coarse centroids ({@code len = d}) it must be
   * vectorized too.
   */
  static float squareDistance(float[] a, int aOff, float[] b, int bOff, int len) {
    return DistanceKernels.best().squareDistance(a, aOff, b, bOff, len);
  }
}
