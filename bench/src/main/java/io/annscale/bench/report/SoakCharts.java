package io.annscale.bench.report;

import io.annscale.bench.solr.SolrSoak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * A soak's series as PNG charts over its minutes: queries (QPS, p99) and resources (live heap, heap
 * after a full collection and resident memory in MB, open files, segments), each series on its own
 * axis so its slope can be seen.
 */
public final class SoakCharts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  private SoakCharts() {}

  /** Writes {@code soak-queries.png} and {@code soak-resources.png} into {@code dir}. */
  public static List<Path> write(SolrSoak.Outcome outcome, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<SolrSoak.Sample> samples = outcome.samples();
    XYChart queries = chart(outcome.format() + " soak: queries", "queries per second");
    add(queries, "QPS", samples, SolrSoak.Sample::qps, 0);
    add(queries, "p99 (ms)", samples, s -> s.p99Micros() / 1000.0, 1);
    queries.setYAxisGroupTitle(1, "p99 latency (ms)");
    XYChart resources = chart(outcome.format() + " soak: resources", "MB");
    add(resources, "live heap (MB)", samples, s -> s.liveHeapBytes() / 1e6, 0);
    add(
        resources,
        "heap after full GC (MB)",
        samples,
        s -> s.heapAfterFullCollectionBytes() / 1e6,
        0);
    add(resources, "resident (MB)", samples, s -> s.residentBytes() / 1e6, 0);
    add(resources, "open files", samples, s -> s.openFiles(), 1);
    add(resources, "segments", samples, s -> s.segments(), 1);
    resources.setYAxisGroupTitle(1, "open files, segments");
    return List.of(
        ResultCharts.write(queries, dir.resolve("soak-queries.png")),
        ResultCharts.write(resources, dir.resolve("soak-resources.png")));
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("minutes")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  /** Adds a series of the samples where it was measured (>= 0) on y axis {@code group}. */
  private static void add(
      XYChart chart,
      String name,
      List<SolrSoak.Sample> samples,
      ToDoubleFunction<SolrSoak.Sample> value,
      int group) {
    List<SolrSoak.Sample> measured =
        samples.stream().filter(s -> value.applyAsDouble(s) >= 0).toList();
    if (measured.isEmpty()) {
      return;
    }
    XYSeries series =
        chart.addSeries(
            name,
            measured.stream().mapToDouble(SolrSoak.Sample::minutes).toArray(),
            measured.stream().mapToDouble(value).toArray());
    series.setYAxisGroup(group);
  }
}
