package io.annscale.bench.run;

import io.annscale.bench.cli.Progress;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Recall;
import io.annscale.diskann.DiskAnnServingDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds every requested format on the same data, then measures each over the same queries, one
 * format at a time in one process, so the formats are compared on equal terms.
 */
public final class EmbeddedBenchmark {
  private final RunParameters parameters;
  private final PrintWriter log;

  /**
   * The whole outcome, written as the run's JSON result.
   *
   * @param target what was measured: {@code embedded Lucene} or the SolrCloud cluster
   * @param solrCloud ingestion and migration records of a SolrCloud run; null for embedded runs
   */
  public record Result(
      Environment environment,
      RunParameters parameters,
      List<BuildRecord> builds,
      List<SearchRecord> searches,
      String target,
      SolrCloudRecords solrCloud) {
    public static final String EMBEDDED = "embedded Lucene";

    public Result(
        Environment environment,
        RunParameters parameters,
        List<BuildRecord> builds,
        List<SearchRecord> searches) {
      this(environment, parameters, builds, searches, EMBEDDED, null);
    }
  }

  public EmbeddedBenchmark(RunParameters parameters, PrintWriter log) {
    this.parameters = parameters;
    this.log = log;
  }

  public Result run() throws IOException, InterruptedException {
    RunParameters p = parameters;
    float[][] queries = BenchmarkInputs.readQueries(p);
    GroundTruth truth = BenchmarkInputs.readTruth(p, queries.length);
    List<BuildRecord> builds = new ArrayList<>();
    List<SearchRecord> searches = new ArrayList<>();
    IndexBuilder builder = new IndexBuilder(log, p.ramBufferMb(), p.formatOptions().mergeThreads());
    for (VectorFormatChoice format : p.formats()) {
      BuildKey key = p.buildKey(format);
      BuildRecord build;
      try (Progress.ResumableBar bar =
          Progress.resumable("index " + format.cliName(), p.count(), "vec")) {
        build = builder.build(key, p.indexRoot(), p.rebuild(), bar);
      }
      builds.add(build);
      log.printf(
          Locale.ROOT,
          "bench: %s built in %.1f s (ingest %.1f s, merge %.1f s%s); %.1f bytes/vector, %.1f hot bytes/vector%n",
          format.cliName(),
          build.buildSeconds(),
          build.ingestSeconds(),
          build.mergeSeconds(),
          build.mergeWorkers() > 1 ? " on " + build.mergeWorkers() + " threads" : "",
          build.bytesPerVector(),
          build.hotBytesPerVector());
      log.flush();
      try (Directory directory =
              new DiskAnnServingDirectory(
                  FSDirectory.open(key.directory(p.indexRoot())), p.diskAnnRead());
          DirectoryReader reader = DirectoryReader.open(directory)) {
        QueryRunner runner =
            new QueryRunner(
                reader,
                format,
                format.isProductQuantized() ? p.queryOversample() : 0,
                p.formatOptions().diskAnnBeamWidth());
        runner.warmUp(queries, p.fanouts(), p.k(), p.warmupSeconds());
        for (int fanout : p.fanouts()) {
          for (int threads : p.threads()) {
            List<QueryRunner.Measurement> runs = new ArrayList<>();
            int depth = BenchmarkInputs.recallDepth(fanout, truth, p.k());
            for (int r = 0; r < p.repeats(); r++) {
              runs.add(
                  runner.run(
                      queries, fanout, p.k(), depth, threads, p.minSeconds(), p.queryPattern()));
            }
            // search is deterministic: every run returns the same ids, so the first run's give the
            // recall
            Recall recall =
                BenchmarkInputs.recall(p, truth, runs.get(0).resultIds(), queries, p.k());
            Recall recallAt1 =
                BenchmarkInputs.recall(p, truth, runs.get(0).resultIds(), queries, 1);
            SearchRecord record =
                SearchRecord.of(
                    format,
                    fanout,
                    threads,
                    p.k(),
                    queries.length,
                    runs,
                    recall.mean(),
                    recall.min(),
                    recallAt1.mean(),
                    BenchmarkInputs.recallAtDepth(
                        p, truth, runs.get(0).resultIds(), queries, depth),
                    VectorReaderHeap.bytes(reader));
            searches.add(record);
            log.printf(
                Locale.ROOT,
                "bench: %-16s fanout=%-4d threads=%d recall@%d=%.4f qps=%.0f p50=%.3f ms p99=%.3f ms%s%n",
                format.cliName(),
                fanout,
                threads,
                p.k(),
                recall.mean(),
                record.qps(),
                record.p50Micros() / 1000.0,
                record.p99Micros() / 1000.0,
                record.meanSectors() > 0
                    ? String.format(
                        Locale.ROOT,
                        " sectors/query mean=%.1f p99=%d",
                        record.meanSectors(),
                        record.p99Sectors())
                    : "");
            log.flush();
          }
        }
      }
    }
    return new Result(Environment.current(p.diskAnnRead()), p, builds, searches);
  }
}
