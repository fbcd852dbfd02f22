package io.annscale.bench.solr;

import java.io.IOException;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.embedded.JettySolrRunner;

/** The steps the faults share: find a shard's leader, wait for a new one or for recovery. */
final class FaultSteps {
  /** The shard every fault aims at: the first of the collection. */
  static final String SHARD = "shard1";

  /** How long a restarted node may take to register as live. */
  static final int NODE_START_SECONDS = 120;

  private FaultSteps() {}

  /** The running node that holds {@link #SHARD}'s leader. */
  static JettySolrRunner leaderNode(LocalSolrCloud cluster, String collection) {
    Replica leader =
        cluster.client().getClusterState().getCollection(collection).getSlice(SHARD).getLeader();
    if (leader == null) {
      throw new IllegalStateException(collection + ": " + SHARD + " has no leader");
    }
    return cluster.nodes().stream()
        .filter(node -> node.isRunning() && leader.getNodeName().equals(node.getNodeName()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no running node holds " + SHARD + "'s leader " + leader.getNodeName()));
  }

  /** Waits until {@link #SHARD}'s leader is on another node than {@code formerNode}. */
  static String awaitLeaderMovedFrom(LocalSolrCloud cluster, String collection, String formerNode)
      throws IOException, InterruptedException {
    SolrCollections.waitForAnyState(
        cluster.client(),
        collection,
        state -> {
          Slice slice = state.getSlice(SHARD);
          Replica leader = slice == null ? null : slice.getLeader();
          return leader != null
              && leader.getState() == Replica.State.ACTIVE
              && !leader.getNodeName().equals(formerNode);
        },
        SHARD + "'s leader moved off " + formerNode);
    return cluster
        .client()
        .getClusterState()
        .getCollection(collection)
        .getSlice(SHARD)
        .getLeader()
        .getNodeName();
  }

  /** Waits until every shard has an active leader on a live node. */
  static void awaitLeaders(LocalSolrCloud cluster, String collection)
      throws IOException, InterruptedException {
    SolrCollections.waitForState(
        cluster.client(),
        collection,
        (live, state) ->
            state.getActiveSlices().stream()
                .allMatch(
                    slice ->
                        slice.getLeader() != null
                            && slice.getLeader().getState() == Replica.State.ACTIVE
                            && live.contains(slice.getLeader().getNodeName())),
        "every shard led by an active replica on a live node");
  }

  /**
   * Waits until every replica of every shard is active on a live node. A replica cut off or
   * restarted may still read active until its node tells ZooKeeper otherwise: call this once the
   * node is live again.
   */
  static void awaitRecovered(LocalSolrCloud cluster, String collection)
      throws IOException, InterruptedException {
    int shards =
        cluster.client().getClusterState().getCollection(collection).getActiveSlices().size();
    SolrCollections.waitFor(
        cluster.client(),
        collection,
        state -> SolrCollections.activeShards(state) == shards,
        "recovered: " + shards + " shards with every replica active");
  }

  /** Sleeps until at least {@code seconds} have passed since {@code startNanos}. */
  static void holdUntil(long startNanos, double seconds) throws InterruptedException {
    long wait = startNanos + (long) (seconds * 1e9) - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000 + 1);
    }
  }

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
