package io.annscale.bench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One (format, fanout, threads) setting, measured {@code qpsRuns.size()} times; QPS and latencies are those of
 * the run with the median QPS, so one disturbed run (another process, a thread migrated between cores) does not
 * decide the figure. Latencies in microseconds.
 */
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
    double minRecall,
    List<Double> qpsRuns) {

  static SearchRecord of(
      VectorFormatChoice format, int fanout, int threads, int k, int queries, List<QueryRunner.Measurement> runs,
      double recall, double minRecall) {
    List<QueryRunner.Measurement> byQps = new ArrayList<>(runs);
    byQps.sort(Comparator.comparingDouble(QueryRunner.Measurement::qps));
    QueryRunner.Measurement m = byQps.get(byQps.size() / 2);
    Histogram h = m.latencyMicros();
    return new SearchRecord(
        format.cliName(), fanout, threads, k, queries, m.queriesRun(), m.qps(), h.getMean(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), recall, minRecall, runs.stream().map(QueryRunner.Measurement::qps).toList());
  }
}
