package io.annscale.bench.jmh;

import io.annscale.codec.distance.DistanceKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One distance between two vectors that sit in L1: our Vector API kernels vs our scalar kernels vs
 * Lucene's {@link VectorUtil}. Lucene 9.12 has no Vector API code on JDK 17, so there it is scalar;
 * on JDK 25 the forks raise its supported-version bound so that its own Panama code runs, as the
 * launcher does. Throughput in operations per microsecond; higher is better.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 5 x 1 s warm-up lets C2 compile and inline the kernels; 5 x 1 s measurements; 2 forks average out
// JIT luck.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "-Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25",
      "-Xmx1g"
    })
public class DistanceKernelsBenchmark {
  /** SIFT/BIGANN, Deep, MiniLM text embeddings, GIST. */
  @Param({"96", "128", "384", "960"})
  int dimension;

  private float[] a;
  private float[] b;
  private DistanceKernels panama;
  private DistanceKernels scalar;

  @Setup
  public void setup() {
    Random random = new Random(0);
    a = new float[dimension];
    b = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      a[i] = (float) random.nextGaussian();
      b[i] = (float) random.nextGaussian();
    }
    panama = DistanceKernels.panama();
    scalar = DistanceKernels.scalar();
  }

  @Benchmark
  public float squareDistancePanama() {
    return panama.squareDistance(a, 0, b, 0, dimension);
  }

  @Benchmark
  public float squareDistanceScalar() {
    return scalar.squareDistance(a, 0, b, 0, dimension);
  }

  @Benchmark
  public float squareDistanceLucene() {
    return VectorUtil.squareDistance(a, b);
  }

  @Benchmark
  public float dotProductPanama() {
    return panama.dotProduct(a, 0, b, 0, dimension);
  }

  @Benchmark
  public float dotProductScalar() {
    return scalar.dotProduct(a, 0, b, 0, dimension);
  }

  @Benchmark
  public float dotProductLucene() {
    return VectorUtil.dotProduct(a, b);
  }
}
