package io.annscale.codec.pq;

import java.io.IOException;

/** Random access to the vectors codebooks are trained on. */
@FunctionalInterface
public interface TrainingVectors {
  /**
   * @param ord in {@code [0, count)}
   * @return the vector; the array may be reused by the next call, so callers copy what they keep
   */
  float[] vector(int ord) throws IOException;
}
