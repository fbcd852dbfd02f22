package io.annscale.bench.cli;

import io.annscale.bench.dataset.AnnBenchmarksFile;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The data a benchmark runs on: an ann-benchmarks HDF5 file, or base vectors, queries and ground
 * truth as separate files (each may name an HDF5 member), and the metric they are compared by.
 */
final class BenchDataOptions {
  /** The files and metric the options resolve to, every HDF5 member extracted. */
  record Data(Path base, Path queries, Path truth, Path truthDistances, Metric metric) {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--dataset",
      description =
          "An ann-benchmarks .hdf5 file (train, test, neighbors, the metric in its 'distance' attribute), in place of --base, --queries, --truth and --metric.")
  Path dataset;

  @Option(
      names = "--extract-dir",
      description =
          "Where an .hdf5 data set's members are written as vector files (default: hdf5/ under $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path extractDir;

  @Option(
      names = "--base",
      description =
          "Base vectors (.fvecs .bvecs .fbin .u8bin .i8bin); with --queries and --truth unless --dataset.")
  Path base;

  @Option(names = "--queries", description = "Query vectors.")
  Path queries;

  @Mixin TruthFileOptions truth;

  @Option(
      names = "--metric",
      description = "euclidean, cosine or dot_product (default: euclidean, or the --dataset's).")
  String metric;

  @Option(
      names = "--base-limit",
      converter = CountConverter.class,
      description = "Index only the first N base vectors.")
  Long baseLimit;

  /**
   * The files and metric given, {@code --dataset}'s members extracted and announced on {@code log}.
   */
  Data resolve(PrintWriter log) throws IOException {
    if (dataset != null) {
      return fromDataset(log);
    }
    if (base == null || queries == null || truth.truth == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --dataset FILE.hdf5, or --base, --queries and --truth");
    }
    Path hdf5 = DataPaths.hdf5File(base);
    Metric resolved =
        metric != null
            ? Metric.parse(metric)
            : hdf5 != null ? AnnBenchmarksFile.metric(hdf5) : Metric.EUCLIDEAN;
    return new Data(
        DataPaths.vectors(base, "train"),
        DataPaths.vectors(queries, "test"),
        truth.ids(),
        truth.distances(),
        resolved);
  }

  private Data fromDataset(PrintWriter log) throws IOException {
    if (base != null || queries != null || !truth.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--dataset "
              + dataset
              + " gives the base, queries and truth; leave out --base, --queries, --truth and --truth-distances");
    }
    if (!AnnBenchmarksFile.isHdf5(dataset)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--dataset " + dataset + ": expected an ann-benchmarks .hdf5 file");
    }
    AnnBenchmarksFile.Extracted data =
        AnnBenchmarksFile.extract(dataset, extractDir != null ? extractDir : DataPaths.hdf5Cache());
    if (metric != null && Metric.parse(metric) != data.metric()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--metric "
              + metric
              + " disagrees with --dataset "
              + dataset
              + ", whose distance attribute says "
              + data.metric());
    }
    log.printf(
        Locale.ROOT,
        "bench run: --dataset %s: %d base, %d queries, top %d, dimension %d, %s -> %s%n",
        dataset,
        data.baseCount(),
        data.queryCount(),
        data.k(),
        data.dimension(),
        data.metric(),
        data.base().getParent());
    return new Data(
        data.base(), data.queries(), data.truth(), data.truthDistances(), data.metric());
  }
}
