package io.annscale.bench.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Least-squares lines through a soak's series against time: a slope per hour for each of heap,
 * resident memory, open files, segments, QPS and p99. A leak is a heap or resident slope that does
 * not level off; a slide is a QPS slope below zero or a p99 slope above it. The thresholds that
 * call either a finding are the OODA loop's; this fits, and says the slope beside the series' mean.
 */
public final class SoakTrends {
  /**
   * @param metric the series, e.g. {@code liveHeapBytes}
   * @param slopePerHour the fitted change per hour, in the series' unit
   * @param mean the series' mean
   * @param samples points fitted (samples where the series was not measured are left out)
   */
  public record Trend(String metric, double slopePerHour, double mean, int samples) {
    /**
     * The slope as a share of the mean per hour (e.g. -0.05: 5% less per hour); 0 for a zero mean.
     */
    public double relativeSlopePerHour() {
      return mean == 0 ? 0 : slopePerHour / mean;
    }

    public String describe() {
      return String.format(
          Locale.ROOT,
          "%s %+.4g per hour (%+.2f%% of its mean %.4g per hour, %d samples)",
          metric,
          slopePerHour,
          100 * relativeSlopePerHour(),
          mean,
          samples);
    }
  }

  private SoakTrends() {}

  /** The trend of every series of {@code samples}; fewer than two measured points give none. */
  public static List<Trend> fit(List<SolrSoak.Sample> samples) {
    List<Trend> trends = new ArrayList<>();
    add(trends, LIVE_HEAP, samples, s -> s.liveHeapBytes());
    add(trends, HEAP_AFTER_FULL_COLLECTION, samples, s -> s.heapAfterFullCollectionBytes());
    add(trends, "residentBytes", samples, s -> s.residentBytes());
    add(trends, "openFiles", samples, s -> s.openFiles());
    add(trends, "segments", samples, s -> s.segments());
    add(trends, "qps", samples, SolrSoak.Sample::qps);
    add(trends, "p99Micros", samples, s -> s.p99Micros());
    return trends;
  }

  /** The series of the heap used after a full collection forced for each sample. */
  public static final String HEAP_AFTER_FULL_COLLECTION = "heapAfterFullCollectionBytes";

  /** The series of the heap pools' use after their last collections. */
  public static final String LIVE_HEAP = "liveHeapBytes";

  /**
   * The heap trend a leak is judged on: after full collections where the soak forced them, which
   * neither garbage nor the collector's timing blur; else after the pools' last collections.
   */
  public static Trend heap(List<Trend> trends) {
    Trend afterFull = named(trends, HEAP_AFTER_FULL_COLLECTION);
    return afterFull != null ? afterFull : named(trends, LIVE_HEAP);
  }

  /** The named trend of {@code trends}, or null. */
  public static Trend named(List<Trend> trends, String metric) {
    return trends.stream().filter(t -> t.metric().equals(metric)).findFirst().orElse(null);
  }

  private static void add(
      List<Trend> trends,
      String metric,
      List<SolrSoak.Sample> samples,
      ToDoubleFunction<SolrSoak.Sample> value) {
    List<double[]> points = new ArrayList<>();
    for (SolrSoak.Sample sample : samples) {
      double y = value.applyAsDouble(sample);
      if (y >= 0) {
        points.add(new double[] {sample.minutes() / 60, y});
      }
    }
    if (points.size() < 2) {
      return;
    }
    double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (double[] p : points) {
      covariance += (p[0] - meanX) * (p[1] - meanY);
      variance += (p[0] - meanX) * (p[0] - meanX);
    }
    trends.add(new Trend(metric, variance == 0 ? 0 : covariance / variance, meanY, points.size()));
  }
}
