package io.annscale.bench.solr;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * The fault test of the plan's M4 ("zero data loss during node failures") on a local SolrCloud: a
 * collection of 2 shards x 2 replicas is fed in batches with NRT commits while a client queries.
 * After a quarter of the batches, once the collection answers with k hits, the node holding
 * shard1's leader is stopped; after half, and at least {@link #MIN_DOWN_SECONDS} later, it is
 * started again. Ingestion goes on throughout (refused batches are sent again, as any client
 * would). Afterwards, once every replica has recovered, each replica is asked alone ({@code
 * distrib=false}) how many documents it holds, against the number of acknowledged ids the
 * collection's router puts in its shard: ids are unique and every id sent ends acknowledged, so a
 * replica holding its shard's count holds every acknowledged document of it.
 */
public final class SolrNodeFailure {
  private static final int SHARDS = 2;
  private static final int REPLICAS = 2;

  /** The node stays down at least this long: long enough for leader election and queries. */
  static final double MIN_DOWN_SECONDS = 5;

  private static final int K = 10;
  private static final int FANOUT = 40;
  private static final long SEARCHABLE_WAIT_NANOS = 120_000_000_000L;

  /**
   * @param acknowledged documents in batches the cluster accepted
   * @param found documents the collection holds afterwards (the shards' leaders summed)
   * @param lost acknowledged documents missing from at least one replica of their shard (0 is the
   *     criterion)
   * @param downSeconds how long the node was stopped
   * @param failedQueriesWhileDown queries that failed while the node was down (0 is expected: every
   *     shard keeps a live replica)
   * @param shortAnswersWhileDown answers with fewer than k hits while the node was down (a short
   *     answer is a partial result; a couple appear in some runs, cause not yet found)
   * @param retriedQueries queries sent again after a failure (one in flight when its replica
   *     stopped); a query failing twice counts as failed
   */
  public record Outcome(
      String format,
      long acknowledged,
      long found,
      long lost,
      int replicasChecked,
      long refusedBatches,
      double downSeconds,
      long queries,
      long queriesWhileDown,
      long failedQueries,
      long failedQueriesWhileDown,
      long shortAnswersWhileDown,
      long retriedQueries,
      double seconds) {
    /**
     * True if nothing acknowledged was lost and no query failed while the node was down; short
     * answers are reported beside it (a known open problem, docs/solr.md "Node failure").
     */
    public boolean passed() {
      return lost == 0
          && found == acknowledged
          && failedQueriesWhileDown == 0
          && queriesWhileDown > 0;
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

  private SolrNodeFailure() {}

  public static Outcome run(
      LocalSolrCloud cluster,
      VectorFormatChoice format,
      Path configsets,
      Path base,
      float[][] queries,
      int documents,
      int batchSize,
      Metric metric,
      PrintWriter log)
      throws Exception {
    if (cluster.nodes().size() < REPLICAS) {
      throw new IllegalArgumentException(
          "the node-failure test needs at least "
              + REPLICAS
              + " Solr nodes, the cluster has "
              + cluster.nodes().size());
    }
    CloudSolrClient client = cluster.client();
    VectorFileInfo info = VectorFileInfo.read(base);
    int batches = (int) ((Math.min(documents, info.count()) + batchSize - 1) / batchSize);
    if (batches < 4) {
      throw new IllegalArgumentException(
          "the node-failure test needs at least 4 batches of "
              + batchSize
              + " documents (the node stops after a quarter); it has "
              + Math.min(documents, info.count()));
    }
    String configName = "bench-fault-" + format.cliName();
    String collection = "fault_" + format.cliName().replace('-', '_');
    SolrConfigsets.upload(
        client,
        SolrConfigsets.locate(configsets),
        SolrConfigsets.configsetFor(format),
        configName,
        info.dimension(),
        metric);
    SolrCollections.recreate(client, collection, configName, SHARDS, REPLICAS);
    long start = System.nanoTime();
    AtomicLong refused = new AtomicLong();
    long acknowledged = 0;
    long downAt = 0;
    double downSeconds = 0;
    Counters atStop = new Counters(0, 0, 0);
    Counters whileDown = new Counters(0, 0, 0);
    JettySolrRunner stopped = null;
    SolrQueries searches = new SolrQueries(client, collection, format, 0);
    BackgroundQueries during = new BackgroundQueries(1, searches, queries, FANOUT, K, true);
    try (VectorFileReader reader = VectorFileReader.open(info, (long) batches * batchSize)) {
      float[] block = new float[batchSize * info.dimension()];
      for (int b = 0; b <= batches; b++) {
        if (b == batches / 4 && stopped == null) {
          waitUntilSearchable(searches, queries[0], collection);
          stopped = leaderNode(cluster, collection);
          log.printf(
              Locale.ROOT,
              "fault: stopping %s (shard1's leader) after %d of %d batches%n",
              stopped.getNodeName(),
              b,
              batches);
          log.flush();
          atStop = Counters.of(during);
          downAt = System.nanoTime();
          stopped.stop();
        } else if (stopped != null && !stopped.isRunning() && b >= batches / 2) {
          // the last round (b == batches) sends nothing: it waits out the minimum down time
          long minDownNanos = (long) (MIN_DOWN_SECONDS * 1e9);
          long wait = downAt + minDownNanos - System.nanoTime();
          if (b == batches && wait > 0) {
            Thread.sleep(wait / 1_000_000 + 1);
          }
          if (System.nanoTime() - downAt >= minDownNanos) {
            whileDown = Counters.of(during).since(atStop);
            stopped.start();
            downSeconds = (System.nanoTime() - downAt) / 1e9;
            log.printf(
                Locale.ROOT,
                "fault: %s started again after %.1f s, at batch %d of %d%n",
                stopped.getNodeName(),
                downSeconds,
                b,
                batches);
            log.flush();
          }
        }
        if (b == batches) {
          break;
        }
        int n = reader.read(block, batchSize);
        SolrIngester.send(
            client,
            collection,
            SolrIngester.documents(block, n, info.dimension(), (long) b * batchSize),
            refused);
        acknowledged += n;
      }
      SolrCollections.waitFor(
          client,
          collection,
          c -> SolrCollections.activeShards(c) == SHARDS,
          "recovered: " + SHARDS + " shards with every replica active");
      client.commit(collection);
    } finally {
      during.close();
    }
    DocCollection state = client.getClusterState().getCollection(collection);
    Map<String, Long> expected = acknowledgedPerShard(state, acknowledged);
    long lost = 0;
    long found = 0;
    int checked = 0;
    for (Slice slice : state.getActiveSlices()) {
      long want = expected.getOrDefault(slice.getName(), 0L);
      long missingMost = 0;
      List<Long> counts = new ArrayList<>();
      for (Replica replica : slice.getReplicas()) {
        long count = countAlone(replica);
        counts.add(count);
        checked++;
        missingMost = Math.max(missingMost, want - count);
        if (replica.getName().equals(slice.getLeader().getName())) {
          found += count;
        }
      }
      lost += missingMost;
      log.printf(
          Locale.ROOT,
          "fault: %s replicas hold %s documents of %d acknowledged%n",
          slice.getName(),
          counts,
          want);
    }
    Outcome outcome =
        new Outcome(
            format.cliName(),
            acknowledged,
            found,
            lost,
            checked,
            refused.get(),
            downSeconds,
            during.answered() + during.failed(),
            whileDown.queries(),
            during.failed(),
            whileDown.failed(),
            whileDown.shortAnswers(),
            during.retried(),
            (System.nanoTime() - start) / 1e9);
    log.printf(
        Locale.ROOT,
        "fault: %s: %d acknowledged, %d found, %d lost (%d replicas checked), %d batches resent; node down %.1f s;"
            + " %d queries (%d while down: %d failed, %d short), %d retried, %d failed in all%n",
        outcome.format(),
        acknowledged,
        found,
        lost,
        checked,
        outcome.refusedBatches(),
        downSeconds,
        outcome.queries(),
        outcome.queriesWhileDown(),
        outcome.failedQueriesWhileDown(),
        outcome.shortAnswersWhileDown(),
        outcome.retriedQueries(),
        outcome.failedQueries());
    log.flush();
    SolrCollections.delete(client, collection);
    return outcome;
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

  /** Waits until NRT commits have made enough documents searchable for a query's k hits. */
  private static void waitUntilSearchable(SolrQueries searches, float[] query, String collection)
      throws Exception {
    long deadline = System.nanoTime() + SEARCHABLE_WAIT_NANOS;
    while (searches.search(query, FANOUT, K).length < K) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            collection + ": fewer than " + K + " hits after " + SEARCHABLE_WAIT_NANOS / 1e9 + " s");
      }
      Thread.sleep(100);
    }
  }

  /** The running node that holds shard1's leader. */
  private static JettySolrRunner leaderNode(LocalSolrCloud cluster, String collection) {
    Replica leader =
        cluster.client().getClusterState().getCollection(collection).getSlice("shard1").getLeader();
    return cluster.nodes().stream()
        .filter(node -> node.isRunning() && node.getNodeName().equals(leader.getNodeName()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no running node holds shard1's leader " + leader.getNodeName()));
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
