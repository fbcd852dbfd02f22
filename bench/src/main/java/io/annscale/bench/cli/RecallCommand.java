package io.annscale.bench.cli;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.truth.ExactDistances;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.annscale.bench.truth.Recall;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recall}: recall@k of a result file against ground truth, ties at the k-th distance
 * accepted.
 */
@Command(
    name = "recall",
    mixinStandardHelpOptions = true,
    description = {
      "Recall@k of result ids (.ivecs, one row per query, nearest first) against ground truth.",
      "Ties at the k-th distance count as hits when distances are known: give --truth-distances and either",
      "--result-distances, or --base and --queries so the results' distances are computed exactly."
    })
public final class RecallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", required = true, description = "Result ids (.ivecs or .ibin).")
  Path results;

  @Mixin TruthFileOptions truth;

  @Option(
      names = "--result-distances",
      description = "Result distances (.fvecs), in the truth's metric.")
  Path resultDistances;

  @Option(
      names = "--base",
      description = "Base vectors, to compute distances that files do not give.")
  Path base;

  @Option(names = "--queries", description = "Query vectors, with --base.")
  Path queries;

  @Option(
      names = "--metric",
      description = "Metric of computed distances (default: ${DEFAULT-VALUE}).",
      defaultValue = "euclidean")
  String metric;

  @Option(
      names = {"-k", "--k"},
      description = "Recall depth (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int k;

  public record Summary(int k, int queries, double recall, double minRecall, boolean tieAware) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if ((base == null) != (queries == null)) {
      throw new IllegalArgumentException("--base and --queries go together");
    }
    if (truth.truth == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --truth");
    }
    base = DataPaths.vectors(base, "train");
    queries = DataPaths.vectors(queries, "test");
    GroundTruth gt = GroundTruth.read(truth.ids(), truth.distances());
    GroundTruth result = GroundTruth.read(results, resultDistances);
    float[][] gtDistances = gt.distances();
    float[][] resultDist = result.distances();
    if (base != null) {
      Metric m = Metric.parse(metric);
      float[] q = VectorFiles.readAll(queries, Long.MAX_VALUE);
      try (MappedVectorFile baseFile = MappedVectorFile.open(base)) {
        if (gtDistances == null) {
          gtDistances = ExactDistances.of(baseFile, q, gt.ids(), m);
        }
        if (resultDist == null) {
          resultDist = ExactDistances.of(baseFile, q, result.ids(), m);
        }
      }
    }
    Recall recall = Recall.of(new GroundTruth(gt.ids(), gtDistances), result.ids(), resultDist, k);
    boolean tieAware = gtDistances != null && resultDist != null;
    out.printf(
        Locale.ROOT,
        "recall@%d = %.4f (min %.4f over %d queries, ties %s)%n",
        k,
        recall.mean(),
        recall.min(),
        gt.queryCount(),
        tieAware ? "accepted" : "not resolvable: ids only");
    out.println(
        "SUMMARY "
            + Json.line(new Summary(k, gt.queryCount(), recall.mean(), recall.min(), tieAware)));
    return 0;
  }
}
