package io.annscale.bench.data.synthetic;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SyntheticDataGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void outputDependsOnSeedNotOnThreads() throws IOException {
    int dim = 12;
    long count = 3 * SyntheticDataGenerator.BATCH + 17;
    Distribution dist = Distribution.clustered(10, 0.1, 5, dim);
    Path one = tmp.getRoot().toPath().resolve("one.fbin");
    Path three = tmp.getRoot().toPath().resolve("three.fbin");
    Path otherSeed = tmp.getRoot().toPath().resolve("other.fbin");
    AtomicLong progress = new AtomicLong();
    new SyntheticDataGenerator(dist, dim, 5, 1).write(one, count, Stream.BASE, progress::set);
    new SyntheticDataGenerator(dist, dim, 5, 3).write(three, count, Stream.BASE, d -> {});
    new SyntheticDataGenerator(dist, dim, 6, 3).write(otherSeed, count, Stream.BASE, d -> {});
    assertEquals(count, progress.get());
    assertEquals(count, VectorFileInfo.read(one).count());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(three));
    assertFalse(Arrays.equals(Files.readAllBytes(one), Files.readAllBytes(otherSeed)));
    float[] inMemory = new SyntheticDataGenerator(dist, dim, 5, 2).sample((int) count, Stream.BASE);
    assertArrayEquals(inMemory, readAll(one), 0f);
  }

  @Test
  public void queriesAreDrawnFreshNotCopiedFromTheBase() {
    int dim = 8;
    SyntheticDataGenerator g = new SyntheticDataGenerator(Distribution.gaussian(), dim, 1, 1);
    float[] base = g.sample(5000, Stream.BASE);
    float[] queries = g.sample(100, Stream.QUERY);
    for (int q = 0; q < 100; q++) {
      float[] query = Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
      for (int b = 0; b < 5000; b++) {
        assertFalse(Arrays.equals(query, Arrays.copyOfRange(base, b * dim, (b + 1) * dim)));
      }
    }
  }

  @Test
  public void clusteredVectorsSitNearTheirCentresAndQueriesShareThem() {
    int dim = 32;
    double spread = 0.05;
    Distribution dist = Distribution.clustered(4, spread, 9, dim);
    SyntheticDataGenerator g = new SyntheticDataGenerator(dist, dim, 9, 1);
    float[] base = g.sample(400, Stream.BASE);
    float[] queries = g.sample(20, Stream.QUERY);
    // Every query's nearest base vector is within the noise scale: same clusters, not a fresh set
    // of centres.
    double noise =
        2 * spread * spread * dim; // expected squared distance of two points of one cluster
    for (int q = 0; q < 20; q++) {
      double best = Double.MAX_VALUE;
      for (int b = 0; b < 400; b++) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
          double d = queries[q * dim + i] - base[b * dim + i];
          s += d * d;
        }
        best = Math.min(best, s);
      }
      assertTrue("query " + q + " nearest " + best, best < 2 * noise);
    }
  }

  @Test
  public void uniformStaysInRange() {
    float[] v =
        new SyntheticDataGenerator(Distribution.uniform(), 16, 2, 1).sample(1000, Stream.BASE);
    for (float x : v) {
      assertTrue(x >= 0 && x < 1);
    }
  }

  @Test
  public void badParametersAreNamed() {
    assertEquals(
        "unknown distribution 'zipf'; expected one of uniform, gaussian, clustered",
        assertThrows(IllegalArgumentException.class, () -> Distribution.parse("zipf", 1, 1, 1, 1))
            .getMessage());
    assertEquals(
        "spread must be a finite number > 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Distribution.clustered(3, -1, 1, 4))
            .getMessage());
  }

  private static float[] readAll(Path file) throws IOException {
    try (VectorFileReader r = VectorFileReader.open(file)) {
      float[] all = new float[(int) (r.size() * r.dimension())];
      r.read(all, (int) r.size());
      return all;
    }
  }
}
