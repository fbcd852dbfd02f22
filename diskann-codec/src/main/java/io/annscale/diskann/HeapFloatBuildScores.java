package io.annscale.diskann;

import io.annscale.codec.distance.DistanceKernels;
import io.annscale.diskann.graph.GatheredScorer;
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
 * <p>A batch of nodes (an insertion's unvisited neighbours, a prune's candidates) is scored in one
 * gathered kernel call ({@link GatheredScorer}), which reads four vectors per step.
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

  /** Where the vectors of a gathered batch are ({@link NodeScorer#scores}); this copy's own. */
  private float[][] gatheredBlocks = new float[0][];

  private int[] gatheredOffsets = new int[0];

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
    return new NodeScorer(ord);
  }

  /** Scores against node {@code ord}, one at a time or gathered (an insertion's neighbours). */
  private final class NodeScorer extends RandomVectorScorer.AbstractRandomVectorScorer
      implements GatheredScorer {
    private final int ord;
    private final float[] query;
    private final int queryOffset;

    NodeScorer(int ord) {
      super(vectors);
      this.ord = ord;
      this.query = vectors.block(ord);
      this.queryOffset = vectors.offset(ord);
    }

    @Override
    public float score(int other) {
      return scoreBetween(ord, query, queryOffset, other);
    }

    @Override
    public void scores(int[] nodes, int count, float[] scores) {
      if (gatheredBlocks.length < count) {
        gatheredBlocks = new float[count][];
        gatheredOffsets = new int[count];
      }
      for (int i = 0; i < count; i++) {
        gatheredBlocks[i] = vectors.block(nodes[i]);
        gatheredOffsets[i] = vectors.offset(nodes[i]);
      }
      if (similarity == VectorSimilarityFunction.EUCLIDEAN) {
        KERNELS.gatheredSquareDistances(
            query, queryOffset, gatheredBlocks, gatheredOffsets, count, dimension, scores);
      } else {
        KERNELS.gatheredDotProducts(
            query, queryOffset, gatheredBlocks, gatheredOffsets, count, dimension, scores);
      }
      for (int i = 0; i < count; i++) {
        scores[i] = fromKernel(ord, nodes[i], scores[i]);
      }
    }
  }

  /** Lucene's score of the similarity, higher is closer, as {@link VectorSimilarityFunction}. */
  private float scoreBetween(int a, float[] aBlock, int aOffset, int b) {
    float[] bBlock = vectors.block(b);
    int bOffset = vectors.offset(b);
    float raw =
        similarity == VectorSimilarityFunction.EUCLIDEAN
            ? KERNELS.squareDistance(aBlock, aOffset, bBlock, bOffset, dimension)
            : KERNELS.dotProduct(aBlock, aOffset, bBlock, bOffset, dimension);
    return fromKernel(a, b, raw);
  }

  /**
   * The score of {@code a} and {@code b} from the kernel's value: a squared distance for EUCLIDEAN,
   * a dot product otherwise.
   */
  private float fromKernel(int a, int b, float raw) {
    return switch (similarity) {
      case EUCLIDEAN -> 1f / (1f + raw);
      case DOT_PRODUCT -> Math.max((1f + raw) / 2f, 0f);
      case COSINE -> Math.max((1f + raw * inverseNorms[a] * inverseNorms[b]) / 2f, 0f);
      case MAXIMUM_INNER_PRODUCT -> VectorUtil.scaleMaxInnerProductScore(raw);
    };
  }

  /** The inverse norms only: the vectors are the writer's, counted by {@link HeapFloatVectors}. */
  @Override
  public long ramBytesUsed() {
    return inverseNorms == null ? 0 : RamUsageEstimator.sizeOf(inverseNorms);
  }

  /** The same vectors and norms, with gathering buffers of its own: one per worker. */
  @Override
  public RandomVectorScorerSupplier copy() {
    return new HeapFloatBuildScores(vectors, similarity, inverseNorms);
  }
}
