package io.annscale.goap.act;

import io.annscale.bench.cli.Json;
import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.goap.plan.Fact;
import io.annscale.goap.scale.Profile;
import io.annscale.goap.scale.ScaleFacts;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the actions of one run share: the profile, the run directory, the target, the data
 * set, every measurement so far (also saved as {@code bench-<format>.json} in the run directory, so
 * a resumed run keeps them) and the current search lists.
 */
public final class RunContext implements Closeable {
  private final Profile profile;
  private final TargetSpec targetSpec;
  private final Path runDir;
  private final Path dataRoot;
  private final PrintWriter log;
  private final Map<String, EmbeddedBenchmark.Result> measured = new LinkedHashMap<>();
  private final List<EmbeddedBenchmark.Result> migrations = new ArrayList<>();
  private final List<io.annscale.bench.solr.SolrFaultScenario.Outcome> faults = new ArrayList<>();
  private final List<io.annscale.bench.solr.SolrSoak.Outcome> soaks = new ArrayList<>();
  private List<Integer> fanouts;
  private MeasurementTarget target;
  private io.annscale.goap.plan.WorldState state = io.annscale.goap.plan.WorldState.empty();
  private ReportWriter reportWriter = (state, outcome) -> null;

  /** Writes the run's report for a state; set by whoever drives the run. */
  @FunctionalInterface
  public interface ReportWriter {
    Path write(io.annscale.goap.plan.WorldState state, String outcome) throws IOException;
  }

  public RunContext(
      Profile profile, TargetSpec targetSpec, Path runDir, Path dataRoot, PrintWriter log)
      throws IOException {
    this.profile = profile;
    this.targetSpec = targetSpec;
    this.runDir = runDir;
    this.dataRoot = dataRoot;
    this.log = log;
    this.fanouts = List.copyOf(profile.fanouts());
    Files.createDirectories(runDir);
    try (Stream<Path> files = Files.list(runDir)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches("(bench|fault|soak)-.*\\.json"))
              .sorted()
              .toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("fault-")) {
          faults.add(
              Json.MAPPER.readValue(
                  file.toFile(), io.annscale.bench.solr.SolrFaultScenario.Outcome.class));
          continue;
        }
        if (name.startsWith("soak-")) {
          soaks.add(
              Json.MAPPER.readValue(file.toFile(), io.annscale.bench.solr.SolrSoak.Outcome.class));
          continue;
        }
        EmbeddedBenchmark.Result result =
            Json.MAPPER.readValue(file.toFile(), EmbeddedBenchmark.Result.class);
        if (name.startsWith("bench-migration")) {
          migrations.add(result);
        } else {
          measured.put(name.substring("bench-".length(), name.length() - ".json".length()), result);
        }
      }
    }
  }

  public Profile profile() {
    return profile;
  }

  public TargetSpec targetSpec() {
    return targetSpec;
  }

  public Path runDir() {
    return runDir;
  }

  public PrintWriter log() {
    return log;
  }

  /** Where the profile's data set is, or will be once prepared. */
  public Dataset dataset() throws IOException {
    return switch (profile.data().kind()) {
      case CLUSTERED ->
          Dataset.in(
              dataRoot.resolve(
                  String.format(
                      java.util.Locale.ROOT,
                      "goap-clustered-%dx%d-q%d",
                      profile.vectors(),
                      profile.dimension(),
                      profile.queries())));
      case DOCS_MINILM -> {
        var files =
            io.annscale.bench.cli.DatasetCommand.output(
                dataRoot.resolve(io.annscale.bench.cli.DatasetCommand.DOCS_MINILM),
                profile.vectors(),
                profile.queries());
        yield new Dataset(
            files.base().getParent(),
            files.base(),
            files.queries(),
            files.truth(),
            files.truthDistances());
      }
      case HDF5 -> {
        Path dir =
            io.annscale.bench.dataset.AnnBenchmarksFile.cacheFolder(
                profile.data().hdf5(), dataRoot.resolve("hdf5"));
        yield new Dataset(
            dir,
            dir.resolve(io.annscale.bench.dataset.AnnBenchmarksFile.BASE_FILE),
            dir.resolve(io.annscale.bench.dataset.AnnBenchmarksFile.QUERY_FILE),
            dir.resolve(io.annscale.bench.dataset.AnnBenchmarksFile.TRUTH_FILE),
            dir.resolve(io.annscale.bench.dataset.AnnBenchmarksFile.TRUTH_DISTANCES_FILE));
      }
    };
  }

  /** The folder every data set of this run is kept in. */
  public Path dataRoot() {
    return dataRoot;
  }

  public List<Integer> fanouts() {
    return fanouts;
  }

  public void setFanouts(List<Integer> fanouts) {
    this.fanouts = List.copyOf(fanouts);
  }

  /** The world state as the loop last saw it, before the running action. */
  public io.annscale.goap.plan.WorldState state() {
    return state;
  }

  public void setState(io.annscale.goap.plan.WorldState state) {
    this.state = state;
  }

  public void setReportWriter(ReportWriter reportWriter) {
    this.reportWriter = reportWriter;
  }

  public Path writeReport(String outcome) throws IOException {
    return reportWriter.write(state, outcome);
  }

  public Optional<MeasurementTarget> target() {
    return Optional.ofNullable(target);
  }

  void setTarget(MeasurementTarget target) {
    this.target = target;
  }

  public MeasurementTarget requireTarget() {
    if (target == null) {
      throw new IllegalStateException(
          "no target is open: the target action has not run in this process");
    }
    return target;
  }

  public Map<String, EmbeddedBenchmark.Result> measured() {
    return measured;
  }

  public List<EmbeddedBenchmark.Result> migrations() {
    return migrations;
  }

  public List<io.annscale.bench.solr.SolrFaultScenario.Outcome> faults() {
    return faults;
  }

  /** Keeps a node-failure outcome and saves it beside the measurements. */
  public void recordFault(io.annscale.bench.solr.SolrFaultScenario.Outcome outcome)
      throws IOException {
    faults.add(outcome);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(runDir.resolve("fault-" + faults.size() + ".json").toFile(), outcome);
  }

  public List<io.annscale.bench.solr.SolrSoak.Outcome> soaks() {
    return soaks;
  }

  /**
   * Keeps a soak's outcome, saves it beside the measurements and charts it in the run directory.
   */
  public void recordSoak(io.annscale.bench.solr.SolrSoak.Outcome outcome) throws IOException {
    soaks.add(outcome);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(runDir.resolve("soak-" + soaks.size() + ".json").toFile(), outcome);
    io.annscale.bench.report.SoakCharts.write(outcome, runDir.resolve("soak-" + soaks.size()));
  }

  /** Parameters of one measurement of one format on the data set. */
  public RunParameters parameters(
      VectorFormatChoice format, List<Integer> fanouts, List<Integer> clients) throws IOException {
    Dataset data = dataset();
    return new RunParameters(
        data.base(),
        data.queries(),
        data.truth(),
        data.truthDistances(),
        profile.metric(),
        profile.vectors(),
        List.of(format),
        16,
        100,
        0,
        0,
        List.copyOf(fanouts),
        List.copyOf(clients),
        10,
        profile.minSeconds(),
        profile.repeats(),
        Math.min(5, profile.minSeconds() * 2),
        profile.targetRecall(),
        runDir.resolve("indexes"),
        false,
        1024,
        42);
  }

  /**
   * Adds a measurement of a format (searches at new fanouts join the earlier ones) and saves it.
   */
  public void recordMeasurement(String format, EmbeddedBenchmark.Result result) throws IOException {
    EmbeddedBenchmark.Result merged = result;
    EmbeddedBenchmark.Result earlier = measured.get(format);
    if (earlier != null) {
      List<BuildRecord> builds = new ArrayList<>(earlier.builds());
      List<SearchRecord> searches = new ArrayList<>(earlier.searches());
      searches.removeIf(
          old ->
              result.searches().stream()
                  .anyMatch(s -> s.fanout() == old.fanout() && s.threads() == old.threads()));
      searches.addAll(result.searches());
      searches.sort(
          java.util.Comparator.comparingInt(SearchRecord::fanout)
              .thenComparingInt(SearchRecord::threads));
      merged =
          new EmbeddedBenchmark.Result(
              result.environment(),
              result.parameters(),
              builds.isEmpty() ? result.builds() : builds,
              searches,
              result.target(),
              result.solrCloud());
    }
    measured.put(format, merged);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(runDir.resolve("bench-" + format + ".json").toFile(), merged);
  }

  public void recordMigration(EmbeddedBenchmark.Result result) throws IOException {
    migrations.add(result);
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(
            runDir.resolve("bench-migration-" + migrations.size() + ".json").toFile(), result);
  }

  /** The selection over everything measured, as facts (measurements plus the two planner flags). */
  public Map<Fact<?>, Object> selectionFacts() {
    Map<Fact<?>, Object> facts = new LinkedHashMap<>();
    Selection.choose(measured, profile)
        .ifPresent(
            s -> {
              facts.put(ScaleFacts.RECALL, s.recall());
              facts.put(ScaleFacts.QPS, s.qps());
              facts.put(ScaleFacts.P99_MILLIS, s.p99Millis());
              facts.put(ScaleFacts.RESIDENT_BYTES_PER_VECTOR, s.residentBytesPerVector());
              facts.put(ScaleFacts.MEMORY_WITHIN_BUDGET, s.withinBudget());
              facts.put(ScaleFacts.RECALL_ON_TARGET, s.onTarget());
            });
    return facts;
  }

  public Optional<Selection> selection() {
    return Selection.choose(measured, profile);
  }

  @Override
  public void close() throws IOException {
    if (target != null) {
      target.close();
      target = null;
    }
  }
}
