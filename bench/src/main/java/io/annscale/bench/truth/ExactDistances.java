package io.annscale.bench.truth;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.codec.distance.DistanceKernels;

/**
 * Exact distances of given (query, base id) pairs, computed the way {@link ExactNearestNeighbors}
 * computes them, so that results listed without distances can be compared with ground truth at its
 * tie boundary.
 */
public final class ExactDistances {
  private ExactDistances() {}

  /**
   * @param queries query vectors back to back
   * @param ids {@code ids[q]} are base ordinals for query {@code q}
   * @return {@code distances[q][r]} of query {@code q} to base vector {@code ids[q][r]}
   */
  public static float[][] of(MappedVectorFile base, float[] queries, int[][] ids, Metric metric) {
    int dim = base.dimension();
    QueryDistance distance = new QueryDistance(metric, DistanceKernels.best(), dim);
    float[] prepared = distance.prepareQueries(queries);
    float[] vector = new float[dim];
    float[] norm = new float[1];
    float[][] out = new float[ids.length][];
    for (int q = 0; q < ids.length; q++) {
      out[q] = new float[ids[q].length];
      for (int r = 0; r < ids[q].length; r++) {
        base.floats(ids[q][r], vector);
        distance.blockNorms(vector, 1, norm);
        out[q][r] = distance.distance(prepared, q * dim, vector, 0, norm);
      }
    }
    return out;
  }
}
