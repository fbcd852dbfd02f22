package io.annscale.bench.report;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of one run, written as PNG files. */
final class ResultCharts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private ResultCharts() {}

  /**
   * Recall@k (x) against QPS (y, log) per format, one chart per client count: the usual ANN
   * frontier plot.
   */
  static Path recallVsQps(EmbeddedBenchmark.Result result, int threads, Path dir)
      throws IOException {
    XYChart chart =
        logChart(
            String.format(
                Locale.ROOT, "Recall@%d vs QPS, %d client(s)", result.parameters().k(), threads),
            "recall@" + result.parameters().k(),
            "queries per second (log)");
    for (String format : formats(result)) {
      List<SearchRecord> curve = curve(result, format, threads);
      if (curve.isEmpty()) {
        continue;
      }
      XYSeries series =
          chart.addSeries(
              format,
              curve.stream().mapToDouble(SearchRecord::recall).toArray(),
              curve.stream().mapToDouble(SearchRecord::qps).toArray());
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    return write(chart, dir.resolve(String.format(Locale.ROOT, "recall-qps-%dt.png", threads)));
  }

  /** p50 and p99 latency (ms, log) against recall per format, for one client count. */
  static Path latency(EmbeddedBenchmark.Result result, int threads, Path dir) throws IOException {
    XYChart chart =
        logChart(
            String.format(
                Locale.ROOT, "Latency p50 (solid) and p99 (dashed), %d client(s)", threads),
            "recall@" + result.parameters().k(),
            "milliseconds (log)");
    for (String format : formats(result)) {
      List<SearchRecord> curve = curve(result, format, threads);
      if (curve.isEmpty()) {
        continue;
      }
      double[] recall = curve.stream().mapToDouble(SearchRecord::recall).toArray();
      chart.addSeries(
          format + " p50",
          recall,
          curve.stream().mapToDouble(s -> s.p50Micros() / 1000.0).toArray());
      XYSeries p99 =
          chart.addSeries(
              format + " p99",
              recall,
              curve.stream().mapToDouble(s -> s.p99Micros() / 1000.0).toArray());
      p99.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    }
    return write(chart, dir.resolve(String.format(Locale.ROOT, "latency-%dt.png", threads)));
  }

  /** A chart with a logarithmic y axis on a white background. */
  private static XYChart logChart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return chart;
  }

  /** Writes {@code chart} as the PNG {@code file} (whose name ends in {@code .png}). */
  static Path write(XYChart chart, Path file) throws IOException {
    String name = file.getFileName().toString();
    BitmapEncoder.saveBitmap(
        chart,
        file.resolveSibling(name.substring(0, name.length() - 4)).toString(),
        BitmapEncoder.BitmapFormat.PNG);
    return file;
  }

  static Set<String> formats(EmbeddedBenchmark.Result result) {
    Set<String> formats = new LinkedHashSet<>();
    result.searches().forEach(s -> formats.add(s.format()));
    return formats;
  }

  private static List<SearchRecord> curve(
      EmbeddedBenchmark.Result result, String format, int threads) {
    return result.searches().stream()
        .filter(s -> s.format().equals(format) && s.threads() == threads)
        .sorted(Comparator.comparingInt(SearchRecord::fanout))
        .toList();
  }
}
