package io.annscale.bench.truth;

import io.annscale.codec.distance.DistanceKernels;

/**
 * Distance from prepared queries to base vectors for one {@link Metric}, on flat arrays. Cosine
 * queries are normalised once and base norms are computed once per block, so each pair costs one
 * kernel call.
 */
final class QueryDistance {
  private final Metric metric;
  private final DistanceKernels kernels;
  private final int dimension;

  QueryDistance(Metric metric, DistanceKernels kernels, int dimension) {
    this.metric = metric;
    this.kernels = kernels;
    this.dimension = dimension;
  }

  /**
   * Returns the queries ready for {@link #distance}: a normalised copy for cosine, the same array
   * otherwise.
   */
  float[] prepareQueries(float[] queries) {
    if (metric != Metric.COSINE) {
      return queries;
    }
    float[] normalized = queries.clone();
    for (int off = 0; off < normalized.length; off += dimension) {
      float norm =
          (float) Math.sqrt(kernels.dotProduct(normalized, off, normalized, off, dimension));
      if (norm > 0) {
        for (int i = 0; i < dimension; i++) {
          normalized[off + i] /= norm;
        }
      }
    }
    return normalized;
  }

  /**
   * Fills {@code norms[0..count)} with the L2 norms of the block's vectors when the metric needs
   * them.
   */
  void blockNorms(float[] block, int count, float[] norms) {
    if (metric != Metric.COSINE) {
      return;
    }
    for (int b = 0; b < count; b++) {
      norms[b] =
          (float)
              Math.sqrt(kernels.dotProduct(block, b * dimension, block, b * dimension, dimension));
    }
  }

  /**
   * Distance of prepared query at {@code qOffset} to block vector {@code b}.
   *
   * @param norms block norms from {@link #blockNorms} (read only for cosine)
   */
  float distance(float[] queries, int qOffset, float[] block, int b, float[] norms) {
    int bOffset = b * dimension;
    switch (metric) {
      case EUCLIDEAN:
        return kernels.squareDistance(queries, qOffset, block, bOffset, dimension);
      case DOT_PRODUCT:
        return -kernels.dotProduct(queries, qOffset, block, bOffset, dimension);
      case COSINE:
        float norm = norms[b];
        return norm == 0
            ? 1f
            : 1f - kernels.dotProduct(queries, qOffset, block, bOffset, dimension) / norm;
      default:
        throw new AssertionError(metric);
    }
  }
}
