package io.annscale.bench.solr;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * collection of 2 shards x 2 replicas is fed in batches with NRT commits while a client queries;
 * after a quarter of the batches the node holding shard1's leader is stopped, after half it is
 * started again, ingestion goes on throughout (refused batches are sent again, as any client
 * would). Afterwards, once every replica has recovered, each replica is asked alone ({@code
 * distrib=false}): every acknowledged document must be in every replica of its shard.
 */
public final class SolrNodeFailure {
  private static final int SHARDS = 2;
  private static final int REPLICAS = 2;

  /**
   * @param acknowledged documents in batches the cluster accepted
   * @param found documents the collection holds afterwards (the shards' leaders summed)
   * @param lost acknowledged documents missing from at least one replica of their shard (0 is the
   *     criterion)
   * @param downSeconds how long the node was stopped
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
      double seconds) {}

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
    int batches = (int) ((Math.min(documents, info.count()) + batchSize - 1) / batchSize);
    AtomicLong refused = new AtomicLong();
    long acknowledged = 0;
    long downAt = 0;
    double downSeconds = 0;
    long queriesBeforeDown = 0;
    long queriesWhileDown = 0;
    JettySolrRunner stopped = null;
    BackgroundQueries during =
        new BackgroundQueries(1, new SolrQueries(client, collection, format, 0), queries, 40, 10);
    try (VectorFileReader reader = VectorFileReader.open(info, (long) batches * batchSize)) {
      float[] block = new float[batchSize * info.dimension()];
      for (int b = 0; b < batches; b++) {
        if (b == batches / 4) {
          stopped = leaderNode(cluster, collection);
          log.printf(
              Locale.ROOT,
              "fault: stopping %s (shard1's leader) after %d of %d batches%n",
              stopped.getNodeName(),
              b,
              batches);
          log.flush();
          queriesBeforeDown = during.answered() + during.failed();
          downAt = System.nanoTime();
          stopped.stop();
        } else if (b == batches / 2 && stopped != null) {
          queriesWhileDown = during.answered() + during.failed() - queriesBeforeDown;
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
    long lost = 0;
    long found = 0;
    int checked = 0;
    DocCollection state = client.getClusterState().getCollection(collection);
    for (Slice slice : state.getActiveSlices()) {
      long leaderCount = -1;
      List<Long> counts = new ArrayList<>();
      for (Replica replica : slice.getReplicas()) {
        long count = countAlone(replica);
        counts.add(count);
        checked++;
        if (replica.getName().equals(slice.getLeader().getName())) {
          leaderCount = count;
        }
      }
      found += leaderCount;
      long most = counts.stream().mapToLong(Long::longValue).max().orElse(0);
      long fewest = counts.stream().mapToLong(Long::longValue).min().orElse(0);
      lost += most - fewest;
      log.printf(Locale.ROOT, "fault: %s replicas hold %s documents%n", slice.getName(), counts);
    }
    lost += Math.max(0, acknowledged - found);
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
            queriesWhileDown,
            during.failed(),
            (System.nanoTime() - start) / 1e9);
    log.printf(
        Locale.ROOT,
        "fault: %s: %d acknowledged, %d found, %d lost (%d replicas checked), %d batches resent; node down %.1f s;"
            + " %d queries (%d while down), %d failed%n",
        outcome.format(),
        acknowledged,
        found,
        lost,
        checked,
        outcome.refusedBatches(),
        downSeconds,
        outcome.queries(),
        queriesWhileDown,
        outcome.failedQueries());
    log.flush();
    SolrCollections.delete(client, collection);
    return outcome;
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
