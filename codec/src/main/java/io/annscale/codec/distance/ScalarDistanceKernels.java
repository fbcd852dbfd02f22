package io.annscale.codec.distance;

/**
 * Portable kernels. Four independent accumulators break the add dependency chain so the JIT can
 * keep several multiply-adds in flight; that is all the speed plain Java gets without the Vector
 * API.
 */
final class ScalarDistanceKernels implements DistanceKernels {
  static final ScalarDistanceKernels INSTANCE = new ScalarDistanceKernels();

  private ScalarDistanceKernels() {}

  @Override
  public float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = length & ~3; i < bound; i += 4) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = length & ~3; i < bound; i += 4) {
      float d0 = a[aOffset + i] - b[bOffset + i];
      float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
      float d2 = a[aOffset + i + 2] - b[bOffset + i + 2];
      float d3 = a[aOffset + i + 3] - b[bOffset + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public int argMin(float[] values, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (values[c] < values[best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void squareDistances(
      float[] x,
      int xOffset,
      int length,
      float[] columns,
      int columnsOffset,
      int stride,
      int count,
      float[] out,
      int outOffset) {
    java.util.Arrays.fill(out, outOffset, outOffset + count, 0f);
    for (int t = 0; t < length; t++) {
      float xt = x[xOffset + t];
      int row = columnsOffset + t * stride;
      for (int c = 0; c < count; c++) {
        float d = xt - columns[row + c];
        out[outOffset + c] += d * d;
      }
    }
  }

  @Override
  public void dotProducts(
      float[] x,
      int xOffset,
      int length,
      float[] columns,
      int columnsOffset,
      int stride,
      int count,
      float[] out,
      int outOffset) {
    java.util.Arrays.fill(out, outOffset, outOffset + count, 0f);
    for (int t = 0; t < length; t++) {
      float xt = x[xOffset + t];
      int row = columnsOffset + t * stride;
      for (int c = 0; c < count; c++) {
        out[outOffset + c] += xt * columns[row + c];
      }
    }
  }
}
