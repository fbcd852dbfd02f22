package io.annscale.bench.solr;

import java.io.PrintWriter;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Cuts the node of shard1's leader off every client, every other node and ZooKeeper, holds the cut
 * until ZooKeeper has expired the node's session and another replica leads the shard, then for
 * {@link SolrFault#MIN_SECONDS} more (the new leader takes writes the cut node misses), then heals
 * it. Until the new leader is elected, the shard takes no writes: SolrCloud keeps one leader per
 * shard. The cut node still opens connections of its own (a proxy closes a port, not a route), but
 * it cannot update a replica that is no longer its follower: the new leader is elected without it.
 */
final class LeaderPartitionFault implements SolrFault {
  @Override
  public String name() {
    return "leader-partition";
  }

  @Override
  public void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception {
    if (!cluster.partitionable()) {
      throw new IllegalArgumentException(
          "the "
              + name()
              + " fault needs a cluster whose nodes can be cut off"
              + " (LocalSolrCloud.startPartitionable)");
    }
    JettySolrRunner node = FaultSteps.leaderNode(cluster, collection);
    String cutNode = node.getNodeName();
    long start = System.nanoTime();
    window.open();
    cluster.cutOff(node);
    SolrFault.report(
        log, "cut %s (%s's leader) off clients, nodes and ZooKeeper", cutNode, FaultSteps.SHARD);
    String leader = FaultSteps.awaitLeaderMovedFrom(cluster, collection, cutNode);
    SolrFault.report(
        log,
        "%s's leader moved to %s after %.1f s",
        FaultSteps.SHARD,
        leader,
        FaultSteps.secondsSince(start));
    Thread.sleep((long) (MIN_SECONDS * 1000));
    window.close();
    cluster.reconnect(node);
    SolrFault.report(log, "%s reconnected after %.1f s", cutNode, FaultSteps.secondsSince(start));
  }
}
