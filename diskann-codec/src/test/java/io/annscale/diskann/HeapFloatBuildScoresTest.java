package io.annscale.diskann;

import io.annscale.diskann.graph.GatheredScorer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The graph build's heap scores are Lucene's scores, within and across blocks, one or many at a
 * time.
 */
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
          HeapFloatBuildScores.of(
              HeapFloatVectors.copyOf(values, 4 * DIMENSION + DIMENSION / 2, null), similarity);
      int[] all = new int[SIZE];
      for (int b = 0; b < SIZE; b++) {
        all[SIZE - 1 - b] = b; // gathered in reverse order, from blocks all over the copy
      }
      float[] gathered = new float[SIZE];
      for (int a = 0; a < SIZE; a++) {
        RandomVectorScorer scorer = scores.scorer(a);
        assertEquals(SIZE, scorer.maxOrd());
        ((GatheredScorer) scorer).scores(all, SIZE, gathered);
        for (int b = 0; b < SIZE; b++) {
          float expected = similarity.compare(input.get(a), input.get(b));
          assertEquals(
              similarity + " " + a + "-" + b,
              expected,
              scorer.score(b),
              1e-5f * Math.abs(expected));
          // one at a time or gathered, the same score (DistanceKernelsTest says how close)
          assertEquals(
              similarity + " gathered " + a + "-" + b,
              scorer.score(b),
              gathered[SIZE - 1 - b],
              1e-6f * Math.abs(expected));
        }
      }
    }
  }

  public void testCosineKeepsTheVectorsAsIndexed() throws IOException {
    float[] vector = {3f, 4f};
    HeapFloatVectors vectors =
        HeapFloatVectors.copyOf(RandomAccessVectorValues.fromFloats(List.of(vector), 2));
    HeapFloatBuildScores scores = HeapFloatBuildScores.of(vectors, VectorSimilarityFunction.COSINE);
    assertEquals(1f, scores.scorer(0).score(0), 1e-6f);
    assertArrayEquals(new float[] {3f, 4f}, vectors.vectorValue(0), 0f);
    assertArrayEquals(new float[] {3f, 4f}, vector, 0f);
    assertEquals(
        0, HeapFloatBuildScores.of(vectors, VectorSimilarityFunction.EUCLIDEAN).ramBytesUsed());
    assertTrue(
        scores.ramBytesUsed()
            >= HeapFloatBuildScores.bytesUsed(1, VectorSimilarityFunction.COSINE));
  }
}
