package io.annscale.diskann;

import io.annscale.codec.distance.DistanceKernels;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Exact scores for building a float field's graph, computed in place on the merge's heap copy of
 * its vectors ({@link HeapFloatVectors}) by our {@link DistanceKernels}: no vector is copied out to
 * be scored.
 *
 * <p>A COSINE field keeps one inverse norm per vector ({@code 4} bytes of heap each), so a cosine
 * is a dot product times two of them: the vectors stay as indexed, for the node blocks.
 */
final class HeapFloatBuildScores implements RandomVectorScorerSupplier, Accountable {
  private static final DistanceKernels KERNELS = DistanceKernels.best();

  private final HeapFloatVectors vectors;
  private final VectorSimilarityFunction similarity;
  private final int dimension;

  /** COSINE: {@code 1 / |v|} per vector (0 for a zero vector); otherwise null. */
  private final float[] inverseNorms;

  private HeapFloatBuildScores(
      HeapFloatVectors vectors, VectorSimilarityFunction similarity, float[] inverseNorms) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.dimension = vectors.dimension();
    this.inverseNorms = inverseNorms;
  }

  /** Heap bytes these scores hold beside the vectors for {@code size} vectors, headers aside. */
  static long bytesUsed(long size, VectorSimilarityFunction similarity) {
    return similarity == VectorSimilarityFunction.COSINE ? size * Float.BYTES : 0;
  }

  static HeapFloatBuildScores of(HeapFloatVectors vectors, VectorSimilarityFunction similarity) {
    float[] inverseNorms = null;
    if (similarity == VectorSimilarityFunction.COSINE) {
      inverseNorms = new float[vectors.size()];
      for (int ord = 0; ord < inverseNorms.length; ord++) {
        float[] block = vectors.block(ord);
        int at = vectors.offset(ord);
        float norm =
            (float) Math.sqrt(KERNELS.dotProduct(block, at, block, at, vectors.dimension()));
        inverseNorms[ord] = norm == 0 ? 0 : 1 / norm;
      }
    }
    return new HeapFloatBuildScores(vectors, similarity, inverseNorms);
  }

  @Override
  public RandomVectorScorer scorer(int ord) {
    float[] query = vectors.block(ord);
    int queryOffset = vectors.offset(ord);
    return new RandomVectorScorer() {
      @Override
      public float score(int other) {
        return scoreBetween(ord, query, queryOffset, other);
      }

      @Override
      public int maxOrd() {
        return vectors.size();
      }
    };
  }

  /** Lucene's score of the similarity, higher is closer, as {@link VectorSimilarityFunction}. */
  private float scoreBetween(int a, float[] aBlock, int aOffset, int b) {
    float[] bBlock = vectors.block(b);
    int bOffset = vectors.offset(b);
    return switch (similarity) {
      case EUCLIDEAN ->
          1f / (1f + KERNELS.squareDistance(aBlock, aOffset, bBlock, bOffset, dimension));
      case DOT_PRODUCT ->
          Math.max((1f + KERNELS.dotProduct(aBlock, aOffset, bBlock, bOffset, dimension)) / 2f, 0f);
      case COSINE -> {
        float dot = KERNELS.dotProduct(aBlock, aOffset, bBlock, bOffset, dimension);
        yield Math.max((1f + dot * inverseNorms[a] * inverseNorms[b]) / 2f, 0f);
      }
      case MAXIMUM_INNER_PRODUCT ->
          VectorUtil.scaleMaxInnerProductScore(
              KERNELS.dotProduct(aBlock, aOffset, bBlock, bOffset, dimension));
    };
  }

  /** The inverse norms only: the vectors are the writer's, counted by {@link HeapFloatVectors}. */
  @Override
  public long ramBytesUsed() {
    return inverseNorms == null ? 0 : RamUsageEstimator.sizeOf(inverseNorms);
  }

  @Override
  public RandomVectorScorerSupplier copy() {
    return this; // read-only: every worker may share it
  }
}
