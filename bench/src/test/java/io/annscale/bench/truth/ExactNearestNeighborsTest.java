package io.annscale.bench.truth;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.VectorFileWriter;
import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ExactNearestNeighborsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private final Random random = new Random(3);

  @Test
  public void matchesNaiveSortForEveryMetricThreadCountAndBlockSize() throws IOException {
    int dim = 37;
    int count = 2_000;
    int queryCount = 23;
    float[] base = gaussian(count * dim);
    float[] queries = gaussian(queryCount * dim);
    Path file = tmp.getRoot().toPath().resolve("base.fvecs");
    try (VectorFileWriter w = VectorFileWriter.create(file, dim)) {
      w.write(base, 0, count);
      w.commit();
    }
    for (Metric metric : Metric.values()) {
      int[][] expected = naive(base, queries, dim, metric, 10);
      for (int threads : new int[] {1, 2, 5}) {
        for (int blockSize : new int[] {1, 333, 5000}) {
          for (DistanceKernels kernels :
              new DistanceKernels[] {DistanceKernels.scalar(), DistanceKernels.best()}) {
            GroundTruth gt;
            try (VectorFileReader r = VectorFileReader.open(file)) {
              gt =
                  new ExactNearestNeighbors(metric, 10, threads, blockSize, kernels)
                      .search(queries, r, d -> {});
            }
            for (int q = 0; q < queryCount; q++) {
              String what =
                  metric
                      + " threads="
                      + threads
                      + " block="
                      + blockSize
                      + " "
                      + kernels.name()
                      + " q="
                      + q;
              assertArrayEquals(what, expected[q], gt.ids()[q]);
              for (int r = 1; r < 10; r++) {
                assertEquals(what, true, gt.distances()[q][r - 1] <= gt.distances()[q][r]);
              }
            }
          }
        }
      }
    }
  }

  /**
   * A filtered search's truth: the naive top k of the accepted vectors, ids still base ordinals.
   */
  @Test
  public void acceptedOrdinalsOnlyMatchTheNaiveTopKOfThatSubset() throws IOException {
    int dim = 16;
    int count = 3_000;
    float[] base = gaussian(count * dim);
    float[] queries = gaussian(7 * dim);
    Path file = tmp.getRoot().toPath().resolve("filtered.fvecs");
    try (VectorFileWriter w = VectorFileWriter.create(file, dim)) {
      w.write(base, 0, count);
      w.commit();
    }
    int[] kept = IntStream.range(0, count).filter(i -> i % 10 == 3).toArray();
    float[] subset = new float[kept.length * dim];
    for (int i = 0; i < kept.length; i++) {
      System.arraycopy(base, kept[i] * dim, subset, i * dim, dim);
    }
    int[][] expected = naive(subset, queries, dim, Metric.EUCLIDEAN, 10);
    GroundTruth gt;
    try (VectorFileReader r = VectorFileReader.open(file)) {
      gt =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 10, 2, 500, DistanceKernels.best())
              .search(queries, r, ordinal -> ordinal % 10 == 3, d -> {});
    }
    for (int q = 0; q < expected.length; q++) {
      int[] expectedIds = IntStream.of(expected[q]).map(i -> kept[i]).toArray();
      assertArrayEquals("query " + q, expectedIds, gt.ids()[q]);
    }
  }

  @Test
  public void kLargerThanBaseKeepsEveryVector() throws IOException {
    Path file = tmp.getRoot().toPath().resolve("small.fvecs");
    try (VectorFileWriter w = VectorFileWriter.create(file, 2)) {
      w.write(new float[] {0, 0, 3, 0, 1, 0}, 0, 3);
      w.commit();
    }
    try (VectorFileReader r = VectorFileReader.open(file)) {
      GroundTruth gt =
          new ExactNearestNeighbors(Metric.EUCLIDEAN, 10, 2, 2, DistanceKernels.best())
              .search(new float[] {0.9f, 0}, r, d -> {});
      assertArrayEquals(new int[] {2, 0, 1}, gt.ids()[0]);
      assertArrayEquals(new float[] {0.01f, 0.81f, 4.41f}, gt.distances()[0], 1e-6f);
    }
  }

  @Test
  public void badArgumentsAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ExactNearestNeighbors(Metric.COSINE, 0, 1, 1, DistanceKernels.best()));
    assertEquals("k=0, threads=1, blockSize=1: each must be >= 1", e.getMessage());
    assertEquals(
        "unknown metric 'manhattan'; expected one of euclidean|l2, cosine|angular, dot_product|dot|ip|mip",
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("manhattan")).getMessage());
  }

  /** Reference: double precision, full sort, ties by ascending id. */
  private static int[][] naive(float[] base, float[] queries, int dim, Metric metric, int k) {
    int count = base.length / dim;
    int[][] out = new int[queries.length / dim][];
    for (int q = 0; q < out.length; q++) {
      double[] d = new double[count];
      for (int b = 0; b < count; b++) {
        double dot = 0, qq = 0, bb = 0, l2 = 0;
        for (int i = 0; i < dim; i++) {
          double x = queries[q * dim + i], y = base[b * dim + i];
          dot += x * y;
          qq += x * x;
          bb += y * y;
          l2 += (x - y) * (x - y);
        }
        d[b] =
            metric == Metric.EUCLIDEAN
                ? l2
                : metric == Metric.DOT_PRODUCT ? -dot : 1 - dot / Math.sqrt(qq * bb);
      }
      out[q] =
          IntStream.range(0, count)
              .boxed()
              .sorted(Comparator.<Integer>comparingDouble(b -> d[b]).thenComparingInt(b -> b))
              .limit(k)
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return out;
  }

  private float[] gaussian(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
