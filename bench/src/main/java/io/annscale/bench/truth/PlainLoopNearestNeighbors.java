package io.annscale.bench.truth;

import io.annscale.bench.data.VectorFileReader;
import java.io.IOException;
import org.apache.lucene.util.VectorUtil;

/**
 * The baseline that {@link ExactNearestNeighbors} is measured against: the base loaded onto the
 * heap, one thread, and for every query a plain loop over every base vector with Lucene's {@link
 * VectorUtil} functions. Same candidate queue and tie rule, so results are identical and only the
 * kernels, blocking and threads differ.
 */
public final class PlainLoopNearestNeighbors {
  private PlainLoopNearestNeighbors() {}

  /**
   * Exact top-{@code k}; the whole base is read onto the heap first, so keep it small enough to
   * fit.
   */
  public static GroundTruth search(float[] queries, VectorFileReader baseFile, Metric metric, int k)
      throws IOException {
    int dim = baseFile.dimension();
    float[][] base = new float[Math.toIntExact(baseFile.size())][dim];
    for (float[] v : base) {
      baseFile.read(v, 1);
    }
    int queryCount = queries.length / dim;
    int keep = Math.min(k, base.length);
    int[][] ids = new int[queryCount][keep];
    float[][] distances = new float[queryCount][keep];
    float[] query = new float[dim];
    for (int q = 0; q < queryCount; q++) {
      System.arraycopy(queries, q * dim, query, 0, dim);
      NeighborQueue queue = new NeighborQueue(keep);
      for (int b = 0; b < base.length; b++) {
        float d;
        switch (metric) {
          case EUCLIDEAN:
            d = VectorUtil.squareDistance(query, base[b]);
            break;
          case DOT_PRODUCT:
            d = -VectorUtil.dotProduct(query, base[b]);
            break;
          default:
            d = 1 - VectorUtil.cosine(query, base[b]);
        }
        queue.offer(d, b);
      }
      queue.drainSorted(ids[q], distances[q]);
    }
    return new GroundTruth(ids, distances);
  }
}
