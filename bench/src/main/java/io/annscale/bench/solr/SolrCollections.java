package io.annscale.bench.solr;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;

/** Collection life cycle as the benchmark needs it: create and wait, wait for a shape, delete. */
final class SolrCollections {
  private static final long WAIT_SECONDS = 600;

  private SolrCollections() {}

  static void recreate(
      CloudSolrClient client, String collection, String configName, int shards, int replicas)
      throws IOException, SolrServerException, InterruptedException {
    if (client.getClusterState().getCollectionOrNull(collection) != null) {
      CollectionAdminRequest.deleteCollection(collection).process(client);
    }
    CollectionAdminRequest.createCollection(collection, configName, shards, replicas)
        .process(client);
    waitFor(
        client,
        collection,
        c -> activeShards(c) == shards,
        shards + " active shards of " + replicas + " replicas");
  }

  /**
   * A fresh collection {@code <purpose>_<format>} for the first {@code documents} vectors of {@code
   * base}: the format's configset uploaded with the data's dimension and metric, the collection
   * created and active; returns its name.
   *
   * @throws IllegalArgumentException if {@code base} holds fewer than {@code documents} vectors
   */
  static String createFor(
      CloudSolrClient client,
      String purpose,
      VectorFormatChoice format,
      Path configsets,
      Path base,
      long documents,
      Metric metric,
      int shards,
      int replicas)
      throws IOException, SolrServerException, InterruptedException {
    VectorFileInfo info = VectorFileInfo.read(base);
    if (info.count() < documents) {
      throw new IllegalArgumentException(
          base + " holds " + info.count() + " vectors; the " + purpose + " run needs " + documents);
    }
    String configName = "bench-" + purpose + "-" + format.cliName();
    String collection = purpose + "_" + format.cliName().replace('-', '_');
    SolrConfigsets.upload(
        client,
        SolrConfigsets.locate(configsets),
        SolrConfigsets.configsetFor(format),
        configName,
        info.dimension(),
        metric);
    recreate(client, collection, configName, shards, replicas);
    return collection;
  }

  /**
   * Active (not split-away) shards whose replicas are all active on live nodes; -1 while any is
   * not.
   */
  static int activeShards(DocCollection collection) {
    return collection.getActiveSlices().stream()
            .allMatch(
                slice ->
                    slice.getReplicas().stream()
                        .allMatch(r -> r.getState() == Replica.State.ACTIVE))
        ? collection.getActiveSlices().size()
        : -1;
  }

  /**
   * Waits until every replica's node is live and the collection's state meets {@code condition}.
   */
  static void waitFor(
      CloudSolrClient client, String collection, Predicate<DocCollection> condition, String what)
      throws InterruptedException, IOException {
    waitForState(
        client,
        collection,
        (live, state) -> liveReplicas(live, state) && condition.test(state),
        what);
  }

  /**
   * Waits until the collection's state meets {@code condition}, whether or not its replicas' nodes
   * are live (a fault leaves some not).
   */
  static void waitForAnyState(
      CloudSolrClient client, String collection, Predicate<DocCollection> condition, String what)
      throws InterruptedException, IOException {
    waitForState(client, collection, (live, state) -> condition.test(state), what);
  }

  static void waitForState(
      CloudSolrClient client,
      String collection,
      BiPredicate<Set<String>, DocCollection> condition,
      String what)
      throws InterruptedException, IOException {
    try {
      ZkClientClusterStateProvider.from(client)
          .getZkStateReader()
          .waitForState(
              collection,
              WAIT_SECONDS,
              TimeUnit.SECONDS,
              (Set<String> live, DocCollection state) ->
                  state != null && condition.test(live, state));
    } catch (TimeoutException e) {
      throw new IOException(collection + ": not " + what + " within " + WAIT_SECONDS + " s", e);
    }
  }

  private static boolean liveReplicas(Set<String> live, DocCollection state) {
    return state.getActiveSlices().stream()
        .flatMap(slice -> slice.getReplicas().stream())
        .allMatch(r -> live.contains(r.getNodeName()));
  }

  /** Documents the collection holds, or -1 when it does not exist. */
  static long documents(CloudSolrClient client, String collection)
      throws IOException, SolrServerException {
    if (client.getClusterState().getCollectionOrNull(collection) == null) {
      return -1;
    }
    org.apache.solr.client.solrj.SolrQuery all = new org.apache.solr.client.solrj.SolrQuery("*:*");
    all.setRows(0);
    return client.query(collection, all).getResults().getNumFound();
  }

  static void delete(CloudSolrClient client, String collection)
      throws IOException, SolrServerException {
    CollectionAdminRequest.deleteCollection(collection).process(client);
  }
}
