package io.annscale.bench.report;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.ResultTables;
import io.annscale.bench.run.SearchRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scaling curves from runs at several sizes: per format, build time, hot bytes, QPS and p99 at the
 * target recall against the vector count, each fitted with a {@link PowerLaw} and projected to 100M
 * and 1B vectors. One machine's projection: it says how a format's costs grow, not what a cluster
 * will measure.
 */
public final class ScalingReport {
  private static final double[] PROJECT_TO = {1e8, 1e9};

  /** One colour per format, shared by its points and its fitted line. */
  private static final java.awt.Color[] PALETTE = {
    new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e), new java.awt.Color(0x2ca02c),
    new java.awt.Color(0xd62728), new java.awt.Color(0x9467bd), new java.awt.Color(0x8c564b)
  };

  /** One metric of one format at the measured sizes. */
  record Curve(String format, String metric, String unit, double[] n, double[] y, PowerLaw fit) {}

  private ScalingReport() {}

  /**
   * Writes {@code scaling.html} and one PNG per metric into {@code dir}; prints a markdown table to
   * {@code out}.
   */
  public static Path write(
      List<EmbeddedBenchmark.Result> results, double targetRecall, Path dir, PrintWriter out)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    List<EmbeddedBenchmark.Result> bySize = new ArrayList<>(results);
    bySize.sort(Comparator.comparingLong(r -> r.parameters().count()));
    int threads =
        bySize.stream()
            .flatMap(r -> r.parameters().threads().stream())
            .max(Integer::compare)
            .orElse(1);
    Set<String> formats = new LinkedHashSet<>();
    bySize.forEach(r -> r.builds().forEach(b -> formats.add(b.key().format().cliName())));
    List<Curve> curves = new ArrayList<>();
    for (String format : formats) {
      addCurve(
          curves,
          bySize,
          format,
          "build time",
          "s",
          r -> build(r, format).map(BuildRecord::buildSeconds));
      addCurve(
          curves,
          bySize,
          format,
          "hot bytes",
          "GiB",
          r ->
              build(r, format)
                  .map(b -> b.hotBytesPerVector() * r.parameters().count() / 1073741824.0));
      addCurve(
          curves,
          bySize,
          format,
          "QPS at recall " + targetRecall,
          "QPS",
          r -> boxed(ResultTables.qpsAtTarget(r.searches(), format, threads, targetRecall)));
      addCurve(
          curves,
          bySize,
          format,
          "p99 at recall " + targetRecall,
          "ms",
          r -> firstAtTarget(r, format, threads, targetRecall).map(s -> s.p99Micros() / 1000.0));
    }
    out.printf(
        Locale.ROOT,
        "| format | metric | %s | fit | at 100M | at 1B |%n",
        String.join(
            " | ",
            bySize.stream()
                .map(r -> String.format(Locale.ROOT, "N=%,d", r.parameters().count()))
                .toList()));
    out.println("|---|---|" + "---|".repeat(bySize.size()) + "---|---|---|");
    for (Curve c : curves) {
      List<String> cells = new ArrayList<>();
      for (EmbeddedBenchmark.Result r : bySize) {
        int i = indexOf(c.n(), r.parameters().count());
        cells.add(i < 0 ? "-" : String.format(Locale.ROOT, "%.3g", c.y()[i]));
      }
      out.printf(
          Locale.ROOT,
          "| %s | %s (%s) | %s | %s | %.3g | %.3g |%n",
          c.format(),
          c.metric(),
          c.unit(),
          String.join(" | ", cells),
          c.fit() == null
              ? "-"
              : String.format(Locale.ROOT, "n^%.3f, R² %.3f", c.fit().b(), c.fit().r2()),
          c.fit() == null ? Double.NaN : c.fit().at(PROJECT_TO[0]),
          c.fit() == null ? Double.NaN : c.fit().at(PROJECT_TO[1]));
    }
    out.flush();
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append(
                "<title>annscale scaling</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}")
            .append("img{max-width:100%}</style></head><body><h1>Scaling curves</h1>\n")
            .append(
                String.format(
                    Locale.ROOT,
                    "<p>%d clients; power laws fitted on log-log axes and extended to 1B.</p>%n",
                    threads));
    Set<String> metrics = new LinkedHashSet<>();
    curves.forEach(c -> metrics.add(c.metric()));
    int chartNumber = 0;
    for (String metric : metrics) {
      Path png =
          chart(
              curves.stream().filter(c -> c.metric().equals(metric)).toList(),
              metric,
              dir.resolve(String.format(Locale.ROOT, "scaling-%d.png", chartNumber++)));
      html.append("<p><img alt=\"")
          .append(metric)
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
          .append("\"></p>\n");
    }
    html.append("</body></html>\n");
    Path file = dir.resolve("scaling.html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    return file;
  }

  private static void addCurve(
      List<Curve> curves,
      List<EmbeddedBenchmark.Result> bySize,
      String format,
      String metric,
      String unit,
      java.util.function.Function<EmbeddedBenchmark.Result, Optional<Double>> value) {
    List<double[]> points = new ArrayList<>();
    for (EmbeddedBenchmark.Result r : bySize) {
      value
          .apply(r)
          .filter(v -> v > 0)
          .ifPresent(v -> points.add(new double[] {r.parameters().count(), v}));
    }
    double[] n = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    PowerLaw fit = n.length >= 2 ? PowerLaw.fit(n, y) : null;
    curves.add(new Curve(format, metric, unit, n, y, fit));
  }

  private static Path chart(List<Curve> curves, String metric, Path file) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(metric + " vs vectors (fit extended to 1B)")
            .xAxisTitle("vectors (log)")
            .yAxisTitle(curves.get(0).unit() + " (log)")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    int index = 0;
    for (Curve c : curves) {
      java.awt.Color color = PALETTE[index++ % PALETTE.length];
      if (c.n().length == 0) {
        continue;
      }
      XYSeries measured = chart.addSeries(c.format() + " measured", c.n(), c.y());
      measured.setMarker(SeriesMarkers.CIRCLE);
      measured.setMarkerColor(color);
      measured.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
      if (c.fit() != null) {
        double[] xs = {c.n()[0], PROJECT_TO[0], PROJECT_TO[1]};
        XYSeries fitted =
            chart.addSeries(
                c.format() + " fit", xs, java.util.Arrays.stream(xs).map(c.fit()::at).toArray());
        fitted.setMarker(SeriesMarkers.NONE);
        fitted.setLineColor(color);
        fitted.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
      }
    }
    return ResultCharts.write(chart, file);
  }

  private static Optional<BuildRecord> build(EmbeddedBenchmark.Result r, String format) {
    return r.builds().stream().filter(b -> b.key().format().cliName().equals(format)).findFirst();
  }

  private static Optional<SearchRecord> firstAtTarget(
      EmbeddedBenchmark.Result r, String format, int threads, double target) {
    return r.searches().stream()
        .filter(s -> s.format().equals(format) && s.threads() == threads && s.recall() >= target)
        .min(Comparator.comparingInt(SearchRecord::fanout));
  }

  private static Optional<Double> boxed(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }

  private static int indexOf(double[] values, double value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
