package io.annscale.bench.solr;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.bench.truth.Recall;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * A soak: a collection is loaded, then queried without pause while a client re-indexes its
 * documents at a steady rate (NRT updates: every one deletes an older version, so segments, merges
 * and deletes churn as in a long-lived collection), for a set time. The clock starts once the
 * load's merges have settled: a soak measures a collection in service, and the graphs its load's
 * merges build would otherwise fill its first quarter hour with their heap and cores. Every sample
 * interval the run records the nodes' live heap (after their last collections and, where it can
 * force one, after a full collection), resident memory and open files, the shard leaders' segments,
 * and the queries' rate and p50 / p99 over the interval; {@link SoakTrends} fits each series' slope
 * per hour, which is what a leak or a slow slide shows as.
 */
public final class SolrSoak {
  private static final int SHARDS = 2;
  private static final int REPLICAS = 1;
  private static final int K = 10;
  private static final int LOAD_THREADS = 2;

  /**
   * @param documents base vectors loaded, then re-indexed in turn
   * @param minutes how long queries and re-indexing run after the load
   * @param sampleSeconds the interval between samples
   * @param documentsPerSecond the re-indexing rate
   * @param batchSize documents per update request
   * @param queryClients clients querying without pause
   * @param fanout the search list of each query
   * @param settleTimeoutSeconds how long to wait after the load for its merges to settle before the
   *     clock starts (0: start at once)
   * @param fullCollections whether every sample also forces a full collection in each node's JVM
   *     and records the heap used after it, and the settled heap is measured before and after
   */
  public record Settings(
      int documents,
      double minutes,
      double sampleSeconds,
      double documentsPerSecond,
      int batchSize,
      int queryClients,
      int fanout,
      long settleTimeoutSeconds,
      boolean fullCollections) {
    public Settings {
      if (documents < 1
          || minutes <= 0
          || sampleSeconds <= 0
          || queryClients < 1
          || fanout < K
          || settleTimeoutSeconds < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "soak settings: documents %d >= 1, minutes %.2f > 0, sample seconds %.2f > 0,"
                    + " query clients %d >= 1, fanout %d >= %d, settle timeout %d s >= 0",
                documents,
                minutes,
                sampleSeconds,
                queryClients,
                fanout,
                K,
                settleTimeoutSeconds));
      }
    }
  }

  /**
   * One interval of a soak.
   *
   * @param minutes since queries and re-indexing began, at the end of the interval
   * @param liveHeapBytes the nodes' heap after their last collections, or -1 when not visible
   * @param heapAfterFullCollectionBytes the nodes' heap used right after a full collection forced
   *     for the sample, or -1 when not asked for or not possible
   * @param residentBytes the node processes' resident set, or -1
   * @param openFiles the node processes' open file descriptors, or -1
   * @param segments segments in the shard leaders' latest commits, summed, or -1
   * @param qps queries answered per second over the interval
   * @param failedQueries queries that failed in the interval
   * @param acknowledged documents re-indexed since the soak began
   */
  public record Sample(
      double minutes,
      long liveHeapBytes,
      long heapAfterFullCollectionBytes,
      long residentBytes,
      long openFiles,
      int segments,
      double qps,
      long p50Micros,
      long p99Micros,
      long failedQueries,
      long acknowledged) {}

  /**
   * @param settleSeconds from the load's end until its merges had settled and the clock started; -1
   *     when not waited for, not visible (a remote cluster) or not settled within the timeout
   * @param settleAfterSeconds from the soak's end (queries and re-indexing stopped) until the
   *     merges had settled again; -1 as for {@code settleSeconds}
   * @param heapSettledBeforeBytes the nodes' heap after a full collection once the load's merges
   *     had settled, before the clock started; -1 when not settled or not measured
   * @param heapSettledAfterBytes the same once the soak's merges had settled after it
   * @param recallBefore recall@10 against exact truth once loaded and settled, or -1 without truth
   * @param recallAfter the same after the soak
   */
  public record Outcome(
      String format,
      String cluster,
      Settings settings,
      double loadSeconds,
      double settleSeconds,
      double settleAfterSeconds,
      long heapSettledBeforeBytes,
      long heapSettledAfterBytes,
      List<Sample> samples,
      List<SoakTrends.Trend> trends,
      long acknowledged,
      long failedQueries,
      double recallBefore,
      double recallAfter) {

    /**
     * The heap growth a leak is judged on, in MB per hour of soak: the settled heap after the soak
     * less the settled heap before it, where both were measured (the same state twice: no merge, no
     * ingestion, a full collection, so whatever grew is held for good); else the slope of the
     * heap's floor ({@link SoakTrends#heap}). Null when neither was measured.
     */
    public HeapGrowth heapGrowth() {
      double minutes = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).minutes();
      if (heapSettledBeforeBytes >= 0 && heapSettledAfterBytes >= 0 && minutes > 0) {
        return new HeapGrowth(
            SETTLED_HEAP, (heapSettledAfterBytes - heapSettledBeforeBytes) / 1e6 / (minutes / 60));
      }
      SoakTrends.Trend floor = SoakTrends.heap(trends);
      return floor == null ? null : new HeapGrowth(floor.metric(), floor.slopePerHour() / 1e6);
    }
  }

  /** {@link HeapGrowth#measure} of the settled heap's change over the soak. */
  public static final String SETTLED_HEAP = "settled heap after full collections";

  /**
   * @param measure what was measured: {@link #SETTLED_HEAP} or a trend's metric
   * @param megabytesPerHour its change per hour
   */
  public record HeapGrowth(String measure, double megabytesPerHour) {}

  private SolrSoak() {}

  /**
   * Loads a fresh collection of {@code format}, soaks it and removes it.
   *
   * @param truth exact top-k of {@code queries} over the first {@code settings.documents()}
   *     vectors, or null
   */
  public static Outcome run(
      SolrCloudTarget cluster,
      VectorFormatChoice format,
      Path configsets,
      Path base,
      float[][] queries,
      GroundTruth truth,
      Settings settings,
      Metric metric,
      PrintWriter log)
      throws Exception {
    CloudSolrClient client = cluster.client();
    String collection =
        SolrCollections.createFor(
            client,
            "soak",
            format,
            configsets,
            base,
            settings.documents(),
            metric,
            SHARDS,
            REPLICAS);
    long loadStart = System.nanoTime();
    SolrIngester.ingest(
        client,
        collection,
        base,
        settings.documents(),
        settings.batchSize(),
        LOAD_THREADS,
        sent -> {});
    client.commit(collection);
    double loadSeconds = FaultSteps.secondsSince(loadStart);
    report(
        log, "%s: %,d documents loaded in %.1f s", collection, settings.documents(), loadSeconds);
    double settleSeconds = -1;
    if (settings.settleTimeoutSeconds() > 0) {
      settleSeconds =
          SettledMerges.await(client, collection, cluster, settings.settleTimeoutSeconds());
      report(
          log,
          settleSeconds >= 0
              ? String.format(Locale.ROOT, "merges settled in %.1f s", settleSeconds)
              : String.format(
                  Locale.ROOT,
                  "merges not seen settled within %d s: the clock starts anyway",
                  settings.settleTimeoutSeconds()));
    }
    long heapSettledBefore =
        settleSeconds >= 0 && settings.fullCollections()
            ? cluster.nodesHeapAfterFullCollection()
            : -1;
    SolrQueries searches = new SolrQueries(client, collection, format, 0);
    double recallBefore = recall(searches, queries, truth, settings.fanout());
    List<Sample> samples = new ArrayList<>();
    long acknowledged;
    long failed;
    long start = System.nanoTime();
    long sampleNanos = (long) (settings.sampleSeconds() * 1e9);
    long end = start + (long) (settings.minutes() * 60e9);
    BackgroundQueries queriesRunning =
        new BackgroundQueries(settings.queryClients(), searches, queries, settings.fanout(), K);
    PacedIngestion reindexing = null;
    try {
      reindexing =
          new PacedIngestion(
              client,
              collection,
              base,
              settings.documents(),
              settings.batchSize(),
              settings.documentsPerSecond(),
              true);
      for (long next = start + sampleNanos; next <= end; next += sampleNanos) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        if (reindexing.finished()) {
          break; // a cycling ingestion ends only when it fails: close() below says why
        }
        Sample sample =
            sample(cluster, collection, format, queriesRunning, reindexing, start, settings);
        samples.add(sample);
        report(
            log,
            "%6.1f min: heap %s (after a full GC %s), RSS %s, %d open files, %d segments, %.0f QPS,"
                + " p99 %.2f ms",
            sample.minutes(),
            megabytes(sample.liveHeapBytes()),
            megabytes(sample.heapAfterFullCollectionBytes()),
            megabytes(sample.residentBytes()),
            sample.openFiles(),
            sample.segments(),
            sample.qps(),
            sample.p99Micros() / 1000.0);
      }
    } finally {
      try {
        if (reindexing != null) {
          reindexing.stop();
          reindexing.close();
        }
      } finally {
        queriesRunning.close();
      }
    }
    acknowledged = reindexing.acknowledged();
    failed = queriesRunning.failed();
    client.commit(collection);
    double recallAfter = recall(searches, queries, truth, settings.fanout());
    double settleAfterSeconds = -1;
    long heapSettledAfter = -1;
    if (settings.settleTimeoutSeconds() > 0) {
      settleAfterSeconds =
          SettledMerges.await(client, collection, cluster, settings.settleTimeoutSeconds());
      if (settleAfterSeconds >= 0 && settings.fullCollections()) {
        heapSettledAfter = cluster.nodesHeapAfterFullCollection();
      }
    }
    List<SoakTrends.Trend> trends = SoakTrends.fit(samples);
    trends.forEach(trend -> report(log, "trend: %s", trend.describe()));
    report(
        log,
        "settled heap after a full collection: %s before, %s after (merges settled %.1f s after"
            + " the soak)",
        megabytes(heapSettledBefore),
        megabytes(heapSettledAfter),
        settleAfterSeconds);
    SolrCollections.delete(client, collection);
    return new Outcome(
        format.cliName(),
        cluster.describe(),
        settings,
        loadSeconds,
        settleSeconds,
        settleAfterSeconds,
        heapSettledBefore,
        heapSettledAfter,
        List.copyOf(samples),
        trends,
        acknowledged,
        failed,
        recallBefore,
        recallAfter);
  }

  private static Sample sample(
      SolrCloudTarget cluster,
      String collection,
      VectorFormatChoice format,
      BackgroundQueries queries,
      PacedIngestion reindexing,
      long start,
      Settings settings)
      throws java.io.IOException {
    // the interval closes before the full collections, whose pauses fall into the next one
    BackgroundQueries.Interval interval = queries.takeInterval();
    long liveHeap = cluster.nodesLiveHeapBytes();
    long afterFullCollection =
        settings.fullCollections() ? cluster.nodesHeapAfterFullCollection() : -1;
    List<Path> dirs = cluster.localIndexDirectories(collection);
    int segments =
        dirs.isEmpty()
            ? -1
            : SolrCloudBenchmark.leaderSegments(dirs, format).stream()
                .mapToInt(Integer::intValue)
                .sum();
    return new Sample(
        FaultSteps.secondsSince(start) / 60,
        liveHeap,
        afterFullCollection,
        cluster.nodesResidentBytes(),
        cluster.nodesOpenFiles(),
        segments,
        interval.qps(),
        interval.p50Micros(),
        interval.p99Micros(),
        interval.failed(),
        reindexing.acknowledged());
  }

  private static double recall(
      SolrQueries searches, float[][] queries, GroundTruth truth, int fanout) throws Exception {
    if (truth == null) {
      return -1;
    }
    int[][] ids = searches.searchAll(queries, fanout, K);
    return Recall.of(truth.prefix(queries.length), ids, null, K).mean();
  }

  private static String megabytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  private static void report(PrintWriter log, String format, Object... args) {
    log.printf(Locale.ROOT, "soak: " + format + "%n", args);
    log.flush();
  }
}
