package io.annscale.codec.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API. Cost model: one fused multiply-add per {@code SPECIES.length()}
 * dimensions (16 floats with AVX-512, 8 with AVX2) plus one cross-lane reduction per call; two
 * accumulators hide the FMA latency. Only loaded by {@link KernelSelector} when {@code
 * jdk.incubator.vector} is in the boot layer.
 */
final class PanamaDistanceKernels implements DistanceKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  PanamaDistanceKernels() {
    // Touch the species so a JVM without usable vector support fails here, inside KernelSelector's
    // guard.
    if (SPECIES.length() < 1) {
      throw new LinkageError("no usable float species");
    }
  }

  @Override
  public float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int lanes = SPECIES.length();
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = length - 2 * lanes; i <= bound; i += 2 * lanes) {
      acc0 =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
      acc1 =
          FloatVector.fromArray(SPECIES, a, aOffset + i + lanes)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + lanes), acc1);
    }
    for (int bound = length - lanes; i <= bound; i += lanes) {
      acc0 =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int lanes = SPECIES.length();
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = length - 2 * lanes; i <= bound; i += 2 * lanes) {
      FloatVector d0 =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
      FloatVector d1 =
          FloatVector.fromArray(SPECIES, a, aOffset + i + lanes)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + lanes));
      acc0 = d0.fma(d0, acc0);
      acc1 = d1.fma(d1, acc1);
    }
    for (int bound = length - lanes; i <= bound; i += lanes) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
      acc0 = d.fma(d, acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  /**
   * Four vectors per step, each with the two accumulators and the order of additions of {@link
   * #dotProduct}, so every product is its single call's.
   */
  @Override
  public void gatheredDotProducts(
      float[] a, int aOffset, float[][] blocks, int[] offsets, int count, int length, float[] out) {
    int lanes = SPECIES.length();
    int v = 0;
    for (; v + 4 <= count; v += 4) {
      float[] b0 = blocks[v];
      float[] b1 = blocks[v + 1];
      float[] b2 = blocks[v + 2];
      float[] b3 = blocks[v + 3];
      int o0 = offsets[v];
      int o1 = offsets[v + 1];
      int o2 = offsets[v + 2];
      int o3 = offsets[v + 3];
      FloatVector e0 = FloatVector.zero(SPECIES);
      FloatVector e1 = e0;
      FloatVector e2 = e0;
      FloatVector e3 = e0;
      FloatVector f0 = e0;
      FloatVector f1 = e0;
      FloatVector f2 = e0;
      FloatVector f3 = e0;
      int i = 0;
      for (int bound = length - 2 * lanes; i <= bound; i += 2 * lanes) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector y = FloatVector.fromArray(SPECIES, a, aOffset + i + lanes);
        e0 = x.fma(FloatVector.fromArray(SPECIES, b0, o0 + i), e0);
        e1 = x.fma(FloatVector.fromArray(SPECIES, b1, o1 + i), e1);
        e2 = x.fma(FloatVector.fromArray(SPECIES, b2, o2 + i), e2);
        e3 = x.fma(FloatVector.fromArray(SPECIES, b3, o3 + i), e3);
        f0 = y.fma(FloatVector.fromArray(SPECIES, b0, o0 + i + lanes), f0);
        f1 = y.fma(FloatVector.fromArray(SPECIES, b1, o1 + i + lanes), f1);
        f2 = y.fma(FloatVector.fromArray(SPECIES, b2, o2 + i + lanes), f2);
        f3 = y.fma(FloatVector.fromArray(SPECIES, b3, o3 + i + lanes), f3);
      }
      for (int bound = length - lanes; i <= bound; i += lanes) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
        e0 = x.fma(FloatVector.fromArray(SPECIES, b0, o0 + i), e0);
        e1 = x.fma(FloatVector.fromArray(SPECIES, b1, o1 + i), e1);
        e2 = x.fma(FloatVector.fromArray(SPECIES, b2, o2 + i), e2);
        e3 = x.fma(FloatVector.fromArray(SPECIES, b3, o3 + i), e3);
      }
      float s0 = e0.add(f0).reduceLanes(VectorOperators.ADD);
      float s1 = e1.add(f1).reduceLanes(VectorOperators.ADD);
      float s2 = e2.add(f2).reduceLanes(VectorOperators.ADD);
      float s3 = e3.add(f3).reduceLanes(VectorOperators.ADD);
      for (; i < length; i++) {
        float x = a[aOffset + i];
        s0 += x * b0[o0 + i];
        s1 += x * b1[o1 + i];
        s2 += x * b2[o2 + i];
        s3 += x * b3[o3 + i];
      }
      out[v] = s0;
      out[v + 1] = s1;
      out[v + 2] = s2;
      out[v + 3] = s3;
    }
    for (; v < count; v++) {
      out[v] = dotProduct(a, aOffset, blocks[v], offsets[v], length);
    }
  }

  /** As {@link #gatheredDotProducts}, in the order of additions of {@link #squareDistance}. */
  @Override
  public void gatheredSquareDistances(
      float[] a, int aOffset, float[][] blocks, int[] offsets, int count, int length, float[] out) {
    int lanes = SPECIES.length();
    int v = 0;
    for (; v + 4 <= count; v += 4) {
      float[] b0 = blocks[v];
      float[] b1 = blocks[v + 1];
      float[] b2 = blocks[v + 2];
      float[] b3 = blocks[v + 3];
      int o0 = offsets[v];
      int o1 = offsets[v + 1];
      int o2 = offsets[v + 2];
      int o3 = offsets[v + 3];
      FloatVector e0 = FloatVector.zero(SPECIES);
      FloatVector e1 = e0;
      FloatVector e2 = e0;
      FloatVector e3 = e0;
      FloatVector f0 = e0;
      FloatVector f1 = e0;
      FloatVector f2 = e0;
      FloatVector f3 = e0;
      int i = 0;
      for (int bound = length - 2 * lanes; i <= bound; i += 2 * lanes) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector y = FloatVector.fromArray(SPECIES, a, aOffset + i + lanes);
        FloatVector d0 = x.sub(FloatVector.fromArray(SPECIES, b0, o0 + i));
        FloatVector d1 = x.sub(FloatVector.fromArray(SPECIES, b1, o1 + i));
        FloatVector d2 = x.sub(FloatVector.fromArray(SPECIES, b2, o2 + i));
        FloatVector d3 = x.sub(FloatVector.fromArray(SPECIES, b3, o3 + i));
        e0 = d0.fma(d0, e0);
        e1 = d1.fma(d1, e1);
        e2 = d2.fma(d2, e2);
        e3 = d3.fma(d3, e3);
        FloatVector g0 = y.sub(FloatVector.fromArray(SPECIES, b0, o0 + i + lanes));
        FloatVector g1 = y.sub(FloatVector.fromArray(SPECIES, b1, o1 + i + lanes));
        FloatVector g2 = y.sub(FloatVector.fromArray(SPECIES, b2, o2 + i + lanes));
        FloatVector g3 = y.sub(FloatVector.fromArray(SPECIES, b3, o3 + i + lanes));
        f0 = g0.fma(g0, f0);
        f1 = g1.fma(g1, f1);
        f2 = g2.fma(g2, f2);
        f3 = g3.fma(g3, f3);
      }
      for (int bound = length - lanes; i <= bound; i += lanes) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector d0 = x.sub(FloatVector.fromArray(SPECIES, b0, o0 + i));
        FloatVector d1 = x.sub(FloatVector.fromArray(SPECIES, b1, o1 + i));
        FloatVector d2 = x.sub(FloatVector.fromArray(SPECIES, b2, o2 + i));
        FloatVector d3 = x.sub(FloatVector.fromArray(SPECIES, b3, o3 + i));
        e0 = d0.fma(d0, e0);
        e1 = d1.fma(d1, e1);
        e2 = d2.fma(d2, e2);
        e3 = d3.fma(d3, e3);
      }
      float s0 = e0.add(f0).reduceLanes(VectorOperators.ADD);
      float s1 = e1.add(f1).reduceLanes(VectorOperators.ADD);
      float s2 = e2.add(f2).reduceLanes(VectorOperators.ADD);
      float s3 = e3.add(f3).reduceLanes(VectorOperators.ADD);
      for (; i < length; i++) {
        float x = a[aOffset + i];
        float d0 = x - b0[o0 + i];
        float d1 = x - b1[o1 + i];
        float d2 = x - b2[o2 + i];
        float d3 = x - b3[o3 + i];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      out[v] = s0;
      out[v + 1] = s1;
      out[v + 2] = s2;
      out[v + 3] = s3;
    }
    for (; v < count; v++) {
      out[v] = squareDistance(a, aOffset, blocks[v], offsets[v], length);
    }
  }

  /**
   * Two passes: the minimum by lanes, then the first lane equal to it. The scalar loop's compare
   * and select form one dependency chain of a few cycles per value; here both passes run a vector
   * of values per step (k-means assignment calls this once per point and centroid set).
   */
  @Override
  public int argMin(float[] values, int count) {
    int lanes = SPECIES.length();
    int bound = SPECIES.loopBound(count);
    if (bound == 0) {
      return ScalarDistanceKernels.INSTANCE.argMin(values, count);
    }
    FloatVector lowest = FloatVector.fromArray(SPECIES, values, 0);
    for (int i = lanes; i < bound; i += lanes) {
      lowest = lowest.min(FloatVector.fromArray(SPECIES, values, i));
    }
    float min = lowest.reduceLanes(VectorOperators.MIN);
    for (int i = bound; i < count; i++) {
      min = Math.min(min, values[i]);
    }
    if (Float.isNaN(min)) {
      return ScalarDistanceKernels.INSTANCE.argMin(values, count);
    }
    for (int i = 0; i < bound; i += lanes) {
      VectorMask<Float> equal = FloatVector.fromArray(SPECIES, values, i).eq(min);
      if (equal.anyTrue()) {
        return i + equal.firstTrue();
      }
    }
    for (int i = bound; i < count; i++) {
      if (values[i] == min) {
        return i;
      }
    }
    throw new AssertionError("no value equals the minimum " + min);
  }

  @Override
  public String name() {
    return "panama-" + SPECIES.vectorBitSize();
  }

  /**
   * Lanes run over vectors (columns), so any slice length vectorizes: one FMA per component per
   * lane group.
   */
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
    int lanes = SPECIES.length();
    int c = 0;
    // four blocks of centroids per pass: one broadcast and one row of 4 x lanes contiguous
    // components per dimension, where one block per pass would stride a row (a page, with 1,024
    // coarse centroids) per load; each lane sums in the same order, so the results are the same
    for (int bound = count - 4 * lanes; c <= bound; c += 4 * lanes) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      for (int t = 0; t < length; t++) {
        FloatVector xt = FloatVector.broadcast(SPECIES, x[xOffset + t]);
        int row = columnsOffset + t * stride + c;
        FloatVector d0 = xt.sub(FloatVector.fromArray(SPECIES, columns, row));
        FloatVector d1 = xt.sub(FloatVector.fromArray(SPECIES, columns, row + lanes));
        FloatVector d2 = xt.sub(FloatVector.fromArray(SPECIES, columns, row + 2 * lanes));
        FloatVector d3 = xt.sub(FloatVector.fromArray(SPECIES, columns, row + 3 * lanes));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      acc0.intoArray(out, outOffset + c);
      acc1.intoArray(out, outOffset + c + lanes);
      acc2.intoArray(out, outOffset + c + 2 * lanes);
      acc3.intoArray(out, outOffset + c + 3 * lanes);
    }
    for (int bound = count - lanes; c <= bound; c += lanes) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int t = 0; t < length; t++) {
        FloatVector d =
            FloatVector.broadcast(SPECIES, x[xOffset + t])
                .sub(FloatVector.fromArray(SPECIES, columns, columnsOffset + t * stride + c));
        acc = d.fma(d, acc);
      }
      acc.intoArray(out, outOffset + c);
    }
    for (; c < count; c++) {
      float sum = 0;
      for (int t = 0; t < length; t++) {
        float d = x[xOffset + t] - columns[columnsOffset + t * stride + c];
        sum += d * d;
      }
      out[outOffset + c] = sum;
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
    int lanes = SPECIES.length();
    int c = 0;
    for (int bound = count - lanes; c <= bound; c += lanes) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int t = 0; t < length; t++) {
        acc =
            FloatVector.broadcast(SPECIES, x[xOffset + t])
                .fma(FloatVector.fromArray(SPECIES, columns, columnsOffset + t * stride + c), acc);
      }
      acc.intoArray(out, outOffset + c);
    }
    for (; c < count; c++) {
      float sum = 0;
      for (int t = 0; t < length; t++) {
        sum += x[xOffset + t] * columns[columnsOffset + t * stride + c];
      }
      out[outOffset + c] = sum;
    }
  }
}
