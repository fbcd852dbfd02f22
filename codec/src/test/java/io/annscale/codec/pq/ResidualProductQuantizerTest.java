package io.annscale.codec.pq;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.TaskExecutor;
import org.junit.Test;

public class ResidualProductQuantizerTest {
  private static final int DIM = 24;

  /** 100 tight clusters far apart: where coding residuals pays off. */
  private static float[][] clustered(int count, long seed) {
    Random centres = new Random(99);
    float[][] centre = new float[100][DIM];
    for (float[] c : centre) {
      for (int t = 0; t < DIM; t++) {
        c[t] = (float) centres.nextGaussian() * 10;
      }
    }
    Random random = new Random(seed);
    float[][] vectors = new float[count][DIM];
    for (float[] v : vectors) {
      float[] c = centre[random.nextInt(centre.length)];
      for (int t = 0; t < DIM; t++) {
        v[t] = c[t] + (float) random.nextGaussian();
      }
    }
    return vectors;
  }

  private static ResidualProductQuantizer train(float[][] vectors, PqBits bits) throws IOException {
    return ResidualProductQuantizer.train(ord -> vectors[ord], vectors.length, DIM, 6, bits, 5L);
  }

  /**
   * The decomposed ADC equals the exact distance (and dot product) to the vector the code stands
   * for.
   */
  @Test
  public void decomposedScoresEqualScoresOfTheDecodedVector() throws IOException {
    float[][] vectors = clustered(3_000, 1);
    float[][] queries = clustered(10, 2);
    for (PqBits bits : PqBits.values()) {
      ResidualProductQuantizer rq = train(vectors, bits);
      assertEquals(3_000 / 24, rq.coarseCount());
      byte[] code = new byte[rq.residuals().codeBytes()];
      float[] scratch = new float[Math.max(rq.coarseCount(), 256)];
      float[] work = new float[DIM];
      float[] decoded = new float[DIM];
      for (float[] query : queries) {
        float[] coarseL2 = rq.coarseSquareDistances(query);
        float[] coarseDot = rq.coarseDotProducts(query);
        AdcTable dots = rq.residuals().dotProductTable(query);
        for (int i = 0; i < 100; i++) {
          int c = rq.encode(vectors[i], code, 0, scratch, work);
          float correction = rq.squareDistanceCorrection(c, code, 0, work);
          rq.decode(c, code, 0, decoded);
          float l2 = KMeans.squareDistance(query, 0, decoded, 0, DIM);
          float dot = 0;
          for (int t = 0; t < DIM; t++) {
            dot += query[t] * decoded[t];
          }
          float residualDot = dots.lookup(code, 0);
          assertEquals(
              bits + " i=" + i, l2, coarseL2[c] - 2 * residualDot + correction, 1e-3f * (1 + l2));
          assertEquals(
              bits + " i=" + i, dot, coarseDot[c] + residualDot, 1e-3f * (1 + Math.abs(dot)));
        }
      }
    }
  }

  /**
   * On clustered data, coding residuals must reconstruct much better than coding the vectors
   * themselves.
   */
  @Test
  public void residualsReconstructBetterThanPlainCodesOnClusteredData() throws IOException {
    float[][] vectors = clustered(3_000, 3);
    ResidualProductQuantizer rq = train(vectors, PqBits.EIGHT);
    ProductQuantizer plain =
        ProductQuantizer.train(
            ord -> vectors[ord], vectors.length, DIM, 6, PqBits.EIGHT, vectors.length, 5L);
    byte[] code = new byte[plain.codeBytes()];
    float[] scratch = new float[Math.max(rq.coarseCount(), 256)];
    float[] work = new float[DIM];
    float[] decoded = new float[DIM];
    double residualError = 0;
    double plainError = 0;
    for (float[] v : vectors) {
      int c = rq.encode(v, code, 0, scratch, work);
      rq.decode(c, code, 0, decoded);
      residualError += KMeans.squareDistance(v, 0, decoded, 0, DIM);
      plain.encode(v, code, 0);
      plain.decode(code, 0, decoded);
      plainError += KMeans.squareDistance(v, 0, decoded, 0, DIM);
    }
    assertTrue(
        "residual " + residualError + " vs plain " + plainError, residualError < 0.7 * plainError);
  }

  @Test
  public void smallSamplesUseOneCoarseCentroid() throws IOException {
    float[][] three = {{1, 2}, {3, 4}, {5, 7}};
    ResidualProductQuantizer rq =
        ResidualProductQuantizer.train(ord -> three[ord], 3, 2, 2, PqBits.EIGHT, 1L);
    assertEquals(1, rq.coarseCount());
    byte[] code = new byte[2];
    float[] decoded = new float[2];
    for (float[] v : three) {
      int c = rq.encode(v, code, 0, new float[256], new float[2]);
      rq.decode(c, code, 0, decoded);
      assertEquals(0f, KMeans.squareDistance(v, 0, decoded, 0, 2), 1e-6f);
    }
    assertEquals(1, ResidualProductQuantizer.defaultCoarseCount(0, 128));
    assertEquals(1024, ResidualProductQuantizer.defaultCoarseCount(1_000_000, 128));
    assertEquals(
        "1,024 centroids at 96-d too",
        1024,
        ResidualProductQuantizer.defaultCoarseCount(1_000_000, 96));
    assertEquals(
        "the per-query table stays within its budget at 384-d",
        341,
        ResidualProductQuantizer.defaultCoarseCount(1_000_000, 384));
    assertEquals(
        "24 training points each", 100, ResidualProductQuantizer.defaultCoarseCount(2_400, 384));
  }

  @Test
  public void fromPartsRejectsInconsistentShapes() throws IOException {
    ResidualProductQuantizer rq = train(clustered(500, 4), PqBits.FOUR);
    float[] coarse = rq.coarseCentroids();
    assertEquals(rq.coarseCount() * DIM, coarse.length);
    ResidualProductQuantizer.fromParts(coarse, rq.coarseCount(), rq.residuals());
    assertThrows(
        IllegalArgumentException.class,
        () -> ResidualProductQuantizer.fromParts(coarse, rq.coarseCount() + 1, rq.residuals()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ResidualProductQuantizer.fromParts(new float[0], 0, rq.residuals()));
    coarse[5] = Float.POSITIVE_INFINITY;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ResidualProductQuantizer.fromParts(coarse, rq.coarseCount(), rq.residuals()));
    assertTrue(e.getMessage(), e.getMessage().contains("Infinity"));
  }

  /** Training split over workers gives the very quantizer one thread trains. */
  @Test
  public void workersTrainTheSameQuantizerAsOneThread() throws Exception {
    float[][] vectors = clustered(3_000, 4);
    ResidualProductQuantizer alone =
        ResidualProductQuantizer.train(
            ord -> vectors[ord], vectors.length, DIM, 6, PqBits.EIGHT, 40, 7L, RangeWorkers.CALLER);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      ResidualProductQuantizer split =
          ResidualProductQuantizer.train(
              ord -> vectors[ord],
              vectors.length,
              DIM,
              6,
              PqBits.EIGHT,
              40,
              7L,
              RangeWorkers.on(new TaskExecutor(pool), 3));
      assertArrayEquals(alone.coarseCentroids(), split.coarseCentroids(), 0f);
      assertArrayEquals(alone.residuals().centroids(), split.residuals().centroids(), 0f);
    } finally {
      pool.shutdown();
    }
  }
}
