package io.annscale.bench.solr;

import io.annscale.bench.run.SolrCloudRecords.MigrationRecord;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.RequestStatusState;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;

/**
 * Shard migrations timed while a client queries: SPLITSHARD of the first shard (its halves'
 * segments rebuilt through Lucene's merge path, i.e. our formats' writers) and MOVEREPLICA of one
 * replica to a node without a replica of that shard (files copied). Each is timed from the request
 * until the collection is active again. Both run as asynchronous collection commands whose status
 * is polled: a split that rebuilds large graphs can take longer than a synchronous Collections API
 * call waits (180 s), and a retried synchronous split would collide with the first one still
 * running in the Overseer.
 */
final class SolrMigrations {
  private final CloudSolrClient client;
  private final String collection;
  private final String format;
  private final RecallProbe recall;
  private final SolrQueries queries;
  private final float[][] vectors;
  private final int fanout;
  private final int k;
  private final String splitMethod;

  /** How long one migration may take before the benchmark gives up on it. */
  private static final int MIGRATION_TIMEOUT_SECONDS = 3_600;

  /**
   * @param recall measures the collection's recall@k now
   */
  SolrMigrations(
      CloudSolrClient client,
      String collection,
      String format,
      RecallProbe recall,
      SolrQueries queries,
      float[][] vectors,
      int fanout,
      int k,
      String splitMethod) {
    this.client = client;
    this.collection = collection;
    this.format = format;
    this.recall = recall;
    this.queries = queries;
    this.vectors = vectors;
    this.fanout = fanout;
    this.k = k;
    this.splitMethod = splitMethod;
  }

  MigrationRecord splitFirstShard() throws Exception {
    DocCollection state = client.getClusterState().getCollection(collection);
    Slice shard = state.getActiveSlices().iterator().next();
    int shardsAfter = state.getActiveSlices().size() + 1;
    return timed(
        "SPLITSHARD " + shard.getName() + " (" + splitMethod + ")",
        () ->
            runAsync(
                CollectionAdminRequest.splitShard(collection)
                    .setShardName(shard.getName())
                    .setSplitMethod(splitMethod)),
        c -> SolrCollections.activeShards(c) == shardsAfter);
  }

  /** Null when every node already holds a replica of every shard (nowhere to move to). */
  MigrationRecord moveOneReplica() throws Exception {
    DocCollection state = client.getClusterState().getCollection(collection);
    Set<String> live = client.getClusterState().getLiveNodes();
    for (Slice slice : state.getActiveSlices()) {
      Set<String> hosting =
          slice.getReplicas().stream().map(Replica::getNodeName).collect(Collectors.toSet());
      String target =
          live.stream().filter(node -> !hosting.contains(node)).sorted().findFirst().orElse(null);
      if (target == null) {
        continue;
      }
      Replica moving = slice.getReplicas().iterator().next();
      int shards = state.getActiveSlices().size();
      return timed(
          "MOVEREPLICA " + slice.getName() + " " + moving.getNodeName() + " -> " + target,
          () -> runAsync(CollectionAdminRequest.moveReplica(collection, moving.getName(), target)),
          c ->
              SolrCollections.activeShards(c) == shards
                  && c.getSlice(slice.getName()).getReplicas().stream()
                      .anyMatch(r -> r.getNodeName().equals(target)));
    }
    return null;
  }

  /**
   * Submits the command asynchronously and waits until the Overseer reports it completed; fails if
   * it failed.
   */
  private void runAsync(CollectionAdminRequest.AsyncCollectionAdminRequest request)
      throws Exception {
    String id = request.processAsync(client);
    try {
      RequestStatusState state =
          CollectionAdminRequest.requestStatus(id).waitFor(client, MIGRATION_TIMEOUT_SECONDS);
      if (state != RequestStatusState.COMPLETED) {
        throw new IOException(
            request.getParams().get("action")
                + " on "
                + collection
                + ": "
                + state
                + " after up to "
                + MIGRATION_TIMEOUT_SECONDS
                + " s: "
                + CollectionAdminRequest.requestStatus(id).process(client).getResponse());
      }
    } finally {
      CollectionAdminRequest.deleteAsyncId(id).process(client);
    }
  }

  /** The collection's recall@k, measured now. */
  interface RecallProbe {
    double measure() throws Exception;
  }

  private interface Operation {
    void run() throws Exception;
  }

  private MigrationRecord timed(
      String name, Operation operation, java.util.function.Predicate<DocCollection> done)
      throws Exception {
    double before = recall.measure();
    long start = System.nanoTime();
    BackgroundQueries during = new BackgroundQueries(1, queries, vectors, fanout, k);
    try {
      operation.run();
      SolrCollections.waitFor(client, collection, done, "done with " + name);
    } finally {
      during.close();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    client.commit(collection);
    return new MigrationRecord(
        format,
        name,
        seconds,
        documents(),
        before,
        recall.measure(),
        during.answered(),
        during.failed());
  }

  private long documents() throws IOException, SolrServerException {
    SolrQuery all = new SolrQuery("*:*");
    all.setRows(0);
    return client.query(collection, all).getResults().getNumFound();
  }
}
