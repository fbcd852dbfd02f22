package io.annscale.bench.report;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code index.html} and its PNG charts for one {@code bench run} result. The page embeds
 * the charts (data URIs), so it can be mailed or attached to a CI run alone; the PNG files sit
 * beside it for docs.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * @return the HTML file
   */
  public static Path write(EmbeddedBenchmark.Result result, String title, Path dir)
      throws IOException {
    System.setProperty("java.awt.headless", "true"); // servers and CI have no display
    Files.createDirectories(dir);
    List<Path> charts = new ArrayList<>();
    for (int threads : result.parameters().threads()) {
      charts.add(ResultCharts.recallVsQps(result, threads, dir));
      charts.add(ResultCharts.latency(result, threads, dir));
    }
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append(
            "</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;")
        .append(
            "padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}")
        .append("img{max-width:100%}</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    var env = result.environment();
    if (env != null) {
      html.append(
          String.format(
              Locale.ROOT,
              "<p>%s; %d cores, %.1f GiB RAM, %s; Java %s (%s), Lucene %s (scorer %s), our kernels %s; max heap %.1f GiB; code %s.</p>%n",
              escape(env.date()),
              env.cores(),
              env.physicalMemoryBytes() / 1073741824.0,
              escape(env.cpu()),
              escape(env.javaVersion()),
              escape(env.vm()),
              escape(env.lucene()),
              escape(env.luceneScorer()),
              escape(env.kernels()),
              env.maxHeapBytes() / 1073741824.0,
              escape(env.codeVersion() == null ? "not recorded" : env.codeVersion())));
    }
    var p = result.parameters();
    html.append(
        String.format(
            Locale.ROOT,
            "<p>%,d vectors from <code>%s</code>, %d queries, metric %s, HNSW M=%d beamWidth=%d, k=%d, "
                + "%d repeat(s) of &ge; %.1f s per setting (median QPS reported).</p>%n",
            p.count(),
            escape(p.base().getFileName().toString()),
            result.searches().isEmpty() ? 0 : result.searches().get(0).queries(),
            p.metric(),
            p.maxConn(),
            p.beamWidth(),
            p.k(),
            p.repeats(),
            p.minSeconds()));
    html.append("<h2>Builds</h2>\n<table><tr><th>format</th><th>build s</th><th>index MiB</th>")
        .append("<th>bytes/vector</th><th>hot bytes/vector</th><th>reused</th></tr>\n");
    for (BuildRecord b : result.builds()) {
      html.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%s</td></tr>%n",
              b.key().format().cliName(),
              b.buildSeconds(),
              b.indexBytes() / 1048576.0,
              b.bytesPerVector(),
              b.hotBytesPerVector(),
              b.reused() ? "yes" : "no"));
    }
    html.append("</table>\n<h2>Charts</h2>\n");
    for (Path chart : charts) {
      html.append("<p><img alt=\"")
          .append(escape(chart.getFileName().toString()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(Files.readAllBytes(chart)))
          .append("\"></p>\n");
    }
    html.append("<h2>Every setting</h2>\n<table><tr><th>format</th><th>fanout</th><th>clients</th>")
        .append("<th>recall@")
        .append(p.k())
        .append("</th><th>recall@1</th><th>recall@100</th><th>QPS</th><th>p50 ms</th>")
        .append("<th>p99 ms</th><th>p99.9 ms</th></tr>\n");
    for (SearchRecord s : result.searches()) {
      html.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%s</td><td>%.0f</td><td>%.3f</td><td>%.3f</td>"
                  + "<td>%.3f</td></tr>%n",
              s.format(),
              s.fanout(),
              s.threads(),
              s.recall(),
              s.recallAt1(),
              s.recallAt100() > 0 ? String.format(Locale.ROOT, "%.4f", s.recallAt100()) : "-",
              s.qps(),
              s.p50Micros() / 1000.0,
              s.p99Micros() / 1000.0,
              s.p999Micros() / 1000.0));
    }
    html.append("</table>\n</body></html>\n");
    Path file = dir.resolve("index.html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    return file;
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
