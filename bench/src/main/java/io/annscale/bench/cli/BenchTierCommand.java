package io.annscale.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench tier}: one scale tier from nothing to its report in one command. The data set
 * (clustered synthetic with a fixed seed, the real docs-minilm text embeddings, or an
 * ann-benchmarks HDF5 file) and its exact ground truth are made the first time and reused after;
 * every landed format is built from scratch and measured, each in its own JVM; the result JSON,
 * HTML report and PNG charts land in one folder.
 */
@Command(
    name = "tier",
    mixinStandardHelpOptions = true,
    description = {
      "One scale tier end to end: N x 128 clustered synthetic vectors and 1,000 queries (seed 42, generated once),",
      "or the real docs-minilm set (--dataset docs-minilm: 384-d text embeddings, cosine), or an ann-benchmarks",
      "HDF5 file; exact top-100 ground truth (computed once), every landed format built and measured (bench run),",
      "result.json, report/index.html and its PNG charts in --out. E.g. `bench tier --size 1M` (the 1M tier),",
      "`bench tier --dataset docs-minilm --size 1M` (the real 1M tier)."
    })
public final class BenchTierCommand implements Callable<Integer> {
  /** Every vector format annscale ships, after the baseline the ratios are taken against. */
  static final String EVERY_FORMAT = "lucene-hnsw,pq8-hnsw,pq4-hnsw,diskann";

  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--size"},
      converter = CountConverter.class,
      description =
          "Base vectors of the tier, e.g. 100K, 1M, 3M (not with an .hdf5 --dataset: its train is the base).")
  Long size;

  @Option(
      names = "--dataset",
      defaultValue = "clustered",
      description =
          "clustered (synthetic, N x --dim), "
              + DatasetCommand.DOCS_MINILM
              + " (real text embeddings, 384-d,"
              + " cosine; made by `dataset`), or an ann-benchmarks FILE.hdf5 (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--dim",
      defaultValue = "128",
      description = "Dimension (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(
      names = "--data-dir",
      description =
          "Where the tier's data set is kept (default: target/data/c<size>, e.g. target/data/c1m; docs-minilm: its folder in the data directory; .hdf5: where its members are extracted).")
  Path dataDir;

  @Option(
      names = {"-o", "--out"},
      description = "Where result.json and report/ go (default: target/bench/tiers/<size>).")
  Path outDir;

  @Option(
      names = "--formats",
      defaultValue = EVERY_FORMAT,
      description = "Formats, the first is the baseline (default: ${DEFAULT-VALUE}).")
  String formats;

  @Option(
      names = "--fanouts",
      defaultValue = "10,20,40,60,80,120,160,240,320",
      description = "Search-list sizes (default: ${DEFAULT-VALUE}).")
  String fanouts;

  @Option(
      names = "--threads",
      defaultValue = "1,2",
      description = "Client threads (default: ${DEFAULT-VALUE}).")
  String threads;

  @Option(
      names = "--reuse-indexes",
      description =
          "Measure indexes built by an earlier run with the same parameters instead of rebuilding them.")
  boolean reuseIndexes;

  @Option(
      names = "--quick",
      description =
          "Short measurements (1 s, 1 repeat, 1 s warm-up): a smoke run, not figures to quote.")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean hdf5 = io.annscale.bench.dataset.AnnBenchmarksFile.isHdf5(Paths.get(dataset));
    if (hdf5 != (size == null)) {
      throw new IllegalArgumentException(
          hdf5
              ? "--size " + size + ": an .hdf5 --dataset brings its own base; leave --size out"
              : "--size is needed for --dataset " + dataset + ", e.g. --size 1M");
    }
    if (!hdf5 && (size < 1_000 || size > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "--size " + size + ": must be in [1000, " + Integer.MAX_VALUE + "]");
    }
    if (hdf5) {
      Path file = Paths.get(dataset);
      String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      List<String> inputs = new ArrayList<>(List.of("--dataset", file.toString()));
      if (dataDir != null) {
        inputs.addAll(List.of("--extract-dir", dataDir.toString()));
      }
      return runBench(
          out, outDir != null ? outDir : Paths.get("target", "bench", "tiers", stem), inputs);
    }
    String name = CountConverter.format(size).toLowerCase(Locale.ROOT);
    if (dataset.equals(DatasetCommand.DOCS_MINILM)) {
      List<String> args =
          new ArrayList<>(List.of(DatasetCommand.DOCS_MINILM, "--size", Long.toString(size)));
      if (dataDir != null) {
        args.addAll(List.of("--dir", dataDir.toString()));
      }
      step("dataset", new DatasetCommand(), args.toArray(String[]::new));
      DatasetCommand.Output data = DatasetCommand.output(dataDir, size, DatasetCommand.HELD_OUT);
      return runBench(
          out,
          outDir != null ? outDir : Paths.get("target", "bench", "tiers", "docs-minilm-" + name),
          List.of(
              "--base",
              data.base().toString(),
              "--queries",
              data.queries().toString(),
              "--truth",
              data.truth().toString(),
              "--truth-distances",
              data.truthDistances().toString(),
              "--metric",
              "cosine"));
    }
    if (!dataset.equals("clustered")) {
      throw new IllegalArgumentException(
          "--dataset "
              + dataset
              + ": expected clustered, "
              + DatasetCommand.DOCS_MINILM
              + " or an .hdf5 file");
    }
    Path data = dataDir != null ? dataDir : Paths.get("target", "data", "c" + name);
    Path base = data.resolve("base.fvecs");
    Path queries = data.resolve("query.fvecs");
    Path truth = data.resolve("gt100.ivecs");
    Path truthDistances = data.resolve("gt100.dist.fvecs");

    if (Files.isRegularFile(base) && Files.isRegularFile(queries)) {
      out.printf(Locale.ROOT, "tier %s: data set %s exists, reused%n", name, data);
    } else {
      step(
          "generate",
          new GenerateCommand(),
          "-n",
          Long.toString(size),
          "-q",
          "1000",
          "-d",
          Integer.toString(dimension),
          "--distribution",
          "clustered",
          "--seed",
          "42",
          "-o",
          data.toString());
    }
    if (Files.isRegularFile(truth) && Files.isRegularFile(truthDistances)) {
      out.printf(Locale.ROOT, "tier %s: ground truth %s exists, reused%n", name, truth);
    } else {
      step(
          "groundtruth",
          new GroundTruthCommand(),
          "--base",
          base.toString(),
          "--queries",
          queries.toString(),
          "-k",
          "100",
          "-o",
          truth.toString(),
          "--distances-out",
          truthDistances.toString());
    }
    return runBench(
        out,
        outDir != null ? outDir : Paths.get("target", "bench", "tiers", name),
        List.of(
            "--base",
            base.toString(),
            "--queries",
            queries.toString(),
            "--truth",
            truth.toString(),
            "--truth-distances",
            truthDistances.toString()));
  }

  /** {@code bench run} of every format on the tier's inputs, into {@code outputDir}. */
  private int runBench(PrintWriter out, Path outputDir, List<String> inputs)
      throws java.io.IOException {
    Files.createDirectories(outputDir);
    List<String> run = new ArrayList<>(inputs);
    run.addAll(
        List.of(
            "--formats",
            formats,
            "--fanouts",
            fanouts,
            "--threads",
            threads,
            "--index-dir",
            Paths.get("target", "bench", "indexes").toString(),
            "-o",
            outputDir.resolve("result.json").toString(),
            "--report",
            outputDir.resolve("report").toString()));
    if (!reuseIndexes) {
      run.add("--rebuild");
    }
    if (quick) {
      run.addAll(List.of("--min-seconds", "1", "--repeats", "1", "--warmup-seconds", "1"));
    }
    step("bench run", new BenchRunCommand(), run.toArray(String[]::new));
    out.printf(
        Locale.ROOT,
        "tier: %s, %s%n",
        outputDir.resolve("result.json"),
        outputDir.resolve("report").resolve("index.html"));
    out.flush();
    return 0;
  }

  /** Announces and runs one step of the tier; a failing step stops it. */
  private void step(String title, Object command, String... args) {
    Subcommand.announceAndExecute(spec, "tier", title, command, args);
  }
}
