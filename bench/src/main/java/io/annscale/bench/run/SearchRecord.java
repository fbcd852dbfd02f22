package io.annscale.bench.run;

import org.HdrHistogram.Histogram;

/** One (format, fanout, threads) measurement. Latencies in microseconds. */
public record SearchRecord(
    String format,
    int fanout,
    int threads,
    int k,
    int queries,
    long queriesRun,
    double qps,
    double meanMicros,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long p999Micros,
    double recall,
    double minRecall) {

  static SearchRecord of(
      VectorFormatChoice format, int fanout, int threads, int k, int queries, QueryRunner.Measurement m,
      double recall, double minRecall) {
    Histogram h = m.latencyMicros();
    return new SearchRecord(
        format.cliName(), fanout, threads, k, queries, m.queriesRun(), m.qps(), h.getMean(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), recall, minRecall);
  }
}
