package io.annscale.goap.act;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import java.io.Closeable;

/** Where formats are measured: embedded Lucene, a local SolrCloud started by the runner, or an existing cluster. */
public interface MeasurementTarget extends Closeable {
  /** Builds the format's index (or collection) and measures it; {@code migrate} times shard migrations too. */
  EmbeddedBenchmark.Result measure(RunParameters parameters, boolean migrate) throws Exception;

  boolean isSolrCloud();

  String describe();
}
