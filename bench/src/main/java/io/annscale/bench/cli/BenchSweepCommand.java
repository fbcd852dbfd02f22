package io.annscale.bench.cli;

import io.annscale.bench.report.HtmlReport;
import io.annscale.bench.report.SweepFrontier;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code bench sweep}: {@code bench run} once per point of a grid of build and query parameters
 * (the search list is swept inside each run by {@code --fanouts}), then the recall-vs-QPS frontier
 * per format over every point.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Run `bench run` for every combination of --grid values (e.g. --grid maxconn=8,16,32 --grid beam-width=100,200",
      "--grid oversample=3,5), every other option passed to each run; then the recall-vs-QPS frontier per format",
      "(settings no other beats on both) as a table, frontier.json, all points in sweep.json and an HTML report."
    })
public final class BenchSweepCommand implements Callable<Integer> {
  /** Grid keys and the `bench run` option each sets. */
  static final Map<String, String> KEYS =
      Map.of(
          "maxconn", "--maxconn",
          "beam-width", "--beam-width",
          "oversample", "--oversample",
          "query-oversample", "--query-oversample",
          "pq-subspaces", "--pq-subspaces",
          "diskann-pq-subspaces", "--diskann-pq-subspaces",
          "diskann-max-degree", "--diskann-max-degree",
          "diskann-build-list", "--diskann-build-list",
          "diskann-beam-width", "--diskann-beam-width");

  @Spec CommandSpec spec;

  @Option(
      names = "--grid",
      required = true,
      paramLabel = "KEY=V1,V2,...",
      description =
          "A parameter and its values; repeat for more. Keys: maxconn, beam-width, oversample,"
              + " query-oversample, pq-subspaces, diskann-pq-subspaces, diskann-max-degree, diskann-build-list, diskann-beam-width.")
  List<String> grid;

  @Option(
      names = "--sweep-dir",
      description =
          "Where each point's result, sweep.json, frontier.json and report/ go (default: target/bench/sweeps/sweep).")
  Path dir;

  @Unmatched List<String> runOptions = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, List<String>> axes = parseGrid();
    for (String option : runOptions) {
      if (option.equals("-o")
          || option.equals("--out")
          || option.startsWith("--out=")
          || option.equals("--report")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), option + ": the sweep names each point's result itself");
      }
    }
    Path sweepDir = dir != null ? dir : Path.of("target", "bench", "sweeps", "sweep");
    Files.createDirectories(sweepDir);
    List<Map<String, String>> points = combinations(axes);
    List<SearchRecord> searches = new ArrayList<>();
    List<BuildRecord> builds = new ArrayList<>();
    EmbeddedBenchmark.Result first = null;
    for (int i = 0; i < points.size(); i++) {
      Map<String, String> point = points.get(i);
      String label = label(point);
      out.printf(Locale.ROOT, "sweep: point %d of %d: %s%n", i + 1, points.size(), label);
      out.flush();
      Path result = sweepDir.resolve(String.format(Locale.ROOT, "point-%02d.json", i + 1));
      List<String> args = new ArrayList<>(runOptions);
      point.forEach((key, value) -> args.addAll(List.of(KEYS.get(key), value)));
      args.addAll(List.of("-o", result.toString()));
      Subcommand.execute(
          spec, "sweep point " + label, new BenchRunCommand(), args.toArray(String[]::new));
      EmbeddedBenchmark.Result measured =
          Json.MAPPER.readValue(result.toFile(), EmbeddedBenchmark.Result.class);
      first = first == null ? measured : first;
      measured.searches().forEach(s -> searches.add(s.withFormat(s.format() + " " + label)));
      builds.addAll(measured.builds());
    }
    EmbeddedBenchmark.Result all =
        new EmbeddedBenchmark.Result(
            first.environment(), first.parameters(), builds, searches, first.target(), null);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(sweepDir.resolve("sweep.json").toFile(), all);
    List<SweepFrontier.Point> frontier = SweepFrontier.of(searches);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(sweepDir.resolve("frontier.json").toFile(), frontier);
    out.printf(
        Locale.ROOT,
        "%nRecall-vs-QPS frontier (%d points of %d settings)%n%n",
        frontier.size(),
        searches.size());
    out.println(
        "| format | configuration | search list | clients | recall@"
            + first.parameters().k()
            + " | QPS | p99 ms |");
    out.println("|---|---|---|---|---|---|---|");
    for (SweepFrontier.Point p : frontier) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %d | %.4f | %.0f | %.3f |%n",
          p.format(),
          p.configuration(),
          p.fanout(),
          p.threads(),
          p.recall(),
          p.qps(),
          p.p99Millis());
    }
    out.println(
        "sweep: report -> "
            + HtmlReport.write(all, "annscale bench sweep", sweepDir.resolve("report")));
    out.flush();
    return 0;
  }

  private Map<String, List<String>> parseGrid() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String axis : grid) {
      int eq = axis.indexOf('=');
      String key = eq < 0 ? axis : axis.substring(0, eq).trim();
      if (eq < 0 || !KEYS.containsKey(key)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--grid "
                + axis
                + ": expected KEY=V1,V2,... with KEY one of "
                + new java.util.TreeSet<>(KEYS.keySet()));
      }
      List<String> values = new ArrayList<>();
      for (String value : axis.substring(eq + 1).split(",")) {
        try {
          values.add(Integer.toString(Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--grid " + axis + ": '" + value + "' is not a whole number");
        }
      }
      if (axes.put(key, values) != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--grid " + key + " given twice");
      }
    }
    return axes;
  }

  /** Every combination of the axes' values, the first axis varying slowest. */
  static List<Map<String, String>> combinations(Map<String, List<String>> axes) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (var axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : axis.getValue()) {
          Map<String, String> extended = new LinkedHashMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  private static String label(Map<String, String> point) {
    StringBuilder label = new StringBuilder();
    point.forEach(
        (key, value) ->
            label.append(label.length() == 0 ? "" : " ").append(key).append('=').append(value));
    return label.toString();
  }
}
