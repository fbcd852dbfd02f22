package io.annscale.bench.solr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Least-squares lines through a soak's series against time: a slope per hour, with its standard
 * error, for each of heap, resident memory, open files, segments, QPS and p99, and for the heap's
 * floor (the lowest heap of each sixth of the run). The heap of any one sample also holds whatever
 * a merge in progress holds (a DiskANN merge keeps its graph and vectors on the heap), which comes
 * and goes by hundreds of megabytes from one minute to the next and makes a line through every
 * sample as steep as the merges' timing; a leak is therefore judged on the settled heap ({@link
 * SolrSoak.Outcome#heapGrowth}), and on the floor only where that was not measured. A slide is a
 * QPS slope below zero or a p99 slope above it. The thresholds that call either a finding are the
 * OODA loop's; this fits, and says the slope beside the series' mean.
 */
public final class SoakTrends {
  /** The series of the heap pools' use after their last collections. */
  public static final String LIVE_HEAP = "liveHeapBytes";

  /** The series of the heap used after a full collection forced for each sample. */
  public static final String HEAP_AFTER_FULL_COLLECTION = "heapAfterFullCollectionBytes";

  /**
   * The lowest heap of each sixth of the run: after full collections where measured, else the
   * pools' heap after their last collections.
   */
  public static final String HEAP_FLOOR = "heapFloorBytes";

  /** How many spans of the run the heap's floor takes a minimum in. */
  static final int FLOOR_SPANS = 6;

  /**
   * @param metric the series, e.g. {@code liveHeapBytes}
   * @param slopePerHour the fitted change per hour, in the series' unit
   * @param slopeStandardError the slope's standard error per hour (0 with fewer than 3 points)
   * @param mean the series' mean
   * @param samples points fitted (samples where the series was not measured are left out)
   */
  public record Trend(
      String metric, double slopePerHour, double slopeStandardError, double mean, int samples) {
    /**
     * The slope as a share of the mean per hour (e.g. -0.05: 5% less per hour); 0 for a zero mean.
     */
    public double relativeSlopePerHour() {
      return mean == 0 ? 0 : slopePerHour / mean;
    }

    public String describe() {
      return String.format(
          Locale.ROOT,
          "%s %+.4g ± %.2g per hour (%+.2f%% of its mean %.4g per hour, %d points)",
          metric,
          slopePerHour,
          slopeStandardError,
          100 * relativeSlopePerHour(),
          mean,
          samples);
    }
  }

  private SoakTrends() {}

  /** The trend of every series of {@code samples}; fewer than two measured points give none. */
  public static List<Trend> fit(List<SolrSoak.Sample> samples) {
    List<Trend> trends = new ArrayList<>();
    add(trends, LIVE_HEAP, points(samples, SolrSoak.Sample::liveHeapBytes));
    add(
        trends,
        HEAP_AFTER_FULL_COLLECTION,
        points(samples, SolrSoak.Sample::heapAfterFullCollectionBytes));
    add(trends, HEAP_FLOOR, floor(samples));
    add(trends, "residentBytes", points(samples, SolrSoak.Sample::residentBytes));
    add(trends, "openFiles", points(samples, SolrSoak.Sample::openFiles));
    add(trends, "segments", points(samples, SolrSoak.Sample::segments));
    add(trends, "qps", points(samples, SolrSoak.Sample::qps));
    add(trends, "p99Micros", points(samples, SolrSoak.Sample::p99Micros));
    return trends;
  }

  /**
   * The heap trend a leak is judged on where the settled heap was not measured: the floor's, else
   * the heap after full collections, else the pools'.
   */
  public static Trend heap(List<Trend> trends) {
    Trend floor = named(trends, HEAP_FLOOR);
    if (floor != null) {
      return floor;
    }
    Trend afterFull = named(trends, HEAP_AFTER_FULL_COLLECTION);
    return afterFull != null ? afterFull : named(trends, LIVE_HEAP);
  }

  /** The named trend of {@code trends}, or null. */
  public static Trend named(List<Trend> trends, String metric) {
    return trends.stream().filter(t -> t.metric().equals(metric)).findFirst().orElse(null);
  }

  /** (hours, value) of every sample where the series was measured (>= 0). */
  private static List<double[]> points(
      List<SolrSoak.Sample> samples, ToDoubleFunction<SolrSoak.Sample> value) {
    List<double[]> points = new ArrayList<>();
    for (SolrSoak.Sample sample : samples) {
      double y = value.applyAsDouble(sample);
      if (y >= 0) {
        points.add(new double[] {sample.minutes() / 60, y});
      }
    }
    return points;
  }

  /**
   * The lowest measured heap in each of {@link #FLOOR_SPANS} equal spans of the run, at the time it
   * was sampled; after full collections when every sample has that, else the pools' heap.
   */
  private static List<double[]> floor(List<SolrSoak.Sample> samples) {
    boolean afterFull =
        !samples.isEmpty() && samples.stream().allMatch(s -> s.heapAfterFullCollectionBytes() >= 0);
    List<double[]> heap =
        points(
            samples,
            afterFull
                ? SolrSoak.Sample::heapAfterFullCollectionBytes
                : SolrSoak.Sample::liveHeapBytes);
    if (heap.isEmpty()) {
      return heap;
    }
    double end = heap.get(heap.size() - 1)[0];
    double[][] lowest = new double[FLOOR_SPANS][];
    for (double[] point : heap) {
      int span = end <= 0 ? 0 : Math.min(FLOOR_SPANS - 1, (int) (point[0] / end * FLOOR_SPANS));
      if (lowest[span] == null || point[1] < lowest[span][1]) {
        lowest[span] = point;
      }
    }
    List<double[]> floor = new ArrayList<>();
    for (double[] point : lowest) {
      if (point != null) {
        floor.add(point);
      }
    }
    return floor;
  }

  private static void add(List<Trend> trends, String metric, List<double[]> points) {
    if (points.size() < 2) {
      return;
    }
    int n = points.size();
    double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (double[] p : points) {
      covariance += (p[0] - meanX) * (p[1] - meanY);
      variance += (p[0] - meanX) * (p[0] - meanX);
    }
    double slope = variance == 0 ? 0 : covariance / variance;
    double standardError = 0;
    if (n > 2 && variance > 0) {
      double residuals = 0;
      for (double[] p : points) {
        double r = p[1] - (meanY + slope * (p[0] - meanX));
        residuals += r * r;
      }
      standardError = Math.sqrt(residuals / (n - 2) / variance);
    }
    trends.add(new Trend(metric, slope, standardError, meanY, n));
  }
}
