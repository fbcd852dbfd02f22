package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileFormat;
import io.annscale.bench.data.synthetic.Distribution;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator;
import io.annscale.bench.data.synthetic.SyntheticDataGenerator.Stream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: a synthetic base set and query set, deterministic from the seed. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Generate a synthetic base set and a query set from the same distribution (deterministic from --seed).")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--count"},
      description = "Base vectors, e.g. 1M (default: ${DEFAULT-VALUE}).",
      defaultValue = "100K",
      converter = CountConverter.class)
  long count;

  @Option(
      names = {"-q", "--queries"},
      description = "Query vectors (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000",
      converter = CountConverter.class)
  long queries;

  @Option(
      names = {"-d", "--dim"},
      description = "Dimension (default: ${DEFAULT-VALUE}).",
      defaultValue = "128")
  int dimension;

  @Option(
      names = "--distribution",
      description = "uniform, gaussian or clustered (default: ${DEFAULT-VALUE}).",
      defaultValue = "clustered")
  String distribution;

  @Option(
      names = "--clusters",
      description = "Clusters of the clustered distribution (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int clusters;

  @Option(
      names = "--spread",
      description =
          "Cluster standard deviation; centres are standard normal (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.5")
  double spread;

  @Option(
      names = "--seed",
      description = "Random seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--format",
      description = "File format: fvecs or fbin (default: ${DEFAULT-VALUE}).",
      defaultValue = "fvecs")
  String format;

  @Option(
      names = {"-o", "--out-dir"},
      description =
          "Output folder (default: a folder named by the parameters under $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path outDir;

  @Option(names = "--threads", description = "Generator threads (default: all cores).")
  Integer threads;

  /** The files a run wrote, for callers that chain commands. */
  public record Output(Path base, Path queries) {}

  @Override
  public Integer call() throws Exception {
    run();
    return 0;
  }

  /** Generates and returns the two files. */
  public Output run() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    VectorFileFormat fileFormat = VectorFileFormat.fromExtension(format, "--format");
    if (fileFormat.elementType != VectorFileFormat.FVECS.elementType) {
      throw new IllegalArgumentException(
          "--format " + format + ": synthetic vectors are float32; use fvecs or fbin");
    }
    if (count < 1 || queries < 1 || count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--count %d / --queries %d: each must be in [1, %d]",
              count,
              queries,
              Integer.MAX_VALUE));
    }
    Distribution dist = Distribution.parse(distribution, clusters, spread, seed, dimension);
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Path dir = outDir != null ? outDir : DataDirectory.root().resolve(defaultName(dist));
    Files.createDirectories(dir);
    Path base = dir.resolve("base." + fileFormat.extension);
    Path query = dir.resolve("query." + fileFormat.extension);
    out.printf(
        Locale.ROOT,
        "generate: count=%d queries=%d dim=%d distribution=%s seed=%d threads=%d%n  -> %s%n  -> %s%n",
        count,
        queries,
        dimension,
        dist.describe(),
        seed,
        workers,
        base,
        query);
    out.flush();
    SyntheticDataGenerator generator = new SyntheticDataGenerator(dist, dimension, seed, workers);
    long start = System.nanoTime();
    try (ProgressBar bar = Progress.start("base", count, "vec")) {
      generator.write(base, count, Stream.BASE, bar::stepTo);
    }
    generator.write(query, queries, Stream.QUERY, done -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "generate: wrote %d + %d vectors in %.1f s%n", count, queries, seconds);
    return new Output(base, query);
  }

  private String defaultName(Distribution dist) {
    return String.format(
            Locale.ROOT,
            "%s_%dx%d_seed%d",
            dist.describe().replaceAll("[^A-Za-z0-9.=,]+", "-"),
            count,
            dimension,
            seed)
        .replace("--", "-");
  }
}
