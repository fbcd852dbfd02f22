package io.annscale.goap.act;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import java.io.PrintWriter;

/** Formats measured in this process with plain Lucene (the bench's embedded benchmark). */
final class EmbeddedTarget implements MeasurementTarget {
  private final PrintWriter log;

  EmbeddedTarget(PrintWriter log) {
    this.log = log;
  }

  @Override
  public EmbeddedBenchmark.Result measure(RunParameters parameters, boolean migrate)
      throws Exception {
    if (migrate) {
      throw new IllegalStateException("shard migration needs a SolrCloud target");
    }
    return new EmbeddedBenchmark(parameters, log).run();
  }

  @Override
  public boolean isSolrCloud() {
    return false;
  }

  @Override
  public String describe() {
    return "embedded Lucene";
  }

  @Override
  public void close() {}
}
