package io.annscale.bench.solr;

import java.io.PrintWriter;

/**
 * The control run: nothing is done to the cluster for {@link SolrFault#MIN_SECONDS}, with the
 * window open as a fault's would be. Its recall, query counts and time until replicas agree are
 * what the same load gives without a fault, the reference the fault runs' figures are read against.
 */
final class NoFault implements SolrFault {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception {
    long start = System.nanoTime();
    window.open();
    FaultSteps.holdUntil(start, MIN_SECONDS);
    window.close();
    SolrFault.report(log, "no fault for %.1f s (the control run)", FaultSteps.secondsSince(start));
  }
}
