package io.annscale.bench.solr;

import java.io.PrintWriter;
import org.apache.solr.embedded.JettySolrRunner;

/** Stops the node of shard1's leader for {@link SolrFault#MIN_SECONDS}, then starts it again. */
final class NodeStopFault implements SolrFault {
  @Override
  public String name() {
    return "node-stop";
  }

  @Override
  public void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception {
    JettySolrRunner node = FaultSteps.leaderNode(cluster, collection);
    SolrFault.report(log, "stopping %s (%s's leader)", node.getNodeName(), FaultSteps.SHARD);
    long start = System.nanoTime();
    window.open();
    node.stop();
    FaultSteps.holdUntil(start, MIN_SECONDS);
    window.close();
    node.start();
    SolrFault.report(
        log, "%s started again after %.1f s", node.getNodeName(), FaultSteps.secondsSince(start));
  }
}
