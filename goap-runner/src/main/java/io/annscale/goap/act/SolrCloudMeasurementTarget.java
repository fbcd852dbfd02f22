package io.annscale.goap.act;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.solr.SolrCloudBenchmark;
import io.annscale.bench.solr.SolrCloudParameters;
import io.annscale.bench.solr.SolrCloudTarget;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Formats measured on SolrCloud (the bench's SolrCloud benchmark): a collection per format from its
 * configset.
 */
final class SolrCloudMeasurementTarget implements MeasurementTarget {
  private final SolrCloudTarget cluster;
  private final SolrCloudParameters layout;
  private final PrintWriter log;

  SolrCloudMeasurementTarget(SolrCloudTarget cluster, SolrCloudParameters layout, PrintWriter log) {
    this.cluster = cluster;
    this.layout = layout;
    this.log = log;
  }

  @Override
  public EmbeddedBenchmark.Result measure(RunParameters parameters, boolean migrate)
      throws Exception {
    SolrCloudParameters s = layout;
    SolrCloudParameters withMigration =
        new SolrCloudParameters(
            s.localNodes(),
            s.nodesInThisJvm(),
            s.nodeHeap(),
            s.nodeOptions(),
            s.zkHost(),
            s.shards(),
            s.replicas(),
            s.batchSize(),
            s.ingestThreads(),
            s.ingestQueryClients(),
            s.forceMerge(),
            migrate,
            s.splitMethod(),
            s.keepCollections(),
            s.configsets(),
            s.clusterDir(),
            s.filterPercents(),
            s.loadClients());
    return new SolrCloudBenchmark(parameters, withMigration, cluster, log).run();
  }

  /** Documents per update request of the fault test. */
  private static final int FAULT_BATCH = 250;

  /** The fault test's ingestion rate: its documents take ~20 s, longer than the node is down. */
  private static final double FAULT_DOCUMENTS_PER_SECOND = 1_000;

  @Override
  public io.annscale.bench.solr.SolrFaultScenario.Outcome nodeFailure(
      io.annscale.bench.run.VectorFormatChoice format,
      RunParameters data,
      float[][] queries,
      int documents)
      throws Exception {
    if (!(cluster instanceof io.annscale.bench.solr.LocalSolrCloud local)) {
      return MeasurementTarget.super.nodeFailure(format, data, queries, documents);
    }
    return io.annscale.bench.solr.SolrFaultScenario.run(
        local,
        io.annscale.bench.solr.SolrFault.nodeStop(),
        format,
        layout.configsets(),
        data.base(),
        queries,
        null,
        new io.annscale.bench.solr.SolrFaultScenario.Load(
            documents, FAULT_BATCH, FAULT_DOCUMENTS_PER_SECOND),
        data.metric(),
        log);
  }

  @Override
  public io.annscale.bench.solr.SolrSoak.Outcome soak(
      io.annscale.bench.run.VectorFormatChoice format,
      RunParameters data,
      float[][] queries,
      io.annscale.bench.solr.SolrSoak.Settings settings)
      throws Exception {
    if (!(cluster instanceof io.annscale.bench.solr.LocalSolrCloud)) {
      return MeasurementTarget.super.soak(format, data, queries, settings);
    }
    return io.annscale.bench.solr.SolrSoak.run(
        cluster,
        format,
        layout.configsets(),
        data.base(),
        queries,
        null,
        settings,
        data.metric(),
        log);
  }

  @Override
  public boolean isSolrCloud() {
    return true;
  }

  @Override
  public String describe() {
    return cluster.describe();
  }

  @Override
  public void close() throws IOException {
    cluster.close();
  }
}
