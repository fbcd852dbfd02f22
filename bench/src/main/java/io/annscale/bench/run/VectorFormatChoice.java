package io.annscale.bench.run;

import io.annscale.codec.hnswpq.PqHnswVectorsFormat;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.codec.pq.PqBits;
import io.annscale.diskann.DiskAnnVectorsFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The vector formats the benchmark can build, by command-line name, with the files that search
 * reads for every query ("hot": the graph plus whatever the graph is scored on), which give hot
 * bytes per vector.
 */
public enum VectorFormatChoice {
  /** Lucene's HNSW over float32 vectors: the baseline. */
  LUCENE_HNSW("lucene-hnsw", Set.of("vex", "vec")),
  /**
   * Lucene's HNSW over int7 scalar-quantized vectors (raw floats kept for merges and rescoring
   * only).
   */
  LUCENE_HNSW_INT7("lucene-hnsw-int7", Set.of("vex", "veq")),
  /** annscale HNSW over PQ8 codes with exact rerank. */
  PQ8_HNSW("pq8-hnsw", Set.of("vex", "pqc")),
  /** annscale HNSW over PQ4 codes with exact rerank. */
  PQ4_HNSW("pq4-hnsw", Set.of("vex", "pqc")),
  /**
   * annscale DiskANN: Vamana graph in 4 KiB node blocks read per query (disk), PQ records and the
   * hot-node cache on heap. No hot files: what must stay resident is the reader's heap ({@link
   * SearchRecord#vectorHeapBytes}).
   */
  DISKANN("diskann", Set.of());

  private final String cliName;
  private final Set<String> hotExtensions;

  VectorFormatChoice(String cliName, Set<String> hotExtensions) {
    this.cliName = cliName;
    this.hotExtensions = hotExtensions;
  }

  /** The name on the command line and in results. */
  public String cliName() {
    return cliName;
  }

  /** Whether the format stores PQ codes, so PQ parameters such as oversample change the index. */
  public boolean isProductQuantized() {
    return this == PQ8_HNSW || this == PQ4_HNSW;
  }

  /** Extensions of the files every query reads from. */
  public Set<String> hotExtensions() {
    return hotExtensions;
  }

  /**
   * @param maxConn HNSW M (DiskANN: unused, its defaults apply)
   * @param beamWidth HNSW construction beam (DiskANN: unused)
   * @param oversample PQ candidates per result, ignored by Lucene's formats; 0 for the default
   */
  public KnnVectorsFormat create(int maxConn, int beamWidth, int oversample) {
    return create(maxConn, beamWidth, oversample, FormatOptions.DEFAULT);
  }

  /**
   * @param options PQ sub-spaces, DiskANN R and L (0: defaults); merges single-threaded
   */
  public KnnVectorsFormat create(
      int maxConn, int beamWidth, int oversample, FormatOptions options) {
    return create(maxConn, beamWidth, oversample, options, 1, null);
  }

  /**
   * @param mergeWorkers threads of every merge's graph build, >= 1
   * @param mergeExec runs the workers besides the merging thread; null if and only if {@code
   *     mergeWorkers} is 1
   */
  public KnnVectorsFormat create(
      int maxConn,
      int beamWidth,
      int oversample,
      FormatOptions options,
      int mergeWorkers,
      ExecutorService mergeExec) {
    if ((mergeWorkers == 1) != (mergeExec == null)) {
      throw new IllegalArgumentException(
          "an executor goes with more than one merge worker; mergeWorkers="
              + mergeWorkers
              + ", executor="
              + mergeExec);
    }
    return switch (this) {
      case LUCENE_HNSW ->
          new Lucene99HnswVectorsFormat(maxConn, beamWidth, mergeWorkers, mergeExec);
      case LUCENE_HNSW_INT7 ->
          new Lucene99HnswScalarQuantizedVectorsFormat(
              maxConn, beamWidth, mergeWorkers, 7, false, null, mergeExec);
      case PQ8_HNSW ->
          new PqHnswVectorsFormat(
              maxConn,
              beamWidth,
              options.apply(pq(PqBits.EIGHT, oversample)),
              BENCH_GRAPH_THRESHOLD,
              mergeWorkers,
              mergeExec);
      case PQ4_HNSW ->
          new PqHnswVectorsFormat(
              maxConn,
              beamWidth,
              options.apply(pq(PqBits.FOUR, oversample)),
              BENCH_GRAPH_THRESHOLD,
              mergeWorkers,
              mergeExec);
      // its build workers run on the merge executor, so they are as many as its threads (the
      // index key's options leave the merge workers out)
      case DISKANN ->
          new DiskAnnVectorsFormat(options.diskAnn().withBuildThreads(mergeWorkers), mergeExec);
    };
  }

  /**
   * Every merged PQ-HNSW segment gets a graph, however small the data set: a flush writes none, and
   * the build's force-merge gives the flushed segments theirs, so that every size measures the
   * graph (as {@link FormatOptions} does for DiskANN).
   */
  private static final int BENCH_GRAPH_THRESHOLD = 0;

  private static PqParameters pq(PqBits bits, int oversample) {
    PqParameters parameters = PqParameters.of(bits);
    return oversample == 0 ? parameters : parameters.withOversample(oversample);
  }

  /** Parses one name, naming the valid ones when it is unknown. */
  public static VectorFormatChoice parse(String name) {
    for (VectorFormatChoice choice : values()) {
      if (choice.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return choice;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; expected one of " + names());
  }

  /** Parses a comma-separated list. */
  public static List<VectorFormatChoice> parseList(String names) {
    return Arrays.stream(names.split(","))
        .filter(s -> !s.isBlank())
        .map(VectorFormatChoice::parse)
        .toList();
  }

  static String names() {
    return Arrays.stream(values())
        .map(VectorFormatChoice::cliName)
        .collect(Collectors.joining(", "));
  }
}
