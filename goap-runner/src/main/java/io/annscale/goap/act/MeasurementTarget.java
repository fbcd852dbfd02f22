package io.annscale.goap.act;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import java.io.Closeable;

/**
 * Where formats are measured: embedded Lucene, a local SolrCloud started by the runner, or an
 * existing cluster.
 */
public interface MeasurementTarget extends Closeable {
  /**
   * Builds the format's index (or collection) and measures it; {@code migrate} times shard
   * migrations too.
   */
  EmbeddedBenchmark.Result measure(RunParameters parameters, boolean migrate) throws Exception;

  boolean isSolrCloud();

  /**
   * Stops and restarts a node while a collection of the format is fed (M4's fault test); only a
   * local SolrCloud, whose nodes the runner owns, can.
   */
  default io.annscale.bench.solr.SolrFaultScenario.Outcome nodeFailure(
      io.annscale.bench.run.VectorFormatChoice format,
      RunParameters data,
      float[][] queries,
      int documents)
      throws Exception {
    throw new UnsupportedOperationException(
        describe() + ": the runner stops nodes only of a local SolrCloud it started");
  }

  /**
   * Loads a collection of the format, then queries and re-indexes it for the profile's soak time,
   * sampling heap, memory, files, segments, QPS and p99 (M4's long run); only a local SolrCloud,
   * whose nodes the runner can see.
   */
  default io.annscale.bench.solr.SolrSoak.Outcome soak(
      io.annscale.bench.run.VectorFormatChoice format,
      RunParameters data,
      float[][] queries,
      io.annscale.bench.solr.SolrSoak.Settings settings)
      throws Exception {
    throw new UnsupportedOperationException(
        describe() + ": the runner soaks only a local SolrCloud it started");
  }

  String describe();
}
