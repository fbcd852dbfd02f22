package io.annscale.codec.pq;

import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trained PQ codebooks: the dimensions are split into {@code m} contiguous sub-spaces, sub-space
 * {@code j} covering {@code [j*d/m, (j+1)*d/m)} (so any {@code m <= d} works), each with {@code K}
 * centroids (16 or 256). A vector's code is its nearest centroid per sub-space. Immutable and
 * thread-safe.
 *
 * <p>Centroid layout, also the persisted one: for sub-space {@code j} of length {@code len},
 * centroid {@code c}, component {@code t}, index {@code K * start(j) + c * len + t}; {@code K x d}
 * floats in all.
 */
public final class ProductQuantizer {
  /**
   * Training sample per segment: 25,000 vectors give about 100 points per centroid at {@code K =
   * 256}, where codebook quality has levelled off (more data moves centroids little), while
   * training stays a few seconds.
   */
  public static final int DEFAULT_SAMPLE_SIZE = 25_000;

  private final int dimension;
  private final int subspaces;
  private final PqBits bits;
  private final float[] centroids;

  /**
   * The same codebooks column-major per sub-space (block {@code j} at {@code K*start(j)}:
   * component-major).
   */
  private final float[] columns;

  private final DistanceKernels kernels = DistanceKernels.best();

  private ProductQuantizer(int dimension, int subspaces, PqBits bits, float[] centroids) {
    this.dimension = dimension;
    this.subspaces = subspaces;
    this.bits = bits;
    this.centroids = centroids;
    this.columns = new float[centroids.length];
    int k = bits.centroidsPerSubspace();
    for (int j = 0; j < subspaces; j++) {
      int base = k * subspaceStart(j);
      int len = subspaceEnd(j) - subspaceStart(j);
      transpose(centroids, base, k, len, columns);
    }
  }

  /**
   * Row-major {@code k x len} at {@code base} to column-major {@code len x k} at the same offset.
   */
  static void transpose(float[] rows, int base, int k, int len, float[] into) {
    for (int c = 0; c < k; c++) {
      for (int t = 0; t < len; t++) {
        into[base + t * k + c] = rows[base + c * len + t];
      }
    }
  }

  /**
   * Default sub-space count: PQ8 about 4 dimensions per sub-space, PQ4 about 2, so both spend half
   * a byte to one byte per 4 dimensions; always in {@code [1, dimension]}.
   */
  public static int defaultSubspaces(int dimension, PqBits bits) {
    checkDimension(dimension);
    int perSubspace = bits == PqBits.EIGHT ? 4 : 2;
    return Math.max(1, Math.min(dimension, (dimension + perSubspace - 1) / perSubspace));
  }

  /**
   * Trains codebooks on at most {@code sampleSize} of the vectors, chosen uniformly with the seed;
   * the same vectors and seed always give the same codebooks.
   *
   * @param count vectors available, >= 1
   * @param subspaces {@code m}, in {@code [1, dimension]}
   * @param sampleSize >= 1
   */
  public static ProductQuantizer train(
      TrainingVectors vectors,
      int count,
      int dimension,
      int subspaces,
      PqBits bits,
      int sampleSize,
      long seed)
      throws IOException {
    return train(vectors, count, dimension, subspaces, bits, sampleSize, seed, RangeWorkers.CALLER);
  }

  /**
   * As {@link #train(TrainingVectors, int, int, int, PqBits, int, long)}, each sub-space's k-means
   * split over {@code workers}; the codebooks are the same for any worker count.
   */
  public static ProductQuantizer train(
      TrainingVectors vectors,
      int count,
      int dimension,
      int subspaces,
      PqBits bits,
      int sampleSize,
      long seed,
      RangeWorkers workers)
      throws IOException {
    checkDimension(dimension);
    checkSubspaces(dimension, subspaces);
    if (count < 1 || sampleSize < 1) {
      throw new IllegalArgumentException(
          "count and sampleSize must be >= 1; count=" + count + ", sampleSize=" + sampleSize);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] sample = sampleOrds(count, Math.min(count, sampleSize), random);
    float[] rows = new float[Math.multiplyExact(sample.length, dimension)];
    for (int i = 0; i < sample.length; i++) {
      float[] v = vectors.vector(sample[i]);
      if (v.length != dimension) {
        throw new IllegalArgumentException(
            "vector " + sample[i] + " has dimension " + v.length + ", expected " + dimension);
      }
      System.arraycopy(v, 0, rows, i * dimension, dimension);
    }
    int k = bits.centroidsPerSubspace();
    float[] centroids = new float[k * dimension];
    int n = sample.length;
    for (int j = 0; j < subspaces; j++) {
      int start = start(dimension, subspaces, j);
      int len = start(dimension, subspaces, j + 1) - start;
      float[] points = new float[n * len];
      for (int i = 0; i < n; i++) {
        System.arraycopy(rows, i * dimension + start, points, i * len, len);
      }
      float[] trained = KMeans.train(points, n, len, k, random.split(), workers);
      System.arraycopy(trained, 0, centroids, k * start, k * len);
    }
    return new ProductQuantizer(dimension, subspaces, bits, centroids);
  }

  /** {@code size} distinct ordinals of {@code [0, count)}, ascending (partial Fisher-Yates). */
  private static int[] sampleOrds(int count, int size, SplittableRandom random) {
    if (size == count) {
      int[] all = new int[count];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] pool = new int[count];
    Arrays.setAll(pool, i -> i);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(count - i);
      int swap = pool[i];
      pool[i] = pool[j];
      pool[j] = swap;
    }
    int[] sample = Arrays.copyOf(pool, size);
    Arrays.sort(sample);
    return sample;
  }

  /**
   * Rebuilds a quantizer from persisted centroids (layout in the class javadoc).
   *
   * @throws IllegalArgumentException if the shape is inconsistent or a centroid is not finite
   */
  public static ProductQuantizer fromCentroids(
      int dimension, int subspaces, PqBits bits, float[] centroids) {
    checkDimension(dimension);
    checkSubspaces(dimension, subspaces);
    int expected = bits.centroidsPerSubspace() * dimension;
    if (centroids.length != expected) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "expected %d centroid components (%d x %d), got %d",
              expected,
              bits.centroidsPerSubspace(),
              dimension,
              centroids.length));
    }
    for (int i = 0; i < centroids.length; i++) {
      if (Float.isFinite(centroids[i]) == false) {
        throw new IllegalArgumentException("centroid component " + i + " is " + centroids[i]);
      }
    }
    return new ProductQuantizer(dimension, subspaces, bits, centroids.clone());
  }

  public int dimension() {
    return dimension;
  }

  public int subspaces() {
    return subspaces;
  }

  public PqBits bits() {
    return bits;
  }

  /** Bytes per code: {@code m} for PQ8, {@code ceil(m/2)} for PQ4. */
  public int codeBytes() {
    return bits.codeBytes(subspaces);
  }

  /**
   * First dimension of sub-space {@code j}, {@code 0 <= j <= m} ({@code start(m) == dimension}).
   */
  public int subspaceStart(int j) {
    return start(dimension, subspaces, j);
  }

  /** One past the last dimension of sub-space {@code j}. */
  public int subspaceEnd(int j) {
    return start(dimension, subspaces, j + 1);
  }

  private static int start(int dimension, int subspaces, int j) {
    return (int) ((long) j * dimension / subspaces);
  }

  /** A copy of all codebooks, in the persisted layout. */
  public float[] centroids() {
    return centroids.clone();
  }

  /**
   * Writes the code of {@code vector} at {@code code[codeOffset..codeOffset+codeBytes())}. PQ4 puts
   * sub-space {@code 2i} in the low nibble of byte {@code i}. Cost: {@code K x d} multiply-adds,
   * vectorized over centroids.
   */
  public void encode(float[] vector, byte[] code, int codeOffset) {
    encode(vector, code, codeOffset, new float[bits.centroidsPerSubspace()]);
  }

  /**
   * As {@link #encode(float[], byte[], int)}, with caller-owned scratch of at least {@code K}
   * floats.
   */
  public void encode(float[] vector, byte[] code, int codeOffset, float[] scratch) {
    checkVector(vector);
    int k = bits.centroidsPerSubspace();
    if (bits == PqBits.FOUR) {
      Arrays.fill(code, codeOffset, codeOffset + codeBytes(), (byte) 0);
    }
    for (int j = 0; j < subspaces; j++) {
      int start = subspaceStart(j);
      int len = subspaceEnd(j) - start;
      kernels.squareDistances(vector, start, len, columns, k * start, k, k, scratch, 0);
      int c = kernels.argMin(scratch, k);
      if (bits == PqBits.EIGHT) {
        code[codeOffset + j] = (byte) c;
      } else {
        code[codeOffset + (j >> 1)] |= (byte) ((j & 1) == 0 ? c : c << 4);
      }
    }
  }

  /** The centroid of sub-space {@code j} that a code selects. */
  public int codeAt(byte[] code, int codeOffset, int j) {
    if (bits == PqBits.EIGHT) {
      return code[codeOffset + j] & 0xFF;
    }
    int b = code[codeOffset + (j >> 1)];
    return (j & 1) == 0 ? b & 0x0F : (b >> 4) & 0x0F;
  }

  /** The vector a code stands for: each sub-space's selected centroid. */
  public void decode(byte[] code, int codeOffset, float[] out) {
    int k = bits.centroidsPerSubspace();
    for (int j = 0; j < subspaces; j++) {
      int start = subspaceStart(j);
      int len = subspaceEnd(j) - start;
      System.arraycopy(centroids, k * start + codeAt(code, codeOffset, j) * len, out, start, len);
    }
  }

  /** Table of squared L2 distances from the query's slices to every centroid: ADC for EUCLIDEAN. */
  public AdcTable squareDistanceTable(float[] query) {
    return table(query, true);
  }

  /**
   * Table of dot products of the query's slices with every centroid: ADC for inner-product
   * similarities.
   */
  public AdcTable dotProductTable(float[] query) {
    return table(query, false);
  }

  /** Cost: {@code K x d} multiply-adds once per query, vectorized over centroids. */
  private AdcTable table(float[] query, boolean squareDistance) {
    checkVector(query);
    int k = bits.centroidsPerSubspace();
    float[] table = new float[subspaces * k];
    for (int j = 0; j < subspaces; j++) {
      int start = subspaceStart(j);
      int len = subspaceEnd(j) - start;
      if (squareDistance) {
        kernels.squareDistances(query, start, len, columns, k * start, k, k, table, j * k);
      } else {
        kernels.dotProducts(query, start, len, columns, k * start, k, k, table, j * k);
      }
    }
    return new AdcTable(table, subspaces, bits);
  }

  private void checkVector(float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "vector dimension " + vector.length + " differs from the quantizer's " + dimension);
    }
  }

  private static void checkDimension(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1; dimension=" + dimension);
    }
  }

  private static void checkSubspaces(int dimension, int subspaces) {
    if (subspaces < 1 || subspaces > dimension) {
      throw new IllegalArgumentException(
          "subspaces must be in 1.." + dimension + "; subspaces=" + subspaces);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "ProductQuantizer(d=%d, m=%d, PQ%d)", dimension, subspaces, bits.bits());
  }
}
