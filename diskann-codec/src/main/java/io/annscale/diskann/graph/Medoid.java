package io.annscale.diskann.graph;

import java.io.IOException;
import org.apache.lucene.util.VectorUtil;

/**
 * The vector nearest the mean: Vamana's entry point. Two sequential passes, {@code 2 x n x d}
 * flops, no copies.
 */
public final class Medoid {
  /** Random access to vectors as floats (byte vectors widened). */
  public interface FloatVectors {
    int size();

    int dimension();

    /** The vector of {@code ord}; valid until the next call. */
    float[] vector(int ord) throws IOException;
  }

  private Medoid() {}

  /** Ordinal of the vector nearest (Euclidean) the mean of all; -1 when there are none. */
  public static int of(FloatVectors vectors) throws IOException {
    int size = vectors.size();
    if (size == 0) {
      return -1;
    }
    double[] sum = new double[vectors.dimension()];
    for (int ord = 0; ord < size; ord++) {
      float[] v = vectors.vector(ord);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (sum[i] / size);
    }
    int best = 0;
    float bestDistance = Float.POSITIVE_INFINITY;
    for (int ord = 0; ord < size; ord++) {
      float distance = VectorUtil.squareDistance(mean, vectors.vector(ord));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = ord;
      }
    }
    return best;
  }
}
