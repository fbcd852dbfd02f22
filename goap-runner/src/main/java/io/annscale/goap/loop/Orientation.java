package io.annscale.goap.loop;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.Profile;
import io.annscale.goap.scale.ScaleFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orient phase: reads the observations (resource snapshots after each action, the measurements,
 * the state) and names anomalies and bottlenecks (plan section 4.2). Memory growth is the slope of
 * live heap after each action over wall time (the plan's 100 MB/h threshold, over the last three
 * observations, all rising, spanning at least 10 minutes and 50 MB); a QPS slide is a setting whose
 * repeated measurements fell by more than 10% from the first to the last.
 */
public final class Orientation {
  static final double MEMORY_GROWTH_MB_PER_HOUR = Milestone.SOAK_HEAP_LIMIT_MB_PER_HOUR;
  static final double MIN_SPAN_MINUTES = Profile.SOAK_JUDGED_MINUTES;
  static final double MIN_RISE_MB = 50;
  static final double QPS_SLIDE = -Milestone.SOAK_QPS_CHANGE_LIMIT;
  static final double CPU_SATURATED = 0.9;
  static final double HEAVY_READS_MB_PER_SECOND = 50;

  private Orientation() {}

  public static List<Finding> findings(
      Profile profile,
      WorldState state,
      List<ResourceSnapshot> after,
      StepRecord step,
      Map<String, EmbeddedBenchmark.Result> measured) {
    List<Finding> findings = new ArrayList<>();
    memoryGrowth(after).ifPresent(findings::add);
    for (var entry : measured.entrySet()) {
      for (SearchRecord s : entry.getValue().searches()) {
        List<Double> runs = s.qpsRuns();
        if (runs.size() >= 3 && runs.get(runs.size() - 1) < runs.get(0) * (1 - QPS_SLIDE)) {
          findings.add(
              new Finding(
                  Finding.Kind.ANOMALY,
                  String.format(
                      Locale.ROOT,
                      "QPS slid from %.0f to %.0f over %d repeats (%s, search list %d, %d clients)",
                      runs.get(0),
                      runs.get(runs.size() - 1),
                      runs.size(),
                      entry.getKey(),
                      s.fanout(),
                      s.threads())));
        }
      }
    }
    if (state.get(ScaleFacts.RECALL_ON_TARGET).orElse(true) == false) {
      findings.add(
          new Finding(
              Finding.Kind.ANOMALY,
              String.format(
                  Locale.ROOT,
                  "recall@10 %.4f is under the target %.2f: longer search lists needed",
                  state.get(ScaleFacts.RECALL).orElse(Double.NaN),
                  profile.targetRecall())));
    }
    if (state.get(ScaleFacts.MEMORY_WITHIN_BUDGET).orElse(true) == false) {
      findings.add(
          new Finding(
              Finding.Kind.BOTTLENECK,
              String.format(
                  Locale.ROOT,
                  "memory %.0f B/vector is over the budget of %.0f: a format that keeps less in memory (PQ8, DiskANN) is needed",
                  state.get(ScaleFacts.RESIDENT_BYTES_PER_VECTOR).orElse(Double.NaN),
                  profile.memoryBudgetBytesPerVector())));
    }
    if (step != null && step.cpuShare() >= CPU_SATURATED && step.seconds() > 5) {
      findings.add(
          new Finding(
              Finding.Kind.BOTTLENECK,
              String.format(
                  Locale.ROOT,
                  "CPU: %s kept %.0f%% of the cores busy; more cores or nodes would shorten it",
                  step.action(),
                  step.cpuShare() * 100)));
    }
    if (step != null && step.readMegabytesPerSecond() >= HEAVY_READS_MB_PER_SECOND) {
      findings.add(
          new Finding(
              Finding.Kind.BOTTLENECK,
              String.format(
                  Locale.ROOT,
                  "disk I/O: %s read %.0f MB/s from storage; the working set does not fit the page cache",
                  step.action(),
                  step.readMegabytesPerSecond())));
    }
    return findings;
  }

  /**
   * The leak and slide detectors on a soak's series: the heap's floor ({@link
   * io.annscale.bench.solr.SoakTrends#heap}: the lowest heap after full collections in each sixth
   * of the run, where the soak forced them) rising at more than {@link #MEMORY_GROWTH_MB_PER_HOUR}
   * (over at least {@link #MIN_SPAN_MINUTES} and {@link #MIN_RISE_MB} fitted), and QPS falling by
   * more than {@link #QPS_SLIDE} of its mean per hour. Resident memory is plotted but not judged:
   * it counts the pages of memory-mapped index files a search touched, which grow with the index,
   * not with a leak.
   */
  public static List<Finding> soakFindings(io.annscale.bench.solr.SolrSoak.Outcome soak) {
    List<Finding> findings = new ArrayList<>();
    List<io.annscale.bench.solr.SolrSoak.Sample> samples = soak.samples();
    double minutes = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).minutes();
    var growth = soak.heapGrowth();
    if (growth != null && minutes >= MIN_SPAN_MINUTES) {
      double megabytesPerHour = growth.megabytesPerHour();
      if (megabytesPerHour > MEMORY_GROWTH_MB_PER_HOUR
          && megabytesPerHour * minutes / 60 >= MIN_RISE_MB) {
        findings.add(
            new Finding(
                Finding.Kind.ANOMALY,
                String.format(
                    Locale.ROOT,
                    "%s: %s rose %.0f MB/h over a %.0f-minute soak (threshold %.0f MB/h): a leak",
                    soak.format(),
                    growth.measure(),
                    megabytesPerHour,
                    minutes,
                    MEMORY_GROWTH_MB_PER_HOUR)));
      }
    }
    var qps = io.annscale.bench.solr.SoakTrends.named(soak.trends(), "qps");
    if (qps != null && minutes >= MIN_SPAN_MINUTES && qps.relativeSlopePerHour() < -QPS_SLIDE) {
      findings.add(
          new Finding(
              Finding.Kind.ANOMALY,
              String.format(
                  Locale.ROOT,
                  "%s: QPS fell %.1f%% of its mean per hour over a %.0f-minute soak (threshold %.0f%%)",
                  soak.format(),
                  -100 * qps.relativeSlopePerHour(),
                  minutes,
                  100 * QPS_SLIDE)));
    }
    return findings;
  }

  /**
   * Heap used after each action rising at more than the threshold, at least three observations,
   * each higher.
   */
  static java.util.Optional<Finding> memoryGrowth(List<ResourceSnapshot> after) {
    if (after.size() < 3) {
      return java.util.Optional.empty();
    }
    List<ResourceSnapshot> last = after.subList(after.size() - 3, after.size());
    for (int i = 1; i < last.size(); i++) {
      if (last.get(i).heapUsedBytes() <= last.get(i - 1).heapUsedBytes()) {
        return java.util.Optional.empty();
      }
    }
    double hours = (last.get(2).nanoTime() - last.get(0).nanoTime()) / 3.6e12;
    double megabytes = (last.get(2).heapUsedBytes() - last.get(0).heapUsedBytes()) / 1e6;
    double slope = hours > 0 ? megabytes / hours : 0;
    // a slope over a few minutes says little: a leak shows over a longer span and a real amount
    return slope > MEMORY_GROWTH_MB_PER_HOUR
            && hours * 60 >= MIN_SPAN_MINUTES
            && megabytes >= MIN_RISE_MB
        ? java.util.Optional.of(
            new Finding(
                Finding.Kind.ANOMALY,
                String.format(
                    Locale.ROOT,
                    "heap after each action rose %.0f MB over the last three actions (%.0f MB/h)",
                    megabytes,
                    slope)))
        : java.util.Optional.empty();
  }
}
