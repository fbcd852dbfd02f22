package io.annscale.diskann;

import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Exact scores for building a float field's graph, on a heap copy of the merged vectors packed back
 * to back (COSINE ones normalized, so a cosine is a dot product).
 *
 * <p>Why not the merge's memory-mapped temporary file: a build scores a few thousand random vectors
 * per insertion; read through an {@code IndexInput}, each is copied out before it is scored, and
 * every one sits on another 4 KiB page with its own TLB miss. Packed on heap they are scored in
 * place by {@link DistanceKernels}, in huge pages where the JVM has them.
 *
 * <p>Heap: {@code 4 x dimension} bytes per vector while the graph is built, in blocks of at most 64
 * MiB.
 */
final class HeapFloatBuildScores implements RandomVectorScorerSupplier, Accountable {
  private static final DistanceKernels KERNELS = DistanceKernels.best();
  private static final int BLOCK_FLOATS = 1 << 24;

  private final VectorSimilarityFunction similarity;
  private final int size;
  private final int dimension;
  private final int blockShift;
  private final int blockMask;
  private final float[][] blocks;

  private HeapFloatBuildScores(
      VectorSimilarityFunction similarity, int size, int dimension, int blockShift) {
    this.similarity = similarity;
    this.size = size;
    this.dimension = dimension;
    this.blockShift = blockShift;
    this.blockMask = (1 << blockShift) - 1;
    int perBlock = 1 << blockShift;
    this.blocks = new float[(size + perBlock - 1) / perBlock][];
    for (int b = 0; b < blocks.length; b++) {
      int vectors = Math.min(perBlock, size - b * perBlock);
      blocks[b] = new float[vectors * dimension];
    }
  }

  /**
   * Heap bytes a build of {@code size} vectors of {@code dimension} floats holds here, without the
   * few array headers ({@link #ramBytesUsed} counts them).
   */
  static long bytesUsed(int size, int dimension) {
    return (long) size * dimension * Float.BYTES;
  }

  static HeapFloatBuildScores of(
      RandomAccessVectorValues.Floats values, VectorSimilarityFunction similarity)
      throws IOException {
    return of(values, similarity, BLOCK_FLOATS);
  }

  /**
   * @param blockFloats floats per block at most; tests make it small to cross block boundaries
   */
  static HeapFloatBuildScores of(
      RandomAccessVectorValues.Floats values, VectorSimilarityFunction similarity, int blockFloats)
      throws IOException {
    int dimension = values.dimension();
    int perBlock = Integer.highestOneBit(Math.max(1, blockFloats / dimension));
    HeapFloatBuildScores scores =
        new HeapFloatBuildScores(
            similarity, values.size(), dimension, Integer.numberOfTrailingZeros(perBlock));
    boolean normalize = similarity == VectorSimilarityFunction.COSINE;
    float[] unit = new float[dimension];
    for (int ord = 0; ord < values.size(); ord++) {
      float[] vector = values.vectorValue(ord);
      if (normalize) {
        System.arraycopy(vector, 0, unit, 0, dimension);
        vector = VectorUtil.l2normalize(unit);
      }
      System.arraycopy(
          vector, 0, scores.blocks[ord >>> scores.blockShift], scores.offset(ord), dimension);
    }
    return scores;
  }

  private int offset(int ord) {
    return (ord & blockMask) * dimension;
  }

  @Override
  public RandomVectorScorer scorer(int ord) {
    float[] query = blocks[ord >>> blockShift];
    int queryOffset = offset(ord);
    return new RandomVectorScorer() {
      @Override
      public float score(int other) {
        return scoreBetween(query, queryOffset, blocks[other >>> blockShift], offset(other));
      }

      @Override
      public int maxOrd() {
        return size;
      }
    };
  }

  /** Lucene's score of the similarity, higher is closer, as {@link VectorSimilarityFunction}. */
  private float scoreBetween(float[] a, int aOffset, float[] b, int bOffset) {
    return switch (similarity) {
      case EUCLIDEAN -> 1f / (1f + KERNELS.squareDistance(a, aOffset, b, bOffset, dimension));
      case DOT_PRODUCT, COSINE ->
          Math.max((1f + KERNELS.dotProduct(a, aOffset, b, bOffset, dimension)) / 2f, 0f);
      case MAXIMUM_INNER_PRODUCT ->
          VectorUtil.scaleMaxInnerProductScore(
              KERNELS.dotProduct(a, aOffset, b, bOffset, dimension));
    };
  }

  @Override
  public long ramBytesUsed() {
    long bytes = RamUsageEstimator.shallowSizeOf(blocks);
    for (float[] block : blocks) {
      bytes += RamUsageEstimator.sizeOf(block);
    }
    return bytes;
  }

  @Override
  public RandomVectorScorerSupplier copy() {
    return this; // read-only: every worker may share it
  }
}
