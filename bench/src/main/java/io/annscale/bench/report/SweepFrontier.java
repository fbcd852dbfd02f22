package io.annscale.bench.report;

import io.annscale.bench.run.SearchRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recall-vs-QPS frontier of a parameter sweep: per format and client count, the settings no
 * other setting beats on both recall and QPS (Pareto-optimal), best recall first.
 */
public final class SweepFrontier {
  /** One frontier point: which configuration, at which search list, with what it measured. */
  public record Point(
      String format,
      String configuration,
      int fanout,
      int threads,
      double recall,
      double qps,
      double p99Millis) {}

  private SweepFrontier() {}

  /**
   * @param searches every measured setting, each labelled {@code "<format> <configuration>"}
   */
  public static List<Point> of(List<SearchRecord> searches) {
    Map<String, List<Point>> groups = new TreeMap<>();
    for (SearchRecord s : searches) {
      int space = s.format().indexOf(' ');
      String format = space < 0 ? s.format() : s.format().substring(0, space);
      String configuration = space < 0 ? "" : s.format().substring(space + 1);
      groups
          .computeIfAbsent(format + "/" + s.threads(), g -> new ArrayList<>())
          .add(
              new Point(
                  format,
                  configuration,
                  s.fanout(),
                  s.threads(),
                  s.recall(),
                  s.qps(),
                  s.p99Micros() / 1000.0));
    }
    List<Point> frontier = new ArrayList<>();
    for (List<Point> group : groups.values()) {
      group.sort(
          Comparator.comparingDouble(Point::recall)
              .reversed()
              .thenComparing(Comparator.comparingDouble(Point::qps).reversed()));
      double bestQps = Double.NEGATIVE_INFINITY;
      for (Point point : group) {
        // sorted by recall, best first: a point is on the frontier when it is faster than
        // everything more accurate
        if (point.qps() > bestQps) {
          frontier.add(point);
          bestQps = point.qps();
        }
      }
    }
    return frontier;
  }
}
