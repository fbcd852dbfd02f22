package io.annscale.bench.testutil;

import io.annscale.bench.data.VectorFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The siftsmall data set (10K x 128 uint8 base, 100 float queries, exact top-100) from the
 * project's shared folder when it is there, else a generated stand-in of the same shape whose
 * ground truth is computed here by the plainest possible method (double precision, full sort). A
 * user's clone has no shared folder: tests must run on the stand-in, never skip.
 *
 * <p>The stand-in's components are small integers (0..15), so many distances tie; its reference
 * truth breaks ties by <em>descending</em> id, the opposite of our searcher, so tie handling is
 * exercised rather than hidden.
 */
public record SiftSmall(Path base, Path queries, Path groundTruth, boolean shipped) {
  public static final int K = 100;

  /**
   * System property naming the siftsmall folder, overriding the search for {@code
   * shared/datasets/siftsmall}.
   */
  public static final String DIR_PROPERTY = "annscale.siftsmall.dir";

  public static SiftSmall locate(Path scratch) throws IOException {
    Path dir = sharedDir();
    if (dir != null) {
      return new SiftSmall(
          dir.resolve("siftsmall_base.bvecs"),
          dir.resolve("siftsmall_query.fvecs"),
          dir.resolve("siftsmall_groundtruth.ivecs"),
          true);
    }
    return generate(scratch, 10_000, 100, 128, 42);
  }

  /**
   * The shared siftsmall folder: from the system property, or found walking up from the working
   * directory.
   */
  public static Path sharedDir() {
    String property = System.getProperty(DIR_PROPERTY);
    if (property != null) {
      return Paths.get(property);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/datasets/siftsmall");
      if (Files.isRegularFile(candidate.resolve("siftsmall_base.bvecs"))) {
        return candidate;
      }
    }
    return null;
  }

  /** Writes a stand-in data set of integer vectors and its reference ground truth. */
  public static SiftSmall generate(Path dir, int count, int queryCount, int dim, long seed)
      throws IOException {
    Random random = new Random(seed);
    float[] base = new float[count * dim];
    for (int i = 0; i < base.length; i++) {
      base[i] = random.nextInt(16);
    }
    float[] queries = new float[queryCount * dim];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = random.nextInt(16);
    }
    Path basePath = dir.resolve("standin_base.bvecs");
    Path queryPath = dir.resolve("standin_query.fvecs");
    Path truthPath = dir.resolve("standin_groundtruth.ivecs");
    write(basePath, base, dim);
    write(queryPath, queries, dim);
    try (VectorFileWriter w = VectorFileWriter.create(truthPath, K)) {
      for (int q = 0; q < queryCount; q++) {
        int qo = q * dim;
        double[] d = new double[count];
        for (int b = 0; b < count; b++) {
          double s = 0;
          for (int i = 0; i < dim; i++) {
            double diff = (double) queries[qo + i] - base[b * dim + i];
            s += diff * diff;
          }
          d[b] = s;
        }
        int[] top =
            IntStream.range(0, count)
                .boxed()
                .sorted(
                    Comparator.<Integer>comparingDouble(b -> d[b])
                        .thenComparing(Comparator.reverseOrder()))
                .limit(K)
                .mapToInt(Integer::intValue)
                .toArray();
        w.writeInts(top);
      }
      w.commit();
    }
    return new SiftSmall(basePath, queryPath, truthPath, false);
  }

  private static void write(Path path, float[] data, int dim) throws IOException {
    try (VectorFileWriter w = VectorFileWriter.create(path, dim)) {
      w.write(data, 0, data.length / dim);
      w.commit();
    }
  }

  @Override
  public String toString() {
    return (shipped ? "siftsmall " : "generated stand-in ")
        + Arrays.asList(base, queries, groundTruth);
  }
}
