package io.annscale.bench.solr;

import java.io.PrintWriter;
import java.util.List;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Restarts every node in turn, as an upgrade does: a node is stopped, started again, and the next
 * one waits until every replica is active. The window spans the whole restart.
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
      node.start();
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
