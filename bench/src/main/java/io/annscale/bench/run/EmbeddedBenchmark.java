package io.annscale.bench.run;

import io.annscale.bench.cli.Progress;
import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.truth.ExactDistances;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Recall;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds every requested format on the same data, then measures each over the same queries, one format at a
 * time in one process, so the formats are compared on equal terms.
 */
public final class EmbeddedBenchmark {
  private final RunParameters parameters;
  private final PrintWriter log;

  /** The whole outcome, written as the run's JSON result. */
  public record Result(
      Environment environment, RunParameters parameters, List<BuildRecord> builds, List<SearchRecord> searches) {}

  public EmbeddedBenchmark(RunParameters parameters, PrintWriter log) {
    this.parameters = parameters;
    this.log = log;
  }

  public Result run() throws IOException, InterruptedException {
    RunParameters p = parameters;
    VectorFileInfo baseInfo = VectorFileInfo.read(p.base());
    float[][] queries = readQueries(baseInfo.dimension());
    GroundTruth truth = GroundTruth.read(p.truth(), p.truthDistances());
    if (truth.queryCount() < queries.length || truth.k() < p.k()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--truth %s has %d queries x %d neighbours; need %d x %d",
              p.truth(), truth.queryCount(), truth.k(), queries.length, p.k()));
    }
    List<BuildRecord> builds = new ArrayList<>();
    List<SearchRecord> searches = new ArrayList<>();
    IndexBuilder builder = new IndexBuilder(log, p.ramBufferMb());
    for (VectorFormatChoice format : p.formats()) {
      BuildKey key =
          BuildKey.of(p.base(), p.count(), p.metric(), format, p.maxConn(), p.beamWidth(), p.oversample());
      BuildRecord build;
      try (ProgressBar bar = Progress.start("index " + format.cliName(), p.count(), "vec")) {
        build = builder.build(key, p.indexRoot(), p.rebuild(), bar::stepTo);
      }
      builds.add(build);
      log.printf(
          Locale.ROOT,
          "bench: %s built in %.1f s (ingest %.1f s, merge %.1f s); %.1f bytes/vector, %.1f hot bytes/vector%n",
          format.cliName(), build.buildSeconds(), build.ingestSeconds(), build.mergeSeconds(),
          build.bytesPerVector(), build.hotBytesPerVector());
      log.flush();
      try (FSDirectory directory = FSDirectory.open(key.directory(p.indexRoot()));
          DirectoryReader reader = DirectoryReader.open(directory)) {
        QueryRunner runner =
            new QueryRunner(reader, format, format.isProductQuantized() ? p.queryOversample() : 0);
        runner.warmUp(queries, p.fanouts(), p.k(), p.warmupSeconds());
        for (int fanout : p.fanouts()) {
          for (int threads : p.threads()) {
            List<QueryRunner.Measurement> runs = new ArrayList<>();
            for (int r = 0; r < p.repeats(); r++) {
              runs.add(runner.run(queries, fanout, p.k(), threads, p.minSeconds()));
            }
            // search is deterministic: every run returns the same ids, so the first run's give the recall
            Recall recall = recall(truth, runs.get(0).resultIds(), queries, p.k());
            Recall recallAt1 = recall(truth, runs.get(0).resultIds(), queries, 1);
            SearchRecord record =
                SearchRecord.of(
                    format, fanout, threads, p.k(), queries.length, runs, recall.mean(), recall.min(),
                    recallAt1.mean(), vectorHeapBytes(reader));
            searches.add(record);
            log.printf(
                Locale.ROOT,
                "bench: %-16s fanout=%-4d threads=%d recall@%d=%.4f qps=%.0f p50=%.3f ms p99=%.3f ms%s%n",
                format.cliName(), fanout, threads, p.k(), recall.mean(), record.qps(),
                record.p50Micros() / 1000.0, record.p99Micros() / 1000.0,
                record.meanSectors() > 0
                    ? String.format(Locale.ROOT, " sectors/query mean=%.1f p99=%d", record.meanSectors(),
                        record.p99Sectors())
                    : "");
            log.flush();
          }
        }
      }
    }
    return new Result(Environment.current(), p, builds, searches);
  }

  /**
   * Heap of the vector readers of every segment: what a format keeps in memory beyond the page cache; -1 when a
   * reader cannot tell (Lucene 9.12's {@code Lucene99HnswVectorsReader.ramBytesUsed} throws a
   * NullPointerException for graphs it has not loaded level lists for; its heap is small: the graph is off heap).
   */
  private static long vectorHeapBytes(DirectoryReader reader) {
    long bytes = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader() instanceof CodecReader codecReader && codecReader.getVectorReader() != null) {
        try {
          bytes += codecReader.getVectorReader().ramBytesUsed();
        } catch (NullPointerException e) {
          return -1;
        }
      }
    }
    return bytes;
  }

  private float[][] readQueries(int dimension) throws IOException {
    VectorFileInfo info = VectorFileInfo.read(parameters.queries());
    if (info.dimension() != dimension) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--queries %s has dimension %d but --base %s has dimension %d",
              parameters.queries(), info.dimension(), parameters.base(), dimension));
    }
    float[][] queries = new float[Math.toIntExact(info.count())][dimension];
    try (VectorFileReader reader = VectorFileReader.open(info, info.count())) {
      for (float[] query : queries) {
        reader.read(query, 1);
      }
    }
    return queries;
  }

  /** Tie-aware when the ground truth has distances: results are then measured exactly against the base file. */
  /** Recall@{@code k} of the first {@code k} results of each query. */
  private Recall recall(GroundTruth truth, int[][] allIds, float[][] queries, int k) throws IOException {
    int[][] resultIds = new int[allIds.length][];
    for (int q = 0; q < allIds.length; q++) {
      resultIds[q] = Arrays.copyOf(allIds[q], Math.min(k, allIds[q].length));
    }
    GroundTruth prefix = truth.queryCount() == queries.length ? truth : truth.prefix(queries.length);
    float[][] distances = null;
    if (truth.hasDistances()) {
      float[] flat = new float[queries.length * queries[0].length];
      for (int q = 0; q < queries.length; q++) {
        System.arraycopy(queries[q], 0, flat, q * queries[q].length, queries[q].length);
      }
      try (MappedVectorFile base = MappedVectorFile.open(parameters.base())) {
        distances = ExactDistances.of(base, flat, resultIds, parameters.metric());
      }
    }
    return Recall.of(prefix, resultIds, distances, k);
  }
}
