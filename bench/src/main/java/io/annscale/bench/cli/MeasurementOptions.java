package io.annscale.bench.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a benchmark measures searches: the search lists and client counts swept, the query pattern,
 * results per query, how long and how often each setting is measured, and the recall formats are
 * compared at.
 */
final class MeasurementOptions {
  @Option(
      names = "--fanouts",
      split = ",",
      defaultValue = "10,20,40,80,160",
      description = "Search-list sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> fanouts;

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,2",
      description = "Client threads (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(
      names = "--query-pattern",
      defaultValue = "uniform",
      description =
          "uniform (closed loop, every query in turn), zipf:S (closed loop, Zipf-skewed draws) or"
              + " burst:RATE:SECONDS (open loop at RATE queries/s; latency from each query's scheduled time) (default: ${DEFAULT-VALUE}).")
  String queryPattern;

  @Option(
      names = {"-k", "--k"},
      defaultValue = "10",
      description = "Results per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--min-seconds",
      defaultValue = "3",
      description = "Minimum measured time per setting (default: ${DEFAULT-VALUE}).")
  double minSeconds;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description =
          "Measurements per setting; the median QPS is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description = "Untimed queries per format before measuring (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(
      names = "--target-recall",
      defaultValue = "0.95",
      description = "Recall at which formats are compared (default: ${DEFAULT-VALUE}).")
  double targetRecall;

  /** Fails, naming the option and value, on a search list below k, or no client or repeat. */
  void validate() {
    for (int fanout : fanouts) {
      if (fanout < k) {
        throw new IllegalArgumentException("--fanouts " + fanout + ": must be >= -k " + k);
      }
    }
    for (int t : threads) {
      if (t < 1) {
        throw new IllegalArgumentException("--threads " + t + ": must be >= 1");
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats " + repeats + ": must be >= 1");
    }
  }
}
