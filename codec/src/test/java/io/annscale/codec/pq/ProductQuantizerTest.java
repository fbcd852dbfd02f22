package io.annscale.codec.pq;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.RandomAccessInput;
import org.junit.Test;

/**
 * Unit tests of training, encoding and ADC tables, independent of the Lucene format around them.
 */
public class ProductQuantizerTest {
  private static final int DIM = 16;
  private static final int COUNT = 2_000;

  /** Gaussian blobs: structure that k-means can find, like real embeddings and SIFT. */
  private static float[][] clustered(int count, int dim, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[20][dim];
    for (float[] c : centres) {
      for (int t = 0; t < dim; t++) {
        c[t] = (float) random.nextGaussian() * 10;
      }
    }
    float[][] vectors = new float[count][dim];
    for (float[] v : vectors) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int t = 0; t < dim; t++) {
        v[t] = c[t] + (float) random.nextGaussian();
      }
    }
    return vectors;
  }

  private static ProductQuantizer train(float[][] vectors, int subspaces, PqBits bits)
      throws IOException {
    return ProductQuantizer.train(
        ord -> vectors[ord],
        vectors.length,
        vectors[0].length,
        subspaces,
        bits,
        vectors.length,
        7L);
  }

  private static float reconstructionError(ProductQuantizer pq, float[][] vectors) {
    byte[] code = new byte[pq.codeBytes()];
    float[] decoded = new float[pq.dimension()];
    double sum = 0;
    for (float[] v : vectors) {
      pq.encode(v, code, 0);
      pq.decode(code, 0, decoded);
      sum += KMeans.squareDistance(v, 0, decoded, 0, v.length);
    }
    return (float) (sum / vectors.length);
  }

  private static float variance(float[][] vectors) {
    int dim = vectors[0].length;
    double[] mean = new double[dim];
    for (float[] v : vectors) {
      for (int t = 0; t < dim; t++) {
        mean[t] += v[t] / (double) vectors.length;
      }
    }
    double sum = 0;
    for (float[] v : vectors) {
      for (int t = 0; t < dim; t++) {
        sum += (v[t] - mean[t]) * (v[t] - mean[t]);
      }
    }
    return (float) (sum / vectors.length);
  }

  @Test
  public void trainingIsDeterministicForTheSameSeed() throws IOException {
    float[][] vectors = clustered(COUNT, DIM, 1);
    assertArrayEquals(
        train(vectors, 4, PqBits.EIGHT).centroids(),
        train(vectors, 4, PqBits.EIGHT).centroids(),
        0f);
  }

  /**
   * More bits per sub-space must reconstruct better, and both far better than the data's own
   * spread.
   */
  @Test
  public void reconstructionErrorOrdersPq8BelowPq4BelowVariance() throws IOException {
    float[][] vectors = clustered(COUNT, DIM, 2);
    float pq8 = reconstructionError(train(vectors, 4, PqBits.EIGHT), vectors);
    float pq4 = reconstructionError(train(vectors, 4, PqBits.FOUR), vectors);
    float variance = variance(vectors);
    assertTrue("pq8=" + pq8 + " pq4=" + pq4, pq8 < pq4);
    assertTrue("pq4=" + pq4 + " variance=" + variance, pq4 < 0.25f * variance);
  }

  /**
   * ADC of a query against a code equals the exact distance to the decoded vector (up to float
   * rounding).
   */
  @Test
  public void adcTablesEqualDistancesToDecodedVectors() throws IOException {
    float[][] vectors = clustered(COUNT, DIM, 3);
    float[][] queries = clustered(20, DIM, 4);
    for (PqBits bits : PqBits.values()) {
      // 5 sub-spaces do not divide 16: checks the uneven split too
      for (int subspaces : new int[] {1, 4, 5, DIM}) {
        ProductQuantizer pq = train(vectors, subspaces, bits);
        byte[] code = new byte[pq.codeBytes()];
        float[] decoded = new float[DIM];
        for (float[] query : queries) {
          AdcTable l2 = pq.squareDistanceTable(query);
          AdcTable dot = pq.dotProductTable(query);
          for (int i = 0; i < 50; i++) {
            pq.encode(vectors[i], code, 0);
            pq.decode(code, 0, decoded);
            float expectedL2 = KMeans.squareDistance(query, 0, decoded, 0, DIM);
            float expectedDot = 0;
            for (int t = 0; t < DIM; t++) {
              expectedDot += query[t] * decoded[t];
            }
            String what = bits + " m=" + subspaces + " i=" + i;
            assertEquals(what, expectedL2, l2.lookup(code, 0), 1e-3f * (1 + expectedL2));
            assertEquals(
                what, expectedDot, dot.lookup(code, 0), 1e-3f * (1 + Math.abs(expectedDot)));
          }
        }
      }
    }
  }

  /** Reading codes in place, word by word, gives the same sums as reading them from an array. */
  @Test
  public void lookupFromInputEqualsLookupFromArray() throws IOException {
    Random random = new Random(9);
    for (PqBits bits : PqBits.values()) {
      for (int subspaces = 1; subspaces <= 40; subspaces++) {
        int dim = subspaces * 2;
        float[][] vectors = clustered(300, dim, subspaces);
        ProductQuantizer pq = train(vectors, subspaces, bits);
        AdcTable table = pq.squareDistanceTable(vectors[random.nextInt(vectors.length)]);
        int codeBytes = pq.codeBytes();
        byte[] codes = new byte[vectors.length * codeBytes + 3];
        int start = 3; // codes need not be aligned
        for (int i = 0; i < vectors.length; i++) {
          pq.encode(vectors[i], codes, start + i * codeBytes);
        }
        try (Directory directory = new ByteBuffersDirectory()) {
          try (IndexOutput out = directory.createOutput("codes", IOContext.DEFAULT)) {
            out.writeBytes(codes, codes.length);
          }
          try (IndexInput in = directory.openInput("codes", IOContext.DEFAULT)) {
            RandomAccessInput slice = in.randomAccessSlice(start, codes.length - start);
            for (int i = 0; i < vectors.length; i++) {
              // the same terms summed in another order: equal up to float rounding
              float expected = table.lookup(codes, start + i * codeBytes);
              assertEquals(
                  bits + " m=" + subspaces + " i=" + i,
                  expected,
                  table.lookup(slice, (long) i * codeBytes),
                  1e-5f * (1 + Math.abs(expected)));
            }
          }
        }
      }
    }
  }

  /** Encoding picks, per sub-space, the centroid nearest to the vector's slice. */
  @Test
  public void encodeChoosesTheNearestCentroidPerSubspace() throws IOException {
    float[][] vectors = clustered(500, DIM, 5);
    ProductQuantizer pq = train(vectors, 5, PqBits.FOUR);
    float[] centroids = pq.centroids();
    int k = PqBits.FOUR.centroidsPerSubspace();
    byte[] code = new byte[pq.codeBytes()];
    for (float[] v : vectors) {
      pq.encode(v, code, 0);
      for (int j = 0; j < pq.subspaces(); j++) {
        int start = pq.subspaceStart(j);
        int len = pq.subspaceEnd(j) - start;
        float chosen =
            KMeans.squareDistance(
                v, start, centroids, k * start + pq.codeAt(code, 0, j) * len, len);
        for (int c = 0; c < k; c++) {
          assertTrue(
              chosen <= KMeans.squareDistance(v, start, centroids, k * start + c * len, len));
        }
      }
    }
  }

  @Test
  public void degenerateInputsTrainAndEncode() throws IOException {
    // one vector, fewer than K points
    float[][] one = {{1, 2, 3, 4}};
    ProductQuantizer single = train(one, 2, PqBits.EIGHT);
    assertEquals(0f, reconstructionError(single, one), 0f);
    // all vectors identical: every point is at distance 0 from the first centre
    float[][] same = new float[300][];
    for (int i = 0; i < same.length; i++) {
      same[i] = new float[] {5, 5, 5};
    }
    assertEquals(0f, reconstructionError(train(same, 3, PqBits.EIGHT), same), 0f);
    // one dimension, one sub-space
    float[][] line = new float[100][1];
    for (int i = 0; i < line.length; i++) {
      line[i][0] = i;
    }
    assertTrue(reconstructionError(train(line, 1, PqBits.EIGHT), line) < 1e-6f);
  }

  @Test
  public void fromCentroidsRoundTripsAndRejectsBadShapes() throws IOException {
    float[][] vectors = clustered(300, DIM, 6);
    ProductQuantizer trained = train(vectors, 4, PqBits.FOUR);
    ProductQuantizer restored =
        ProductQuantizer.fromCentroids(DIM, 4, PqBits.FOUR, trained.centroids());
    byte[] a = new byte[trained.codeBytes()];
    byte[] b = new byte[restored.codeBytes()];
    for (float[] v : vectors) {
      trained.encode(v, a, 0);
      restored.encode(v, b, 0);
      assertArrayEquals(a, b);
    }
    float[] tooShort = new float[10];
    assertThrows(
        IllegalArgumentException.class,
        () -> ProductQuantizer.fromCentroids(DIM, 4, PqBits.FOUR, tooShort));
    float[] withNaN = trained.centroids().clone();
    withNaN[3] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductQuantizer.fromCentroids(DIM, 4, PqBits.FOUR, withNaN));
    assertTrue(e.getMessage(), e.getMessage().contains("NaN"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProductQuantizer.fromCentroids(DIM, 0, PqBits.FOUR, withNaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProductQuantizer.fromCentroids(DIM, DIM + 1, PqBits.FOUR, withNaN));
  }

  @Test
  public void wrongDimensionsAreRejectedWithTheirValues() throws IOException {
    ProductQuantizer pq = train(clustered(300, DIM, 8), 4, PqBits.EIGHT);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> pq.encode(new float[DIM + 1], new byte[4], 0));
    assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(DIM + 1)));
    assertThrows(IllegalArgumentException.class, () -> pq.squareDistanceTable(new float[3]));
    assertThrows(
        IllegalArgumentException.class, () -> ProductQuantizer.defaultSubspaces(0, PqBits.EIGHT));
  }

  @Test
  public void defaultSubspacesStayInRange() {
    assertEquals(32, ProductQuantizer.defaultSubspaces(128, PqBits.EIGHT));
    assertEquals(64, ProductQuantizer.defaultSubspaces(128, PqBits.FOUR));
    for (int d = 1; d <= 70; d++) {
      for (PqBits bits : PqBits.values()) {
        int m = ProductQuantizer.defaultSubspaces(d, bits);
        assertTrue("d=" + d + " m=" + m, m >= 1 && m <= d);
      }
    }
  }
}
