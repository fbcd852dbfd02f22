package io.annscale.bench.solr;

import java.io.PrintWriter;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Expires the ZooKeeper session of the node holding shard1's leader: its ephemeral nodes (live
 * node, leader election) vanish at once, as after a pause longer than the session timeout, and the
 * node must register again and find its role anew. The window closes once the node is live again
 * and at least {@link SolrFault#MIN_SECONDS} have passed.
 */
final class SessionExpiryFault implements SolrFault {
  @Override
  public String name() {
    return "session-expiry";
  }

  @Override
  public void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception {
    JettySolrRunner node = FaultSteps.leaderNode(cluster, collection);
    String expired = node.getNodeName();
    long start = System.nanoTime();
    window.open();
    long session = cluster.expireSession(node);
    SolrFault.report(
        log, "expired the ZooKeeper session of %s (%s's leader)", expired, FaultSteps.SHARD);
    // the cached cluster state may still read as before the expiry: wait until the node has a new
    // session and is live on it, then for its replicas
    cluster.awaitNewSession(node, session, FaultSteps.NODE_START_SECONDS);
    cluster.cluster().waitForNode(node, FaultSteps.NODE_START_SECONDS);
    FaultSteps.awaitRecovered(cluster, collection);
    FaultSteps.holdUntil(start, MIN_SECONDS);
    window.close();
    SolrFault.report(
        log,
        "%s live again, every replica active after %.1f s; %s's leader on %s",
        expired,
        FaultSteps.secondsSince(start),
        FaultSteps.SHARD,
        FaultSteps.leaderNode(cluster, collection).getNodeName());
  }
}
