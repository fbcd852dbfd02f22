package io.annscale.bench.jmh;

import io.annscale.codec.pq.AdcTable;
import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a PQ8 search pays once per query and segment before visiting any node: the coarse table
 * (1,024 squared distances of 128-d) and the residual dot-product table (32 sub-spaces x 256
 * centroids), 128-d. Microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class AdcTableBenchmark {
  private static final int DIMENSION = 128;

  private ResidualProductQuantizer quantizer;
  private float[] query;

  @Setup
  public void setup() throws IOException {
    Random random = new Random(7);
    float[][] sample = new float[30_000][DIMENSION];
    for (float[] v : sample) {
      for (int t = 0; t < DIMENSION; t++) {
        v[t] = (float) random.nextGaussian();
      }
    }
    quantizer =
        ResidualProductQuantizer.train(
            ord -> sample[ord], sample.length, DIMENSION, 32, PqBits.EIGHT, 1L);
    query = sample[0].clone();
  }

  @Benchmark
  public float[] coarseTable() {
    return quantizer.coarseSquareDistances(query);
  }

  @Benchmark
  public AdcTable residualDotTable() {
    return quantizer.residuals().dotProductTable(query);
  }
}
