package io.annscale.codec.distance;

import java.util.Locale;

/**
 * Distance kernels over slices of float arrays, so that callers can score vectors packed back to
 * back in one flat block (the layout of a streamed base file) without copying.
 *
 * <p>Implementations are stateless and thread-safe. Results of two implementations may differ in
 * the last bits because they add in a different order; on integer-valued data small enough to be
 * exact in float (SIFT) they are equal.
 */
public interface DistanceKernels {

  /** System property that forces an implementation: {@code scalar} or {@code panama}. */
  String IMPLEMENTATION_PROPERTY = "annscale.kernels";

  /**
   * Dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..bOffset+length)}.
   *
   * @param length number of dimensions, {@code >= 0}
   */
  float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Squared euclidean distance of {@code a[aOffset..aOffset+length)} and {@code
   * b[bOffset..bOffset+length)}.
   *
   * @param length number of dimensions, {@code >= 0}
   */
  float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Dot products of {@code a[aOffset..aOffset+length)} with {@code count} vectors gathered from
   * anywhere: vector {@code i} is {@code blocks[i][offsets[i]..offsets[i]+length)}, its product
   * goes to {@code out[i]}: {@link #dotProduct} of the two, the same additions in the same order
   * (the Vector API leaves only the order of its lane sums to the platform). Implementations read
   * several of the vectors per step, so that their cache misses overlap: a graph build scores a
   * node's unvisited neighbours, scattered over a heap copy far larger than the caches, this way.
   */
  default void gatheredDotProducts(
      float[] a, int aOffset, float[][] blocks, int[] offsets, int count, int length, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = dotProduct(a, aOffset, blocks[i], offsets[i], length);
    }
  }

  /**
   * As {@link #gatheredDotProducts}, squared euclidean distances, each equal to {@link
   * #squareDistance}'s.
   */
  default void gatheredSquareDistances(
      float[] a, int aOffset, float[][] blocks, int[] offsets, int count, int length, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = squareDistance(a, aOffset, blocks[i], offsets[i], length);
    }
  }

  /**
   * Squared euclidean distances of one slice {@code x[xOffset..xOffset+length)} to {@code count}
   * vectors stored column-major: component {@code t} of vector {@code c} is {@code
   * columns[columnsOffset + t * stride + c]}. Writes {@code out[outOffset + c]}. This is the shape
   * of PQ work (a query or data slice against every centroid of a sub-space), which short slices
   * make too small for {@link #squareDistance}.
   *
   * @param stride distance between components of one vector, {@code >= count}
   */
  void squareDistances(
      float[] x,
      int xOffset,
      int length,
      float[] columns,
      int columnsOffset,
      int stride,
      int count,
      float[] out,
      int outOffset);

  /**
   * Dot products of one slice with {@code count} column-major vectors; layout as {@link
   * #squareDistances}.
   */
  void dotProducts(
      float[] x,
      int xOffset,
      int length,
      float[] columns,
      int columnsOffset,
      int stride,
      int count,
      float[] out,
      int outOffset);

  /**
   * Index of the smallest of {@code values[0..count)}, the lowest index on ties: a PQ assignment's
   * nearest centroid among the distances {@link #squareDistances} wrote. A NaN is never the
   * smallest unless it comes first.
   *
   * @param count {@code >= 1}
   */
  int argMin(float[] values, int count);

  /** Short name for logs and benchmark records: {@code scalar} or {@code panama-<bits>}. */
  String name();

  /**
   * The fastest implementation this JVM supports: the Vector API one when the {@code
   * jdk.incubator.vector} module is in the boot layer (JVM flag {@code --add-modules
   * jdk.incubator.vector}), otherwise the scalar one. The {@value #IMPLEMENTATION_PROPERTY} system
   * property overrides the choice.
   */
  static DistanceKernels best() {
    return KernelSelector.BEST;
  }

  /** The scalar implementation, always available. */
  static DistanceKernels scalar() {
    return ScalarDistanceKernels.INSTANCE;
  }

  /**
   * The Vector API implementation.
   *
   * @throws UnsupportedOperationException if the {@code jdk.incubator.vector} module is not enabled
   */
  static DistanceKernels panama() {
    return KernelSelector.loadPanama()
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    String.format(
                        Locale.ROOT,
                        "the JDK Vector API is not enabled in this JVM (Java %s): start it with"
                            + " --add-modules jdk.incubator.vector",
                        Runtime.version())));
  }
}
