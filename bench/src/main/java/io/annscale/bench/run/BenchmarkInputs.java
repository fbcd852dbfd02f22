package io.annscale.bench.run;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.truth.ExactDistances;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Recall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The query vectors and ground truth a run is given, checked against the base, and recall against
 * that truth.
 */
public final class BenchmarkInputs {
  private BenchmarkInputs() {}

  /** Every query vector; their dimension must be the base's. */
  public static float[][] readQueries(RunParameters parameters) throws IOException {
    return readQueries(parameters.base(), parameters.queries());
  }

  /** Every query vector of {@code queryFile}; their dimension must be {@code base}'s. */
  public static float[][] readQueries(Path base, Path queryFile) throws IOException {
    int dimension = VectorFileInfo.read(base).dimension();
    VectorFileInfo info = VectorFileInfo.read(queryFile);
    if (info.dimension() != dimension) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--queries %s has dimension %d but --base %s has dimension %d",
              queryFile,
              info.dimension(),
              base,
              dimension));
    }
    float[][] queries = new float[Math.toIntExact(info.count())][dimension];
    try (VectorFileReader reader = VectorFileReader.open(info, info.count())) {
      for (float[] query : queries) {
        reader.read(query, 1);
      }
    }
    return queries;
  }

  /**
   * Results the recall pass asks for: 100 when the search keeps at least 100 candidates and the
   * truth holds 100 neighbours (recall@100 is then measured), else k.
   */
  public static int recallDepth(int fanout, GroundTruth truth, int k) {
    return fanout >= RECALL_DEPTH && truth.k() >= RECALL_DEPTH ? Math.max(k, RECALL_DEPTH) : k;
  }

  /** The deeper recall the benchmark reports besides recall@k and recall@1. */
  public static final int RECALL_DEPTH = 100;

  /** Recall@100 of results {@link #recallDepth} deep, or -1 when they are not that deep. */
  public static double recallAtDepth(
      RunParameters parameters, GroundTruth truth, int[][] ids, float[][] queries, int depth)
      throws IOException {
    return depth >= RECALL_DEPTH
        ? recall(parameters, truth, ids, queries, RECALL_DEPTH).mean()
        : -1;
  }

  /** The queries back to back, as the exact-distance code takes them. */
  public static float[] flatten(float[][] queries) {
    float[] flat = new float[queries.length * queries[0].length];
    for (int q = 0; q < queries.length; q++) {
      System.arraycopy(queries[q], 0, flat, q * queries[q].length, queries[q].length);
    }
    return flat;
  }

  /** The ground truth, which must cover every query with at least k neighbours. */
  public static GroundTruth readTruth(RunParameters parameters, int queryCount) throws IOException {
    GroundTruth truth = GroundTruth.read(parameters.truth(), parameters.truthDistances());
    if (truth.queryCount() < queryCount || truth.k() < parameters.k()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--truth %s has %d queries x %d neighbours; need %d x %d",
              parameters.truth(),
              truth.queryCount(),
              truth.k(),
              queryCount,
              parameters.k()));
    }
    return truth;
  }

  /**
   * Recall@{@code k} of the first {@code k} results of each query. Tie-aware when the ground truth
   * has distances: results are then measured exactly against the base file.
   */
  public static Recall recall(
      RunParameters parameters, GroundTruth truth, int[][] allIds, float[][] queries, int k)
      throws IOException {
    int[][] resultIds = new int[allIds.length][];
    for (int q = 0; q < allIds.length; q++) {
      resultIds[q] = Arrays.copyOf(allIds[q], Math.min(k, allIds[q].length));
    }
    GroundTruth prefix =
        truth.queryCount() == queries.length ? truth : truth.prefix(queries.length);
    float[][] distances = null;
    if (truth.hasDistances()) {
      float[] flat = flatten(queries);
      try (MappedVectorFile base = MappedVectorFile.open(parameters.base())) {
        distances = ExactDistances.of(base, flat, resultIds, parameters.metric());
      }
    }
    return Recall.of(prefix, resultIds, distances, k);
  }
}
