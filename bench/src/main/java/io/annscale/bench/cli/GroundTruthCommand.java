package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.dataset.AnnBenchmarksFile;
import io.annscale.bench.truth.ExactNearestNeighbors;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.bench.truth.PlainLoopNearestNeighbors;
import io.annscale.bench.truth.Recall;
import io.annscale.codec.distance.DistanceKernels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groundtruth}: exact top-k of every query, streaming the base file. */
@Command(
    name = "groundtruth",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the exact top-k neighbours of every query by brute force, streaming the base file (any size).",
      "Writes ids as .ivecs and distances as .fvecs (squared L2; 1 - cosine; -dot)."
    })
public final class GroundTruthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--base",
      required = true,
      description =
          "Base vectors (.fvecs .bvecs .fbin .u8bin .i8bin, or an ann-benchmarks .hdf5: its train).")
  Path base;

  @Option(
      names = "--queries",
      required = true,
      description = "Query vectors (or an .hdf5: its test).")
  Path queries;

  @Option(
      names = {"-k", "--k"},
      description = "Neighbours per query (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int k;

  @Option(
      names = "--metric",
      description =
          "euclidean, cosine or dot_product (default: euclidean, or an .hdf5 base's own).")
  String metric;

  @Option(
      names = "--base-limit",
      description = "Use only the first N base vectors, e.g. 1M.",
      converter = CountConverter.class)
  Long baseLimit;

  @Option(
      names = "--query-limit",
      description = "Use only the first N queries.",
      converter = CountConverter.class)
  Long queryLimit;

  @Option(
      names = {"-o", "--out"},
      description = "Ids file (default: groundtruth-k<k>.ivecs beside the queries).")
  Path idsOut;

  @Option(
      names = "--distances-out",
      description = "Distances file (default: the ids file's name with .dist.fvecs).")
  Path distancesOut;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(
      names = "--block-size",
      description = "Base vectors per streamed block (default: ${DEFAULT-VALUE}).",
      defaultValue = "2048")
  int blockSize;

  @Option(
      names = "--kernels",
      description = "auto, scalar or panama (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  String kernels;

  @Option(
      names = "--baseline",
      description =
          "Also run the plain single-thread loop over Lucene's VectorUtil on the same data, check it agrees, and report the speed-up.")
  boolean baseline;

  /** The machine-readable summary line's fields. */
  public record Summary(
      String base,
      long baseVectors,
      String queries,
      int queryCount,
      int dimension,
      int k,
      String metric,
      String kernels,
      int threads,
      int blockSize,
      double seconds,
      double distancesPerSecond,
      Double baselineSeconds,
      Double speedup,
      Double baselineAgreement,
      String idsFile,
      String distancesFile) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path hdf5 = DataPaths.hdf5File(base);
    Metric m =
        metric != null
            ? Metric.parse(metric)
            : hdf5 != null ? AnnBenchmarksFile.metric(hdf5) : Metric.EUCLIDEAN;
    base = DataPaths.vectors(base, "train");
    queries = DataPaths.vectors(queries, "test");
    DistanceKernels kernelImpl = selectKernels(kernels);
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    VectorFileInfo baseInfo = VectorFileInfo.read(base);
    VectorFileInfo queryInfo = VectorFileInfo.read(queries);
    if (baseInfo.dimension() != queryInfo.dimension()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--queries %s has dimension %d but --base %s has dimension %d",
              queries,
              queryInfo.dimension(),
              base,
              baseInfo.dimension()));
    }
    long baseCount = Math.min(baseLimit == null ? Long.MAX_VALUE : baseLimit, baseInfo.count());
    float[] q = VectorFiles.readAll(queries, queryLimit == null ? Long.MAX_VALUE : queryLimit);
    int queryCount = q.length / queryInfo.dimension();
    Path idsFile =
        idsOut != null
            ? idsOut
            : queries.toAbsolutePath().resolveSibling("groundtruth-k" + k + ".ivecs");
    Path distFile =
        distancesOut != null
            ? distancesOut
            : idsFile.resolveSibling(
                idsFile.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".dist.fvecs");
    out.printf(
        Locale.ROOT,
        "groundtruth: base=%s (%d x %d) queries=%s (%d) k=%d metric=%s kernels=%s threads=%d block=%d%n",
        base,
        baseCount,
        baseInfo.dimension(),
        queries,
        queryCount,
        k,
        m,
        kernelImpl.name(),
        workers,
        blockSize);
    out.flush();

    long start = System.nanoTime();
    GroundTruth gt;
    try (VectorFileReader reader = VectorFileReader.open(baseInfo, baseCount);
        ProgressBar bar = Progress.start("ground truth", baseCount, "vec")) {
      gt =
          new ExactNearestNeighbors(m, k, workers, blockSize, kernelImpl)
              .search(q, reader, bar::stepTo);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    gt.write(idsFile, distFile);
    double rate = (double) baseCount * queryCount / seconds;
    out.printf(
        Locale.ROOT,
        "groundtruth: %.2f s, %.3g distances/s -> %s, %s%n",
        seconds,
        rate,
        idsFile,
        distFile);

    Double baselineSeconds = null, speedup = null, agreement = null;
    if (baseline) {
      out.println("groundtruth: baseline (base on heap, 1 thread, Lucene VectorUtil) ...");
      out.flush();
      long t0 = System.nanoTime();
      GroundTruth plain;
      try (VectorFileReader reader = VectorFileReader.open(baseInfo, baseCount)) {
        plain = PlainLoopNearestNeighbors.search(q, reader, m, k);
      }
      baselineSeconds = (System.nanoTime() - t0) / 1e9;
      speedup = baselineSeconds / seconds;
      agreement = Recall.of(gt, plain.ids(), plain.distances(), gt.k()).mean();
      out.printf(
          Locale.ROOT,
          "groundtruth: baseline %.2f s; speed-up %.2fx; baseline recall@%d vs ours %.4f%n",
          baselineSeconds,
          speedup,
          gt.k(),
          agreement);
    }
    out.println(
        "SUMMARY "
            + Json.line(
                new Summary(
                    base.toString(),
                    baseCount,
                    queries.toString(),
                    queryCount,
                    baseInfo.dimension(),
                    k,
                    m.toString(),
                    kernelImpl.name(),
                    workers,
                    blockSize,
                    seconds,
                    rate,
                    baselineSeconds,
                    speedup,
                    agreement,
                    idsFile.toString(),
                    distFile.toString())));
    return agreement == null || agreement == 1.0 ? 0 : 3;
  }

  static DistanceKernels selectKernels(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "auto":
        return DistanceKernels.best();
      case "scalar":
        return DistanceKernels.scalar();
      case "panama":
        return DistanceKernels.panama();
      default:
        throw new IllegalArgumentException(
            "--kernels " + name + ": expected auto, scalar or panama");
    }
  }
}
