package io.annscale.bench.jmh;

import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.ResidualAdcQuery;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene95.OffHeapFloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of scoring one graph node during search, at random ordinals as a graph walk visits them:
 * Lucene's float32 scorer over memory-mapped vectors (its Vector API code on, as in the benchmarks)
 * against our residual PQ8 record read in place (code + coarse id + correction from a memory-mapped
 * {@code .pqc}-like file). With {@code vectors = 10000} everything sits in cache; with {@code
 * 1000000} the float file (512 MB) does not and the records (38 MB) barely do. Average time per
 * scored node; lower is better.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "-Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25",
      "-Xmx2g"
    })
public class AdcScoringBenchmark {
  private static final int DIMENSION = 128;
  private static final int SUBSPACES = 32;
  private static final int RECORD_BYTES = ResidualAdcQuery.recordBytes(SUBSPACES);
  private static final int BATCH = 1024;

  /**
   * Random ordinals visited in turn, a batch per call: 4 MB of ints, so a batch is never reused
   * while cached.
   */
  private static final int ORDS = 1 << 20;

  @Param({"10000", "1000000"})
  int vectors;

  private Path dir;
  private MMapDirectory directory;
  private IndexInput floats;
  private IndexInput records;
  private RandomAccessInput recordAccess;
  private RandomVectorScorer floatScorer;
  private ResidualAdcQuery adc;
  private int[] ords;
  private int cursor;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    Random random = new Random(42);
    dir = Files.createTempDirectory("adc-jmh");
    directory = new MMapDirectory(dir);
    float[] vector = new float[DIMENSION];
    try (IndexOutput out = directory.createOutput("vectors.vec", IOContext.DEFAULT)) {
      for (int i = 0; i < vectors; i++) {
        for (int t = 0; t < DIMENSION; t++) {
          out.writeInt(Float.floatToIntBits((float) random.nextGaussian()));
        }
      }
    }
    float[][] sample = new float[2_000][DIMENSION];
    for (float[] v : sample) {
      for (int t = 0; t < DIMENSION; t++) {
        v[t] = (float) random.nextGaussian();
      }
    }
    ResidualProductQuantizer quantizer =
        ResidualProductQuantizer.train(
            ord -> sample[ord], sample.length, DIMENSION, SUBSPACES, PqBits.EIGHT, 1L);
    byte[] record = new byte[RECORD_BYTES];
    try (IndexOutput out = directory.createOutput("records.pqc", IOContext.DEFAULT)) {
      for (int i = 0; i < vectors; i++) {
        random.nextBytes(record);
        record[SUBSPACES] = (byte) random.nextInt(quantizer.coarseCount()); // coarse id low byte
        record[SUBSPACES + 1] = 0;
        out.writeBytes(record, RECORD_BYTES);
      }
    }
    floats = directory.openInput("vectors.vec", IOContext.DEFAULT);
    records = directory.openInput("records.pqc", IOContext.DEFAULT);
    recordAccess = records.randomAccessSlice(0, records.length());
    float[] query = sample[0];
    OffHeapFloatVectorValues values =
        new OffHeapFloatVectorValues.DenseOffHeapVectorValues(
            DIMENSION,
            vectors,
            floats,
            DIMENSION * Float.BYTES,
            FlatVectorScorerUtil.getLucene99FlatVectorsScorer(),
            VectorSimilarityFunction.EUCLIDEAN);
    floatScorer =
        FlatVectorScorerUtil.getLucene99FlatVectorsScorer()
            .getRandomVectorScorer(VectorSimilarityFunction.EUCLIDEAN, values, query);
    adc = ResidualAdcQuery.of(quantizer, VectorSimilarityFunction.EUCLIDEAN, query);
    ords = new int[ORDS];
    for (int i = 0; i < ORDS; i++) {
      ords[i] = random.nextInt(vectors);
    }
  }

  /**
   * The next batch of ordinals: successive calls walk through the whole array, as a search walks
   * the graph.
   */
  private int nextBatch() {
    int start = cursor;
    cursor = (cursor + BATCH) & (ORDS - 1);
    return start;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    IOUtils.close(floats, records, directory);
    IOUtils.rm(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float luceneFloat32() throws IOException {
    float sum = 0;
    for (int i = nextBatch(), end = i + BATCH; i < end; i++) {
      sum += floatScorer.score(ords[i]);
    }
    return sum;
  }

  /** Our ADC scorer's formula for EUCLIDEAN, as PQ-HNSW and DiskANN call it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float residualPq8() throws IOException {
    float sum = 0;
    for (int i = nextBatch(), end = i + BATCH; i < end; i++) {
      sum += adc.score(adc.distance(recordAccess, (long) ords[i] * RECORD_BYTES));
    }
    return sum;
  }
}
