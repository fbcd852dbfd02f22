package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.report.HtmlReport;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.QueryPattern;
import io.annscale.bench.run.ResultTables;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.solr.SolrCloudBenchmark;
import io.annscale.bench.solr.SolrCloudParameters;
import io.annscale.bench.solr.SolrCloudTarget;
import io.annscale.bench.solr.SolrConfigsets;
import io.annscale.diskann.DiskAnnReadSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench run}: the benchmark of several vector formats on one data set, embedded or on
 * SolrCloud.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Build one Lucene index per format on the same base vectors (cached by parameters), then measure build",
      "time, size, hot bytes per vector, QPS and latency per thread count, and recall against exact ground truth",
      "at each search-list size. Prints tables; writes the full result as JSON.",
      "With --local-cluster N or --zk-host, the same on SolrCloud: a collection per format from its configset,",
      "NRT ingestion through SolrJ (docs/s, queries during ingestion), {!annknn} queries, optional --migrate."
    })
public final class BenchRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchDataOptions data;

  @Mixin FormatBuildOptions build;

  @Mixin MeasurementOptions measurement;

  @Mixin SolrCloudOptions solrCloud;

  @Option(
      names = "--formats",
      defaultValue = "lucene-hnsw,lucene-hnsw-int7,pq8-hnsw",
      description =
          "Comma-separated; the first is the baseline of the ratios (default: ${DEFAULT-VALUE}). Known: lucene-hnsw, lucene-hnsw-int7, pq8-hnsw, pq4-hnsw, diskann.")
  String formats;

  @Option(
      names = "--index-dir",
      description =
          "Where indexes are built and cached (default: indexes/ beside the data folder, ~/.cache/annscale/indexes).")
  Path indexDir;

  @Option(
      names = "--rebuild",
      description =
          "Build even when a cached index matches; needed after a format's defaults"
              + " changed in the code, since the cache key holds the options given, not the defaults they resolve to.")
  boolean rebuild;

  @Option(
      names = "--ram-buffer-mb",
      defaultValue = "1024",
      description = "IndexWriter RAM buffer (default: ${DEFAULT-VALUE}).")
  double ramBufferMb;

  @Option(
      names = "--fork",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Measure each format in its own JVM, so none inherits another's JIT profile (default: ${DEFAULT-VALUE}).")
  boolean fork;

  @Option(
      names = "--diskann-io",
      defaultValue = "mmap",
      description =
          "How DiskANN reads node blocks: mmap (through the page cache) or direct (O_DIRECT, bypassing it), through"
              + " the DiskAnnServingDirectory the indexes are opened with (default: ${DEFAULT-VALUE}).")
  String diskAnnIo;

  @Option(
      names = "--diskann-cache-mb",
      paramLabel = "MiB",
      description =
          "DiskANN hot-node cache budget for searching, in place of the one each index was built with, through"
              + " the DiskAnnServingDirectory the indexes are opened with (default: the index's).")
  String diskAnnCacheMb;

  @Option(
      names = "--report",
      description = "Also write the HTML report with PNG charts into this folder.")
  Path report;

  @Option(
      names = {"-o", "--out"},
      description = "Result JSON (default: target/bench/results/run-<time>.json).")
  Path out;

  /** The DiskANN read settings the options ask for; a bad value names its option. */
  private DiskAnnReadSettings diskAnnReadSettings() {
    try {
      return new DiskAnnReadSettings(
          DiskAnnReadSettings.parseIo("--diskann-io", diskAnnIo),
          diskAnnCacheMb == null
              ? DiskAnnReadSettings.SEGMENT_CACHE
              : DiskAnnReadSettings.parseMib("--diskann-cache-mb", diskAnnCacheMb));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    RunParameters parameters = parameters(data.resolve(log));
    log.println("bench run: " + Json.line(parameters));
    log.flush();
    EmbeddedBenchmark.Result result;
    if (solrCloud.targetsSolrCloud()) {
      result = runOnSolrCloud(parameters, log);
    } else {
      result =
          fork
              ? new ForkedBenchmark(parameters, log).run()
              : new EmbeddedBenchmark(parameters, log).run();
    }
    ResultTables.print(result, log);
    Path file =
        out != null
            ? out
            : Path.of(
                "target",
                "bench",
                "results",
                "run-"
                    + LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                    + ".json");
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
    log.println("bench run: result -> " + file);
    if (report != null) {
      log.println(
          "bench run: report -> "
              + HtmlReport.write(result, "annscale bench: " + file.getFileName(), report));
    }
    return 0;
  }

  private EmbeddedBenchmark.Result runOnSolrCloud(RunParameters parameters, PrintWriter log)
      throws Exception {
    SolrCloudParameters solr = solrCloud.parameters();
    for (VectorFormatChoice format : parameters.formats()) {
      // fails early, naming the format, before a cluster starts
      SolrConfigsets.configsetFor(format);
    }
    if (parameters.formatOptions().mergeWorkers() != 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--merge-workers "
              + parameters.formatOptions().mergeWorkers()
              + " applies to embedded runs; SolrCloud merges with its cores' own settings");
    }
    if (!parameters.diskAnnRead().equals(DiskAnnReadSettings.DEFAULT)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--diskann-io / --diskann-cache-mb apply to embedded runs; a SolrCloud node serves DiskANN"
              + " as its core's DiskAnnDirectoryFactory says (diskAnnIo, diskAnnCacheMegabytes)");
    }
    log.println("bench run: SolrCloud " + Json.line(solr));
    log.flush();
    List<java.nio.file.Path> logs = List.of();
    try (SolrCloudTarget target = SolrCloudOptions.connect(solr)) {
      logs = target.logFiles();
      return new SolrCloudBenchmark(parameters, solr, target, log).run();
    } finally {
      for (java.nio.file.Path file : logs) {
        if (Files.exists(file)) {
          log.println("bench run: Solr's log -> " + file);
        }
      }
      log.flush();
    }
  }

  private RunParameters parameters(BenchDataOptions.Data files) throws java.io.IOException {
    List<VectorFormatChoice> choices = VectorFormatChoice.parseList(formats);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("--formats: give at least one format");
    }
    measurement.validate();
    build.validate();
    long count = VectorFileInfo.read(files.base()).count();
    if (data.baseLimit != null) {
      count = Math.min(count, data.baseLimit);
    }
    Path root = indexDir != null ? indexDir : DataDirectory.root().resolveSibling("indexes");
    return new RunParameters(
        files.base(),
        files.queries(),
        files.truth(),
        files.truthDistances(),
        files.metric(),
        count,
        choices,
        build.maxConn,
        build.beamWidth,
        build.oversample,
        build.queryOversample,
        List.copyOf(measurement.fanouts),
        List.copyOf(measurement.threads),
        measurement.k,
        measurement.minSeconds,
        measurement.repeats,
        measurement.warmupSeconds,
        measurement.targetRecall,
        root,
        rebuild,
        ramBufferMb,
        HnswGraphBuilder.randSeed,
        QueryPattern.parse(measurement.queryPattern),
        build.formatOptions(),
        diskAnnReadSettings());
  }
}
