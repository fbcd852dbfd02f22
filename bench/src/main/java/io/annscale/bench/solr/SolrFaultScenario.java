package io.annscale.bench.solr;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.bench.truth.Recall;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;

/**
 * A fault on a local SolrCloud under load, and what it cost: a collection of 2 shards x 2 replicas
 * is fed by one client at a steady rate with the configset's NRT commits while another queries
 * without pause. Once a quarter of the documents is acknowledged and the collection answers with k
 * hits, the {@link SolrFault} is done (a node stopped, the leader cut off, its ZooKeeper session
 * expired, every node restarted in turn); ingestion goes on through it and after it. Afterwards,
 * once every replica has recovered, each replica is asked alone ({@code distrib=false}) how many
 * documents it holds, against the number of acknowledged ids the collection's router puts in its
 * shard: ids are unique and every id sent ends acknowledged, so a replica holding its shard's count
 * holds every acknowledged document of it. With exact ground truth of the whole base, recall@10 of
 * the collection afterwards is measured too.
 */
public final class SolrFaultScenario {
  private static final int SHARDS = 2;
  private static final int REPLICAS = 2;
  private static final int K = 10;
  private static final int FANOUT = 40;
  private static final long SEARCHABLE_WAIT_NANOS = 120_000_000_000L;

  /** How long replicas may take to hold every acknowledged document after the fault. */
  private static final long CONVERGE_WAIT_NANOS = 300_000_000_000L;

  /**
   * The ingestion that runs through a fault.
   *
   * @param documents base vectors to send, the first of the file
   * @param batchSize documents per update request
   * @param documentsPerSecond the rate they are sent at: slow enough that ingestion outlasts the
   *     fault
   */
  public record Load(int documents, int batchSize, double documentsPerSecond) {
    public Load {
      if (batchSize < 1 || documents < 4 * batchSize) {
        throw new IllegalArgumentException(
            "a fault run needs at least 4 batches (the fault starts after a quarter): "
                + documents
                + " documents in batches of "
                + batchSize);
      }
    }
  }

  /**
   * @param acknowledged documents in batches the cluster accepted
   * @param acknowledgedDuringFault of those, acknowledged while the fault was in effect
   * @param found documents the collection holds afterwards (the shards' leaders summed)
   * @param lost acknowledged documents missing from at least one replica of their shard (0 is the
   *     criterion)
   * @param replicasDiverging replicas whose count differs from their shard's leader's afterwards
   * @param refusedBatches update requests the cluster refused, sent again
   * @param faultSeconds how long the fault was in effect
   * @param failedQueriesDuringFault queries that failed while the fault was in effect, after one
   *     retry
   * @param shortAnswersDuringFault answers with fewer than k hits while the fault was in effect
   * @param retriedQueries queries sent again after a failure (one in flight when its replica
   *     stopped); a query failing twice counts as failed
   * @param convergeSeconds from the last acknowledged document (ingestion outlasts the fault) until
   *     every replica held every acknowledged document of its shard, or until the scenario gave up
   *     waiting
   * @param recall recall@10 of the collection afterwards against exact ground truth, or -1 when
   *     none was given
   */
  public record Outcome(
      String fault,
      String format,
      long acknowledged,
      long acknowledgedDuringFault,
      long found,
      long lost,
      int replicasChecked,
      int replicasDiverging,
      long refusedBatches,
      double faultSeconds,
      long queries,
      long queriesDuringFault,
      long failedQueries,
      long failedQueriesDuringFault,
      long shortAnswersDuringFault,
      long retriedQueries,
      double convergeSeconds,
      double recall,
      double seconds) {
    /** Queries answered, of those sent (each after at most one retry). */
    public double answeredShare() {
      return queries == 0 ? 0 : 1.0 - (double) failedQueries / queries;
    }

    /**
     * True if nothing acknowledged was lost, the replicas agree, ingestion and queries went on
     * through the fault and at least 99.9% of queries were answered (the plan's "zero downtime").
     */
    public boolean passed() {
      return lost == 0
          && found == acknowledged
          && replicasDiverging == 0
          && acknowledgedDuringFault > 0
          && queriesDuringFault > 0
          && answeredShare() >= 0.999;
    }
  }

  /** The background queries' counters at one moment. */
  private record Counters(long queries, long failed, long shortAnswers) {
    static Counters of(BackgroundQueries queries) {
      return new Counters(
          queries.answered() + queries.failed(), queries.failed(), queries.shortAnswers());
    }

    Counters since(Counters earlier) {
      return new Counters(
          queries - earlier.queries, failed - earlier.failed, shortAnswers - earlier.shortAnswers);
    }
  }

  /** Opens and closes the fault's window: counter snapshots and the ingestion's flag. */
  private static final class Window implements SolrFault.Window {
    private final BackgroundQueries queries;
    private final PacedIngestion ingestion;
    private Counters atOpen;
    private Counters during = new Counters(0, 0, 0);
    private long openedAt;
    private double seconds;

    Window(BackgroundQueries queries, PacedIngestion ingestion) {
      this.queries = queries;
      this.ingestion = ingestion;
    }

    @Override
    public void open() {
      atOpen = Counters.of(queries);
      openedAt = System.nanoTime();
      ingestion.faultInEffect(true);
    }

    @Override
    public void close() {
      ingestion.faultInEffect(false);
      seconds = FaultSteps.secondsSince(openedAt);
      during = Counters.of(queries).since(atOpen);
    }
  }

  private SolrFaultScenario() {}

  /**
   * Runs {@code fault} on a fresh collection of {@code format} and removes the collection after.
   *
   * @param truth exact top-k of {@code queries} over the first {@code load.documents()} base
   *     vectors, or null: recall is then not measured
   */
  public static Outcome run(
      LocalSolrCloud cluster,
      SolrFault fault,
      VectorFormatChoice format,
      Path configsets,
      Path base,
      float[][] queries,
      GroundTruth truth,
      Load load,
      Metric metric,
      PrintWriter log)
      throws Exception {
    if (cluster.nodes().size() < REPLICAS) {
      throw new IllegalArgumentException(
          "a fault run needs at least "
              + REPLICAS
              + " Solr nodes, the cluster has "
              + cluster.nodes().size());
    }
    CloudSolrClient client = cluster.client();
    String collection =
        SolrCollections.createFor(
            client, "fault", format, configsets, base, load.documents(), metric, SHARDS, REPLICAS);
    long start = System.nanoTime();
    SolrQueries searches = new SolrQueries(client, collection, format, 0);
    Window window;
    long acknowledged;
    long acknowledgedDuringFault;
    long refused;
    long lastAcknowledged;
    BackgroundQueries during = new BackgroundQueries(1, searches, queries, FANOUT, K, true);
    try {
      PacedIngestion ingestion =
          new PacedIngestion(
              client,
              collection,
              base,
              load.documents(),
              load.batchSize(),
              load.documentsPerSecond());
      try (ingestion) {
        window = new Window(during, ingestion);
        awaitQuarterSearchable(ingestion, load, searches, queries[0], collection);
        SolrFault.report(
            log,
            "%s on %s after %d of %d documents",
            fault.name(),
            collection,
            ingestion.acknowledged(),
            load.documents());
        fault.apply(cluster, collection, window, log);
        if (ingestion.finished()) {
          SolrFault.report(log, "ingestion ended before the fault was healed");
        }
      }
      lastAcknowledged = System.nanoTime();
      acknowledged = ingestion.acknowledged();
      acknowledgedDuringFault = ingestion.acknowledgedDuringFault();
      refused = ingestion.refused();
      FaultSteps.awaitRecovered(cluster, collection);
      client.commit(collection);
    } finally {
      during.close();
    }
    DocCollection state = client.getClusterState().getCollection(collection);
    Map<String, Long> expected = acknowledgedPerShard(state, acknowledged);
    // a replica that was cut off is marked active until its node tells ZooKeeper otherwise, so
    // "every replica active" can hold before it has begun to recover: its count is what tells
    long convergeDeadline = System.nanoTime() + CONVERGE_WAIT_NANOS;
    ReplicaCounts counts = ReplicaCounts.of(state, expected);
    while (!counts.converged() && System.nanoTime() < convergeDeadline) {
      Thread.sleep(1_000);
      client.commit(collection);
      counts = ReplicaCounts.of(client.getClusterState().getCollection(collection), expected);
    }
    double convergeSeconds = FaultSteps.secondsSince(lastAcknowledged);
    counts.lines().forEach(line -> SolrFault.report(log, "%s", line));
    long found = counts.found();
    long lost = counts.lost();
    int checked = counts.checked();
    int diverging = counts.diverging();
    double recall = truth == null ? -1 : recall(searches, queries, truth);
    Outcome outcome =
        new Outcome(
            fault.name(),
            format.cliName(),
            acknowledged,
            acknowledgedDuringFault,
            found,
            lost,
            checked,
            diverging,
            refused,
            window.seconds,
            during.answered() + during.failed(),
            window.during.queries(),
            during.failed(),
            window.during.failed(),
            window.during.shortAnswers(),
            during.retried(),
            convergeSeconds,
            recall,
            FaultSteps.secondsSince(start));
    SolrFault.report(log, "%s", summary(outcome));
    SolrCollections.delete(client, collection);
    return outcome;
  }

  /** One line of an outcome's figures, as logs and reports print it. */
  public static String summary(Outcome outcome) {
    return String.format(
        Locale.ROOT,
        "%s, %s: %d acknowledged (%d during the fault), %d found, %d lost (%d replicas checked,"
            + " %d diverging, agreeing %.1f s after the last document), %d batches resent; fault %.1f s;"
            + " %d queries (%d during the fault: %d failed, %d short), %d retried, %d failed in all"
            + " (%.2f%% answered)%s",
        outcome.fault(),
        outcome.format(),
        outcome.acknowledged(),
        outcome.acknowledgedDuringFault(),
        outcome.found(),
        outcome.lost(),
        outcome.replicasChecked(),
        outcome.replicasDiverging(),
        outcome.convergeSeconds(),
        outcome.refusedBatches(),
        outcome.faultSeconds(),
        outcome.queries(),
        outcome.queriesDuringFault(),
        outcome.failedQueriesDuringFault(),
        outcome.shortAnswersDuringFault(),
        outcome.retriedQueries(),
        outcome.failedQueries(),
        100 * outcome.answeredShare(),
        outcome.recall() < 0
            ? ""
            : String.format(Locale.ROOT, "; recall@%d %.4f afterwards", K, outcome.recall()));
  }

  private static void awaitQuarterSearchable(
      PacedIngestion ingestion, Load load, SolrQueries searches, float[] query, String collection)
      throws Exception {
    long deadline = System.nanoTime() + SEARCHABLE_WAIT_NANOS;
    while (ingestion.acknowledged() < load.documents() / 4
        || searches.search(query, FANOUT, K).length < K) {
      if (System.nanoTime() > deadline || ingestion.finished()) {
        throw new IllegalStateException(
            collection
                + ": not a quarter of "
                + load.documents()
                + " documents searchable with "
                + K
                + " hits within "
                + SEARCHABLE_WAIT_NANOS / 1e9
                + " s ("
                + ingestion.acknowledged()
                + " acknowledged)");
      }
      Thread.sleep(100);
    }
  }

  private static double recall(SolrQueries searches, float[][] queries, GroundTruth truth)
      throws Exception {
    int[][] ids = searches.searchAll(queries, FANOUT, K);
    return Recall.of(truth.prefix(queries.length), ids, null, K).mean();
  }

  /**
   * What each replica holds, asked alone, against the acknowledged documents of its shard.
   *
   * @param found the shard leaders' documents summed
   * @param lost per shard, the most any replica misses, summed
   * @param diverging replicas holding another count than their leader
   */
  private record ReplicaCounts(
      long found, long lost, int checked, int diverging, List<String> lines) {
    boolean converged() {
      return lost == 0 && diverging == 0;
    }

    static ReplicaCounts of(DocCollection state, Map<String, Long> expected) throws IOException {
      long found = 0;
      long lost = 0;
      int checked = 0;
      int diverging = 0;
      List<String> lines = new ArrayList<>();
      for (Slice slice : state.getActiveSlices()) {
        long want = expected.getOrDefault(slice.getName(), 0L);
        long leaderCount = countAlone(slice.getLeader());
        long missingMost = 0;
        List<Long> counts = new ArrayList<>();
        for (Replica replica : slice.getReplicas()) {
          long count = countAlone(replica);
          counts.add(count);
          checked++;
          missingMost = Math.max(missingMost, want - count);
          diverging += count == leaderCount ? 0 : 1;
        }
        found += leaderCount;
        lost += missingMost;
        lines.add(
            String.format(
                Locale.ROOT,
                "%s replicas hold %s documents of %d acknowledged",
                slice.getName(),
                counts,
                want));
      }
      return new ReplicaCounts(found, lost, checked, diverging, lines);
    }
  }

  /** Acknowledged ids (0 to {@code acknowledged - 1}) per shard, as the collection routes them. */
  private static Map<String, Long> acknowledgedPerShard(DocCollection state, long acknowledged) {
    Map<String, Long> perShard = new HashMap<>();
    for (long id = 0; id < acknowledged; id++) {
      String shard =
          state.getRouter().getTargetSlice(Long.toString(id), null, null, null, state).getName();
      perShard.merge(shard, 1L, Long::sum);
    }
    return perShard;
  }

  /** The documents one replica holds, asked alone. */
  private static long countAlone(Replica replica) throws IOException {
    try (Http2SolrClient solr = new Http2SolrClient.Builder(replica.getBaseUrl()).build()) {
      SolrQuery all = new SolrQuery("*:*");
      all.setRows(0);
      all.set("distrib", false);
      return solr.query(replica.getCoreName(), all).getResults().getNumFound();
    } catch (org.apache.solr.client.solrj.SolrServerException e) {
      throw new IOException(
          "counting the documents of " + replica.getCoreUrl() + ": " + e.getMessage(), e);
    }
  }
}
