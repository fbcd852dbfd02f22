package io.annscale.diskann;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/** The graph build's heap scores are Lucene's scores, within and across blocks. */
public class HeapFloatBuildScoresTest extends LuceneTestCase {
  private static final int DIMENSION = 20;
  private static final int SIZE = 37;

  public void testEverySimilarityScoresAsLuceneAcrossBlocks() throws IOException {
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) (random().nextGaussian() * 3);
      }
      vectors.add(v);
    }
    List<float[]> units = new ArrayList<>();
    for (float[] v : vectors) {
      units.add(VectorUtil.l2normalize(v.clone()));
    }
    for (VectorSimilarityFunction similarity : VectorSimilarityFunction.values()) {
      // DOT_PRODUCT is defined on unit vectors only, as Lucene requires of its input
      List<float[]> input = similarity == VectorSimilarityFunction.DOT_PRODUCT ? units : vectors;
      RandomAccessVectorValues.Floats values =
          RandomAccessVectorValues.fromFloats(input, DIMENSION);
      // 4 vectors per block: 10 blocks, the last one short
      HeapFloatBuildScores scores =
          HeapFloatBuildScores.of(values, similarity, 4 * DIMENSION + DIMENSION / 2);
      for (int a = 0; a < SIZE; a++) {
        RandomVectorScorer scorer = scores.scorer(a);
        assertEquals(SIZE, scorer.maxOrd());
        for (int b = 0; b < SIZE; b++) {
          float expected = similarity.compare(input.get(a), input.get(b));
          assertEquals(
              similarity + " " + a + "-" + b,
              expected,
              scorer.score(b),
              1e-5f * Math.abs(expected));
        }
      }
    }
  }

  public void testCosineCopiesTheVectorsItNormalizes() throws IOException {
    float[] vector = {3f, 4f};
    HeapFloatBuildScores.of(
        RandomAccessVectorValues.fromFloats(List.of(vector), 2), VectorSimilarityFunction.COSINE);
    assertArrayEquals(new float[] {3f, 4f}, vector, 0f);
  }

  public void testBytesUsedIsWhatTheCopyHolds() throws IOException {
    int size = 3000;
    int dimension = 96;
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      vectors.add(new float[dimension]);
    }
    // blocks of 256 vectors: 12 arrays, whose headers the estimate leaves out
    HeapFloatBuildScores scores =
        HeapFloatBuildScores.of(
            RandomAccessVectorValues.fromFloats(vectors, dimension),
            VectorSimilarityFunction.EUCLIDEAN,
            256 * dimension);
    long estimate = HeapFloatBuildScores.bytesUsed(size, dimension);
    assertEquals(size * dimension * 4L, estimate);
    assertTrue(scores.ramBytesUsed() >= estimate);
    assertTrue(scores.ramBytesUsed() - estimate < 64 * 13);
  }
}
