package io.annscale.bench.solr;

import java.io.PrintWriter;
import java.util.List;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Restarts every node in turn, as an upgrade does and as Solr's guide asks it done: a node is
 * stopped; once every shard has an active leader on a live node again, it is started; once it is
 * live and every replica is active, the next one follows. The window spans the whole restart.
 * Started at once, without waiting for the leaders, a node coming back while its shard's other
 * replica was still taking over left that shard without a leader for minutes (seen with two nodes,
 * 100K documents, every format).
 */
final class RollingRestartFault implements SolrFault {
  @Override
  public String name() {
    return "rolling-restart";
  }

  @Override
  public void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception {
    List<JettySolrRunner> nodes = List.copyOf(cluster.nodes());
    long start = System.nanoTime();
    window.open();
    for (JettySolrRunner node : nodes) {
      long nodeStart = System.nanoTime();
      node.stop();
      FaultSteps.awaitLeaders(cluster, collection);
      node.start();
      cluster.cluster().waitForNode(node, FaultSteps.NODE_START_SECONDS);
      FaultSteps.awaitRecovered(cluster, collection);
      SolrFault.report(
          log,
          "restarted %s; every replica active again after %.1f s",
          node.getNodeName(),
          FaultSteps.secondsSince(nodeStart));
    }
    FaultSteps.holdUntil(start, MIN_SECONDS);
    window.close();
    SolrFault.report(
        log, "%d nodes restarted in %.1f s", nodes.size(), FaultSteps.secondsSince(start));
  }
}
