package io.annscale.bench.jmh;

import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.run.BuildKey;
import io.annscale.bench.run.IndexBuilder;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import io.annscale.diskann.DiskAnnKnnCollector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The graph search itself, one segment, no Lucene query machinery around it: a k-NN search through
 * the segment's vector reader, repeated over 1,000 queries, for Lucene's HNSW (float32), our
 * PQ8-HNSW and our DiskANN on the same clustered vectors. Reported: searches per second, and
 * (auxiliary counter {@code visited}) graph nodes scored per second, so the cost of one search step
 * (score a candidate's neighbours) is 1 / visited-rate. The index is built once per format in the
 * trial setup, with the benchmark's own builder (one segment, force-merged).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "-Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25",
      "-Xmx4g"
    })
public class GraphSearchBenchmark {
  private static final int DIMENSION = 128;
  private static final int QUERIES = 1_000;
  private static final int K = 10;

  @Param({"lucene-hnsw", "pq8-hnsw", "diskann"})
  String format;

  @Param({"100000"})
  int vectors;

  /** Candidates the search keeps (HNSW: its k; DiskANN: the search-list size). */
  @Param({"40"})
  int searchList;

  private Path dir;
  private DirectoryReader reader;
  private LeafReader leaf;
  private float[][] queries;
  private int next;

  /** Nodes scored, summed over the measured searches (JMH reports it as a rate). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Visits {
    public long visited;
  }

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("graph-search-jmh");
    SyntheticDataGenerator generator =
        new SyntheticDataGenerator(
            Distribution.clustered(vectors / 100, 0.5, 42, DIMENSION),
            DIMENSION,
            42,
            Runtime.getRuntime().availableProcessors());
    Path base = dir.resolve("base.fvecs");
    Path query = dir.resolve("query.fvecs");
    generator.write(base, vectors, SyntheticDataGenerator.Stream.BASE, done -> {});
    generator.write(query, QUERIES, SyntheticDataGenerator.Stream.QUERY, done -> {});
    float[] flat = new float[QUERIES * DIMENSION];
    try (VectorFileReader in = VectorFileReader.open(query)) {
      in.read(flat, QUERIES);
    }
    queries = new float[QUERIES][];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = java.util.Arrays.copyOfRange(flat, q * DIMENSION, (q + 1) * DIMENSION);
    }
    BuildKey key =
        BuildKey.of(base, vectors, Metric.EUCLIDEAN, VectorFormatChoice.parse(format), 16, 100, 0);
    Path root = dir.resolve("indexes");
    new IndexBuilder(new PrintWriter(System.out, true), 1024).build(key, root, true, done -> {});
    reader = DirectoryReader.open(FSDirectory.open(key.directory(root)));
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("expected one segment, got " + reader.leaves().size());
    }
    leaf = reader.leaves().get(0).reader();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    IOUtils.close(reader);
    IOUtils.rm(dir);
  }

  @Benchmark
  public TopDocs search(Visits visits) throws IOException {
    float[] query = queries[next];
    next = next + 1 == QUERIES ? 0 : next + 1;
    KnnCollector collector;
    if (format.equals("diskann")) {
      collector =
          new DiskAnnKnnCollector(
              new TopKnnCollector(K, Integer.MAX_VALUE),
              searchList,
              DiskAnnKnnCollector.SEGMENT_DEFAULT,
              null);
    } else {
      collector = new TopKnnCollector(searchList, Integer.MAX_VALUE);
    }
    leaf.searchNearestVectors(IndexBuilder.VECTOR_FIELD, query, collector, null);
    visits.visited += collector.visitedCount();
    return collector.topDocs();
  }
}
