package io.annscale.bench.solr;

import io.annscale.bench.run.QueryPattern;
import io.annscale.bench.run.SolrCloudRecords.LoadRecord;
import io.annscale.bench.run.TimedClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A format's load curve through SolrCloud at one setting: closed-loop clients (each sends its next
 * query when the last is answered) at every count asked for, up to saturation, then an open loop at
 * half the highest rate they reached. The open loop sends query i when it is due (start + i / rate)
 * whatever the answers before it, and counts each latency from then, so time spent waiting behind
 * slow answers is in it (no coordinated omission): the plan's "p99 under 50% load".
 */
final class SolrLoadCurve {
  /** The open loop's rate, as a share of the closed loops' peak. */
  static final double OPEN_LOOP_SHARE = 0.5;

  /** The open loop runs at least this long (or 3x the closed loops' time), to fill its p99. */
  static final double MIN_OPEN_LOOP_SECONDS = 10;

  private SolrLoadCurve() {}

  /**
   * @param clients closed-loop client counts, e.g. 1, 2, 8, 32, 128; the open loop gets as many
   *     workers as the largest, so its rate is not capped by them
   * @param search one query, by index into the query set
   */
  static List<LoadRecord> measure(
      String format,
      int fanout,
      double recall,
      List<Integer> clients,
      double minSeconds,
      int queryCount,
      TimedClients.Search search,
      PrintWriter log)
      throws IOException, InterruptedException {
    List<LoadRecord> records = new ArrayList<>();
    double peak = 0;
    for (int c : clients) {
      TimedClients.Outcome closed =
          TimedClients.run(queryCount, c, minSeconds, QueryPattern.UNIFORM, search);
      LoadRecord record = record(format, fanout, recall, false, c, 0, closed);
      records.add(record);
      print(log, record);
      peak = Math.max(peak, closed.qps());
    }
    double rate = OPEN_LOOP_SHARE * peak;
    double seconds = Math.max(MIN_OPEN_LOOP_SECONDS, 3 * minSeconds);
    int workers = Collections.max(clients);
    TimedClients.Outcome open =
        TimedClients.run(
            queryCount,
            workers,
            seconds,
            new QueryPattern(QueryPattern.Kind.BURST, 0, rate, seconds),
            search);
    LoadRecord record = record(format, fanout, recall, true, workers, rate, open);
    records.add(record);
    print(log, record);
    return records;
  }

  private static LoadRecord record(
      String format,
      int fanout,
      double recall,
      boolean openLoop,
      int clients,
      double offered,
      TimedClients.Outcome outcome) {
    Histogram latency = outcome.latencyMicros();
    return new LoadRecord(
        format,
        fanout,
        recall,
        openLoop,
        clients,
        offered,
        outcome.qps(),
        latency.getValueAtPercentile(50),
        latency.getValueAtPercentile(99),
        latency.getMaxValue());
  }

  private static void print(PrintWriter log, LoadRecord r) {
    log.printf(
        Locale.ROOT,
        "bench: %-16s load fanout=%d %s qps=%.0f p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
        r.format(),
        r.fanout(),
        r.openLoop()
            ? String.format(
                Locale.ROOT, "open loop at %.0f/s (%d workers)", r.offeredQps(), r.clients())
            : "clients=" + r.clients(),
        r.qps(),
        r.p50Micros() / 1000.0,
        r.p99Micros() / 1000.0,
        r.maxMicros() / 1000.0);
    log.flush();
  }
}
