package io.annscale.bench.solr;

import io.annscale.bench.cli.Progress;
import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.run.BenchmarkInputs;
import io.annscale.bench.run.BuildKey;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.Environment;
import io.annscale.bench.run.QueryRunner;
import io.annscale.bench.run.ResultTables;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.SolrCloudRecords;
import io.annscale.bench.run.SolrCloudRecords.IngestRecord;
import io.annscale.bench.run.SolrCloudRecords.LoadRecord;
import io.annscale.bench.run.SolrCloudRecords.MigrationRecord;
import io.annscale.bench.run.SolrCloudRecords.TrivialQueryRecord;
import io.annscale.bench.run.TimedClients;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Recall;
import io.annscale.codec.distance.DistanceKernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;

/**
 * The benchmark against SolrCloud: per format, a collection from its configset, the base vectors
 * ingested through SolrJ with the configset's near-real-time commits (optionally while clients
 * query), then the same query sweep as the embedded benchmark (fanouts x client threads x repeats,
 * latency percentiles, recall against exact ground truth) through {@code {!annknn}}, and optionally
 * timed shard migrations. Results have the embedded benchmark's shape, so tables, reports and
 * {@code bench compare} work on them.
 */
public final class SolrCloudBenchmark {
  private final RunParameters parameters;
  private final SolrCloudParameters solr;
  private final SolrCloudTarget target;
  private final PrintWriter log;

  public SolrCloudBenchmark(
      RunParameters parameters, SolrCloudParameters solr, SolrCloudTarget target, PrintWriter log) {
    this.parameters = parameters;
    this.solr = solr;
    this.target = target;
    this.log = log;
  }

  public EmbeddedBenchmark.Result run() throws Exception {
    RunParameters p = parameters;
    float[][] queries = BenchmarkInputs.readQueries(p);
    GroundTruth truth = BenchmarkInputs.readTruth(p, queries.length);
    int dimension = VectorFileInfo.read(p.base()).dimension();
    Path configsets = SolrConfigsets.locate(solr.configsets());
    CloudSolrClient client = target.client();
    int nodes = target.liveNodes();
    log.printf(Locale.ROOT, "bench: target %s%n", target.describe());
    List<BuildRecord> builds = new ArrayList<>();
    List<SearchRecord> searches = new ArrayList<>();
    List<IngestRecord> ingests = new ArrayList<>();
    List<MigrationRecord> migrations = new ArrayList<>();
    List<TrivialQueryRecord> trivial = new ArrayList<>();
    Map<Integer, GroundTruth> filteredTruths = new HashMap<>();
    List<LoadRecord> loads = new ArrayList<>();
    for (VectorFormatChoice format : p.formats()) {
      String configName = "bench-" + format.cliName();
      String collection = "bench_" + format.cliName().replace('-', '_');
      SolrQueries solrQueries = new SolrQueries(client, collection, format, p.queryOversample());
      BuildKey key = p.buildKey(format);
      BuildRecord build;
      if (solr.keepCollections() && SolrCollections.documents(client, collection) == p.count()) {
        // kept from an earlier measurement of this run: measure again without ingesting again
        build = sizes(key, collection, 0, 0).asReusedRecord();
        log.printf(
            Locale.ROOT,
            "bench: %s reusing collection %s (%d documents)%n",
            format.cliName(),
            collection,
            p.count());
      } else {
        SolrConfigsets.upload(
            client,
            configsets,
            SolrConfigsets.configsetFor(format),
            configName,
            dimension,
            p.metric());
        SolrCollections.recreate(client, collection, configName, solr.shards(), solr.replicas());
        IngestRecord ingest = ingest(format, client, collection, solrQueries, queries);
        ingests.add(ingest);
        long merge = System.nanoTime();
        if (solr.forceMerge()) {
          new UpdateRequest()
              .setAction(UpdateRequest.ACTION.OPTIMIZE, true, true, 1)
              .process(client, collection);
        }
        double mergeSeconds = (System.nanoTime() - merge) / 1e9;
        build =
            sizes(key, collection, ingest.ingestSeconds(), mergeSeconds + ingest.commitSeconds());
        log.printf(
            Locale.ROOT,
            "bench: %s ingested %d documents in %.1f s (%.0f docs/s, update p50 / p99 / max %.0f / %.0f / %.0f ms,"
                + " %d batches resent, %d of %d queries during it failed), all searchable %.1f s after the"
                + " last, commit %.1f s, merges settled %.1f s later%s;"
                + " %.1f bytes/vector, %.1f hot bytes/vector (one replica per shard)%n",
            format.cliName(),
            ingest.documents(),
            ingest.ingestSeconds(),
            ingest.docsPerSecond(),
            ingest.updateP50Micros() / 1e3,
            ingest.updateP99Micros() / 1e3,
            ingest.updateMaxMicros() / 1e3,
            ingest.refusedBatches(),
            ingest.failedQueries(),
            ingest.queriesDuringIngest(),
            ingest.searchableSeconds(),
            ingest.commitSeconds(),
            ingest.settledSeconds(),
            solr.forceMerge() ? String.format(Locale.ROOT, ", optimize %.1f s", mergeSeconds) : "",
            build.bytesPerVector(),
            build.hotBytesPerVector());
      }
      builds.add(build);
      log.printf(
          Locale.ROOT, "bench: %s searches %s%n", format.cliName(), segments(collection, format));
      log.flush();

      List<SearchRecord> unfiltered =
          measureSearches(format, collection, solrQueries, queries, truth, SolrQueries.UNFILTERED);
      searches.addAll(unfiltered);
      if (!solr.loadClients().isEmpty()) {
        loads.addAll(loadCurve(format, solrQueries, queries, unfiltered));
      }
      for (int percent : solr.filterPercents()) {
        GroundTruth kept =
            filteredTruths.computeIfAbsent(percent, pc -> filteredTruth(pc, truth, queries));
        searches.addAll(measureSearches(format, collection, solrQueries, queries, kept, percent));
      }
      trivial.addAll(measureTrivialQuery(format, solrQueries));
      if (solr.migrate()) {
        int fanout = p.fanouts().get(p.fanouts().size() - 1);
        SolrMigrations migrationRun =
            new SolrMigrations(
                client,
                collection,
                format.cliName(),
                () ->
                    BenchmarkInputs.recall(
                            p, truth, solrQueries.searchAll(queries, fanout, p.k()), queries, p.k())
                        .mean(),
                solrQueries,
                queries,
                fanout,
                p.k(),
                solr.splitMethod());
        MigrationRecord split = migrationRun.splitFirstShard();
        MigrationRecord move = migrationRun.moveOneReplica();
        for (MigrationRecord m : move == null ? List.of(split) : List.of(split, move)) {
          migrations.add(m);
          log.printf(
              Locale.ROOT,
              "bench: %s %s took %.1f s; %d documents after; recall@%d %.4f before, %.4f after; %d queries during it,"
                  + " %d failed%n",
              format.cliName(),
              m.operation(),
              m.seconds(),
              m.documentsAfter(),
              p.k(),
              m.recallBefore(),
              m.recallAfter(),
              m.queriesDuring(),
              m.failedQueriesDuring());
        }
        if (move == null) {
          log.printf(
              Locale.ROOT,
              "bench: %s MOVEREPLICA skipped: every node holds a replica of every shard%n",
              format.cliName());
        }
        log.flush();
      }
      if (!solr.keepCollections()) {
        SolrCollections.delete(client, collection);
      }
    }
    return new EmbeddedBenchmark.Result(
        Environment.current(),
        p,
        builds,
        searches,
        target.describe(),
        new SolrCloudRecords(
            solr.shards(), solr.replicas(), nodes, ingests, migrations, trivial, loads));
  }

  /**
   * Index sizes of one replica per shard when this process can see the cores, else unknown (-1).
   */
  private BuildRecord sizes(
      BuildKey key, String collection, double ingestSeconds, double mergeSeconds)
      throws java.io.IOException {
    List<Path> dirs = target.localIndexDirectories(collection);
    return dirs.isEmpty()
        ? new BuildRecord(
            key,
            ingestSeconds,
            mergeSeconds,
            ingestSeconds + mergeSeconds,
            -1,
            -1,
            -1,
            -1,
            false,
            1)
        : BuildRecord.measure(key, dirs, ingestSeconds, mergeSeconds);
  }

  /**
   * Segments per shard leader (each is searched separately), or "segments unknown" for a remote
   * cluster.
   */
  private String segments(String collection, VectorFormatChoice format) throws java.io.IOException {
    List<Path> dirs = target.localIndexDirectories(collection);
    if (dirs.isEmpty()) {
      return "segments unknown (remote cluster)";
    }
    List<String> withoutGraph = new ArrayList<>();
    for (Path dir : dirs) {
      withoutGraph.add(SettledMerges.withoutGraph(dir));
    }
    return leaderSegments(dirs, format)
        + " segments in the shard leaders' latest commits"
        + (format == VectorFormatChoice.DISKANN
            ? ", without a graph (segments / vectors): " + withoutGraph
            : "");
  }

  private IngestRecord ingest(
      VectorFormatChoice format,
      CloudSolrClient client,
      String collection,
      SolrQueries solrQueries,
      float[][] queries)
      throws Exception {
    RunParameters p = parameters;
    BackgroundQueries during =
        solr.ingestQueryClients() > 0
            ? new BackgroundQueries(
                solr.ingestQueryClients(), solrQueries, queries, p.fanouts().get(0), p.k())
            : null;
    SolrIngester.Outcome outcome;
    try (ProgressBar bar = Progress.start("solr " + format.cliName(), p.count(), "doc")) {
      outcome =
          SolrIngester.ingest(
              client,
              collection,
              p.base(),
              p.count(),
              solr.batchSize(),
              solr.ingestThreads(),
              bar::stepTo);
    } finally {
      if (during != null) {
        during.close();
      }
    }
    double searchableSeconds = secondsUntilSearchable(client, collection, outcome.documents());
    long commit = System.nanoTime();
    client.commit(collection);
    double commitSeconds = (System.nanoTime() - commit) / 1e9;
    // searches are measured on what a quiet collection keeps: the merges' graphs built
    double settledSeconds = SettledMerges.await(client, collection, target, SETTLE_WAIT_SECONDS);
    return new IngestRecord(
        format.cliName(),
        outcome.documents(),
        outcome.seconds(),
        outcome.documents() / outcome.seconds(),
        searchableSeconds,
        commitSeconds,
        outcome.refusedBatches(),
        solr.ingestQueryClients(),
        during == null ? 0 : during.answered(),
        during == null ? 0 : during.failed(),
        during == null ? 0 : during.qps(),
        during == null ? 0 : during.percentileMicros(50),
        during == null ? 0 : during.percentileMicros(99),
        outcome.updateLatency().getValueAtPercentile(50),
        outcome.updateLatency().getValueAtPercentile(99),
        outcome.updateLatency().getMaxValue(),
        settledSeconds,
        leaderSegments(target.localIndexDirectories(collection), format));
  }

  /** Segments in the latest commit of each shard leader's index directory {@code dirs}. */
  static List<Integer> leaderSegments(List<Path> dirs, VectorFormatChoice format)
      throws java.io.IOException {
    List<Integer> counts = new ArrayList<>();
    for (Path dir : dirs) {
      counts.add(io.annscale.bench.run.IndexFiles.of(dir, format.hotExtensions()).segments());
    }
    return counts;
  }

  /**
   * Seconds from the last acknowledged document until every document is found by a search, through
   * the collection's own soft commits (no explicit commit); -1 if that takes longer than {@value
   * #SEARCHABLE_WAIT_SECONDS} s.
   */
  private static double secondsUntilSearchable(
      CloudSolrClient client, String collection, long documents) throws Exception {
    long start = System.nanoTime();
    while (SolrCollections.documents(client, collection) < documents) {
      if (System.nanoTime() - start > SEARCHABLE_WAIT_SECONDS * 1_000_000_000L) {
        return -1;
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static final long SEARCHABLE_WAIT_SECONDS = 300;

  /** Longest wait for merges to settle after ingestion: a 1M DiskANN merge takes many minutes. */
  private static final long SETTLE_WAIT_SECONDS = 3600;

  /**
   * Times the trivial query on the format's collection as the searches are timed (same clients,
   * repeats and duration; ids drawn over the base): what any Solr request costs here, so the report
   * separates Solr's fixed cost from the vector search's.
   */
  private List<TrivialQueryRecord> measureTrivialQuery(
      VectorFormatChoice format, SolrQueries solrQueries) throws Exception {
    RunParameters p = parameters;
    int ids = (int) Math.min(Integer.MAX_VALUE, p.count());
    // the id sequence is fixed by the query index, so every run asks the same documents
    int stride = 7_919;
    List<TrivialQueryRecord> records = new ArrayList<>();
    for (int threads : p.threads()) {
      List<TimedClients.Outcome> runs = new ArrayList<>();
      for (int r = 0; r < p.repeats(); r++) {
        runs.add(
            TimedClients.run(
                QUERY_IDS,
                threads,
                p.minSeconds(),
                p.queryPattern(),
                q -> solrQueries.lookup((int) ((long) q * stride % ids))));
      }
      runs.sort(java.util.Comparator.comparingDouble(TimedClients.Outcome::qps));
      TimedClients.Outcome median = runs.get(runs.size() / 2);
      TrivialQueryRecord record =
          new TrivialQueryRecord(
              format.cliName(),
              threads,
              median.qps(),
              median.latencyMicros().getValueAtPercentile(50),
              median.latencyMicros().getValueAtPercentile(99));
      records.add(record);
      log.printf(
          Locale.ROOT,
          "bench: %-16s trivial query (q=id:<id>) clients=%d qps=%.0f p50=%.3f ms p99=%.3f ms%n",
          format.cliName(),
          threads,
          record.qps(),
          record.p50Micros() / 1000.0,
          record.p99Micros() / 1000.0);
      log.flush();
    }
    return records;
  }

  /** Distinct documents the trivial query asks for, in a fixed order. */
  private static final int QUERY_IDS = 10_000;

  /**
   * The load curve ({@link SolrLoadCurve}) at the smallest fanout whose recall reaches the target;
   * none when no fanout does.
   */
  private List<LoadRecord> loadCurve(
      VectorFormatChoice format,
      SolrQueries solrQueries,
      float[][] queries,
      List<SearchRecord> searches)
      throws Exception {
    RunParameters p = parameters;
    java.util.Optional<SearchRecord> setting =
        searches.stream()
            .filter(s -> s.recall() >= p.targetRecall())
            .min(java.util.Comparator.comparingInt(SearchRecord::fanout));
    if (setting.isEmpty()) {
      log.printf(
          Locale.ROOT,
          "bench: %s no load curve: no fanout reaches recall@%d %.2f%n",
          format.cliName(),
          p.k(),
          p.targetRecall());
      return List.of();
    }
    int fanout = setting.get().fanout();
    return SolrLoadCurve.measure(
        format.cliName(),
        fanout,
        setting.get().recall(),
        solr.loadClients(),
        p.minSeconds(),
        queries.length,
        q -> solrQueries.search(queries[q], fanout, p.k()),
        log);
  }

  /**
   * The exact top k (as deep as {@code truth}) of every query among the documents a filter keeping
   * {@code percent}% of them keeps, computed here from the base file.
   */
  private GroundTruth filteredTruth(int percent, GroundTruth truth, float[][] queries) {
    RunParameters p = parameters;
    long kept = p.count() / 100 * percent + Math.min(p.count() % 100, percent);
    int k = (int) Math.min(truth.k(), kept);
    float[] flat = BenchmarkInputs.flatten(queries);
    long start = System.nanoTime();
    try (VectorFileReader base = VectorFileReader.open(VectorFileInfo.read(p.base()), p.count())) {
      GroundTruth filtered =
          new ExactNearestNeighbors(
                  p.metric(),
                  k,
                  Runtime.getRuntime().availableProcessors(),
                  TRUTH_BLOCK,
                  DistanceKernels.best())
              .search(flat, base, ordinal -> SolrQueries.kept(ordinal, percent), done -> {});
      log.printf(
          Locale.ROOT,
          "bench: exact top %d of the %d documents fq %s keeps, %.1f s%n",
          k,
          kept,
          SolrQueries.filter(percent),
          (System.nanoTime() - start) / 1e9);
      return filtered;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final int TRUTH_BLOCK = 4096;

  /**
   * Every fanout and client count on the collection, unfiltered or under a filter keeping {@code
   * percent}% of the documents (then labelled {@code <format> fq=<percent>%}, measured against
   * {@code truth} of what the filter keeps).
   */
  private List<SearchRecord> measureSearches(
      VectorFormatChoice format,
      String collection,
      SolrQueries solrQueries,
      float[][] queries,
      GroundTruth truth,
      int percent)
      throws Exception {
    RunParameters p = parameters;
    List<SearchRecord> records = new ArrayList<>();
    String label =
        percent == SolrQueries.UNFILTERED
            ? format.cliName()
            : format.cliName() + ResultTables.FILTER_LABEL + percent + "%";
    long warmDeadline = System.nanoTime() + (long) (p.warmupSeconds() * 1e9);
    for (long i = 0; i == 0 || System.nanoTime() < warmDeadline; i++) {
      solrQueries.search(
          queries[(int) (i % queries.length)],
          p.fanouts().get((int) (i / queries.length % p.fanouts().size())),
          p.k(),
          percent);
    }
    for (int fanout : p.fanouts()) {
      int depth = BenchmarkInputs.recallDepth(fanout, truth, p.k());
      int[][] ids = solrQueries.searchAll(queries, fanout, depth, percent);
      double recallAt100 = BenchmarkInputs.recallAtDepth(p, truth, ids, queries, depth);
      Recall recall = BenchmarkInputs.recall(p, truth, ids, queries, p.k());
      Recall recallAt1 = BenchmarkInputs.recall(p, truth, ids, queries, 1);
      for (int threads : p.threads()) {
        List<QueryRunner.Measurement> runs = new ArrayList<>();
        for (int r = 0; r < p.repeats(); r++) {
          TimedClients.Outcome timed =
              TimedClients.run(
                  queries.length,
                  threads,
                  p.minSeconds(),
                  p.queryPattern(),
                  q -> solrQueries.search(queries[q], fanout, p.k(), percent));
          runs.add(
              new QueryRunner.Measurement(
                  timed.latencyMicros(), timed.qps(), timed.queriesRun(), ids, null));
        }
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
                    recallAt100,
                    target.vectorHeapBytes(collection))
                .forSolrCloud(target instanceof LocalSolrCloud, target.nodesResidentBytes())
                .withFormat(label);
        records.add(record);
        log.printf(
            Locale.ROOT,
            "bench: %-16s fanout=%-4d clients=%d recall@%d=%.4f qps=%.0f p50=%.3f ms p99=%.3f ms%n",
            label,
            fanout,
            threads,
            p.k(),
            recall.mean(),
            record.qps(),
            record.p50Micros() / 1000.0,
            record.p99Micros() / 1000.0);
        log.flush();
      }
    }
    return records;
  }
}
