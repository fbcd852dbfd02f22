package io.annscale.bench.truth;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recall@k of approximate results against exact ground truth.
 *
 * <p>A result counts as a hit when its id is among the true top {@code k}, or, when distances are
 * known on both sides, when its distance is no greater than the true {@code k}-th distance: with
 * ties at the boundary, any of the tied vectors is a correct {@code k}-th neighbour, and which one
 * the truth lists is arbitrary.
 *
 * @param mean recall averaged over queries, in [0, 1]
 * @param min the worst query's recall
 * @param perQuery each query's recall
 */
public record Recall(int k, double mean, double min, double[] perQuery) {

  /**
   * @param truth exact neighbours with at least {@code k} per query
   * @param resultIds approximate neighbours per query, nearest first (fewer than k counts as
   *     misses)
   * @param resultDistances distances of {@code resultIds} in the truth's metric, or null if unknown
   */
  public static Recall of(GroundTruth truth, int[][] resultIds, float[][] resultDistances, int k) {
    if (k < 1 || k > truth.k()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "k=%d: must be in [1, %d], the ground truth's depth", k, truth.k()));
    }
    if (resultIds.length != truth.queryCount()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "results for %d queries but ground truth for %d",
              resultIds.length,
              truth.queryCount()));
    }
    boolean tieAware = truth.hasDistances() && resultDistances != null;
    double[] perQuery = new double[resultIds.length];
    for (int q = 0; q < resultIds.length; q++) {
      Set<Integer> expected = new HashSet<>();
      for (int r = 0; r < k; r++) {
        expected.add(truth.ids()[q][r]);
      }
      float boundary = tieAware ? truth.distances()[q][k - 1] : Float.NaN;
      Set<Integer> seen = new HashSet<>();
      int hits = 0;
      int n = Math.min(k, resultIds[q].length);
      for (int r = 0; r < n; r++) {
        int id = resultIds[q][r];
        if (!seen.add(id)) {
          continue; // a duplicate id is one neighbour, counted once
        }
        if (expected.contains(id) || (tieAware && resultDistances[q][r] <= boundary)) {
          hits++;
        }
      }
      perQuery[q] = (double) hits / k;
    }
    double mean = Arrays.stream(perQuery).average().orElse(0);
    double min = Arrays.stream(perQuery).min().orElse(0);
    return new Recall(k, mean, min, perQuery);
  }
}
