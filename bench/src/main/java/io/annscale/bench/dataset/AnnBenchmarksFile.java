package io.annscale.bench.dataset;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.data.VectorFileWriter;
import io.annscale.bench.truth.ExactDistances;
import io.annscale.bench.truth.GroundTruth;
import io.annscale.bench.truth.Metric;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An ann-benchmarks data set ({@code glove-100-angular.hdf5} and the like): datasets {@code train}
 * (base vectors), {@code test} (queries), {@code neighbors} (ids of each query's true top k,
 * nearest first) and {@code distances}, and the metric in the file's {@code distance} attribute
 * ({@code angular}, {@code euclidean}; {@code dot} and {@code ip} as some newer files write it).
 * Read with jhdf, a pure-Java HDF5 reader.
 *
 * <p>The members are written once as {@code .fvecs} / {@code .ivecs} into a cache folder named by
 * the file's name, size and modification time, so the benchmark memory-maps them like any other
 * vector file. The truth's distances are computed again from the vectors in annscale's convention
 * ({@link Metric}: squared L2, {@code 1 - cos}), as the tie-aware recall compares results with
 * them; ann-benchmarks stores plain L2 for euclidean.
 */
public final class AnnBenchmarksFile {
  /** The members a data set needs. */
  public static final List<String> MEMBERS = List.of("train", "test", "neighbors");

  /** Names of the extracted files in {@link #cacheFolder}. */
  public static final String BASE_FILE = "base.fvecs";

  public static final String QUERY_FILE = "query.fvecs";
  public static final String TRUTH_FILE = "neighbors.ivecs";
  public static final String TRUTH_DISTANCES_FILE = "neighbors.dist.fvecs";

  /** Rows read per slice: bounded heap whatever the file's size. */
  private static final int ROWS_PER_SLICE = 8192;

  /** The data set as vector files. */
  public record Extracted(
      Path base,
      Path queries,
      Path truth,
      Path truthDistances,
      Metric metric,
      long baseCount,
      int queryCount,
      int dimension,
      int k) {}

  private AnnBenchmarksFile() {}

  /** Whether {@code path} names an HDF5 file by its extension ({@code .hdf5}, {@code .h5}). */
  public static boolean isHdf5(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".hdf5") || name.endsWith(".h5");
  }

  /** The metric the file's {@code distance} attribute names. */
  public static Metric metric(Path hdf5) {
    try (HdfFile file = open(hdf5)) {
      return metric(hdf5, file);
    }
  }

  /**
   * The whole data set as vector files under {@code cacheRoot}, written the first time and reused
   * after.
   *
   * @throws IllegalArgumentException naming the file and member when a member is missing, has the
   *     wrong shape, or the metric is not one annscale measures
   */
  public static Extracted extract(Path hdf5, Path cacheRoot) throws IOException {
    if (!Files.isRegularFile(hdf5)) {
      throw new IllegalArgumentException(hdf5 + ": no such file");
    }
    Path dir = cacheFolder(hdf5, cacheRoot);
    Path base = dir.resolve(BASE_FILE);
    Path queries = dir.resolve(QUERY_FILE);
    Path truth = dir.resolve(TRUTH_FILE);
    Path truthDistances = dir.resolve(TRUTH_DISTANCES_FILE);
    try (HdfFile file = open(hdf5)) {
      Metric metric = metric(hdf5, file);
      Dataset train = matrix(hdf5, file, "train");
      Dataset test = matrix(hdf5, file, "test");
      Dataset neighbors = matrix(hdf5, file, "neighbors");
      int dimension = train.getDimensions()[1];
      if (test.getDimensions()[1] != dimension) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: test has dimension %d but train has %d",
                hdf5,
                test.getDimensions()[1],
                dimension));
      }
      if (neighbors.getDimensions()[0] != test.getDimensions()[0]) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: neighbors has %d rows but test has %d queries",
                hdf5,
                neighbors.getDimensions()[0],
                test.getDimensions()[0]));
      }
      Files.createDirectories(dir);
      writeVectors(hdf5, train, base);
      writeVectors(hdf5, test, queries);
      if (!Files.isRegularFile(truth) || !Files.isRegularFile(truthDistances)) {
        int[][] ids = readIds(hdf5, neighbors, train.getDimensions()[0]);
        float[] flatQueries = flat(hdf5, test);
        float[][] distances;
        try (MappedVectorFile mapped = MappedVectorFile.open(base)) {
          distances = ExactDistances.of(mapped, flatQueries, ids, metric);
        }
        new GroundTruth(ids, distances).write(truth, truthDistances);
      }
      return new Extracted(
          base,
          queries,
          truth,
          truthDistances,
          metric,
          train.getDimensions()[0],
          test.getDimensions()[0],
          dimension,
          neighbors.getDimensions()[1]);
    }
  }

  /**
   * One member ({@code train}, {@code test} or {@code neighbors}) as the vector file {@link
   * #extract} writes.
   */
  public static Path member(Path hdf5, String member, Path cacheRoot) throws IOException {
    Extracted extracted = extract(hdf5, cacheRoot);
    return switch (member) {
      case "train" -> extracted.base();
      case "test" -> extracted.queries();
      case "neighbors" -> extracted.truth();
      case "distances" -> extracted.truthDistances();
      default ->
          throw new IllegalArgumentException(
              hdf5
                  + ":"
                  + member
                  + ": unknown member; expected train, test, neighbors or distances");
    };
  }

  /**
   * Rows of the member {@code name} ({@code train}, {@code test}), read without extracting
   * anything.
   */
  public static int rows(Path hdf5, String name) {
    try (HdfFile file = open(hdf5)) {
      return matrix(hdf5, file, name).getDimensions()[0];
    }
  }

  /** Columns of {@code train}: the vectors' dimension. */
  public static int dimension(Path hdf5) {
    try (HdfFile file = open(hdf5)) {
      return matrix(hdf5, file, "train").getDimensions()[1];
    }
  }

  /** One line naming the metric and each member's shape, read without extracting anything. */
  public static String describe(Path hdf5) {
    try (HdfFile file = open(hdf5)) {
      StringBuilder b =
          new StringBuilder("ann-benchmarks HDF5, metric ").append(metric(hdf5, file));
      for (String name : List.of("train", "test", "neighbors", "distances")) {
        if (file.getChild(name) instanceof Dataset d) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "; %s %s %s",
                  name,
                  java.util.Arrays.stream(d.getDimensions())
                      .mapToObj(Integer::toString)
                      .collect(java.util.stream.Collectors.joining(" x ")),
                  d.getJavaType().getSimpleName()));
        }
      }
      return b.toString();
    }
  }

  private static HdfFile open(Path hdf5) {
    if (!Files.isRegularFile(hdf5)) {
      throw new IllegalArgumentException(hdf5 + ": no such file");
    }
    try {
      return new HdfFile(hdf5);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(hdf5 + ": not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  private static Metric metric(Path hdf5, HdfFile file) {
    Attribute attribute = file.getAttribute("distance");
    if (attribute == null) {
      throw new IllegalArgumentException(
          hdf5 + ": no 'distance' attribute naming the metric (ann-benchmarks files have one)");
    }
    Object value = attribute.getData();
    String name =
        value instanceof String s
            ? s
            : value instanceof String[] a && a.length == 1 ? a[0] : String.valueOf(value);
    try {
      return Metric.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          hdf5
              + ": distance '"
              + name
              + "' is not a metric annscale measures ("
              + "angular, euclidean, dot)",
          e);
    }
  }

  private static Dataset matrix(Path hdf5, HdfFile file, String name) {
    Node node = file.getChild(name);
    if (!(node instanceof Dataset dataset)) {
      throw new IllegalArgumentException(
          hdf5 + ": no dataset '" + name + "'; an ann-benchmarks file has " + MEMBERS);
    }
    int[] shape = dataset.getDimensions();
    if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
      throw new IllegalArgumentException(
          hdf5
              + ":"
              + name
              + ": expected a 2-d array of rows, found shape "
              + java.util.Arrays.toString(shape));
    }
    return dataset;
  }

  private static void writeVectors(Path hdf5, Dataset dataset, Path target) throws IOException {
    if (Files.isRegularFile(target)) {
      return;
    }
    int rows = dataset.getDimensions()[0];
    int dimension = dataset.getDimensions()[1];
    try (VectorFileWriter writer = VectorFileWriter.create(target, dimension)) {
      for (int from = 0; from < rows; from += ROWS_PER_SLICE) {
        int n = Math.min(ROWS_PER_SLICE, rows - from);
        Object slice = dataset.getData(new long[] {from, 0}, new int[] {n, dimension});
        for (int r = 0; r < n; r++) {
          writer.write(floats(hdf5, dataset, Array.get(slice, r)));
        }
      }
      writer.commit();
    }
  }

  private static float[] flat(Path hdf5, Dataset dataset) {
    int rows = dataset.getDimensions()[0];
    int dimension = dataset.getDimensions()[1];
    float[] all = new float[Math.multiplyExact(rows, dimension)];
    Object data = dataset.getData();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(floats(hdf5, dataset, Array.get(data, r)), 0, all, r * dimension, dimension);
    }
    return all;
  }

  private static float[] floats(Path hdf5, Dataset dataset, Object row) {
    if (row instanceof float[] f) {
      return f;
    }
    int n = Array.getLength(row);
    float[] out = new float[n];
    if (row instanceof double[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) d[i];
      }
    } else if (row instanceof byte[]
        || row instanceof short[]
        || row instanceof int[]
        || row instanceof long[]) {
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) Array.get(row, i)).floatValue();
      }
    } else {
      throw new IllegalArgumentException(
          hdf5
              + ":"
              + dataset.getName()
              + ": element type "
              + dataset.getJavaType().getSimpleName()
              + " is not a number");
    }
    return out;
  }

  private static int[][] readIds(Path hdf5, Dataset neighbors, int baseCount) {
    Object data = neighbors.getData();
    int rows = neighbors.getDimensions()[0];
    int[][] ids = new int[rows][];
    for (int r = 0; r < rows; r++) {
      Object row = Array.get(data, r);
      int n = Array.getLength(row);
      ids[r] = new int[n];
      for (int i = 0; i < n; i++) {
        long id = ((Number) Array.get(row, i)).longValue();
        if (id < 0 || id >= baseCount) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s:neighbors: row %d, column %d: id %d is outside train's %d rows",
                  hdf5,
                  r,
                  i,
                  id,
                  baseCount));
        }
        ids[r][i] = (int) id;
      }
    }
    return ids;
  }

  /**
   * {@code <cacheRoot>/<stem>-<8 hex of name, size and modification time>}: a changed file is
   * extracted anew.
   */
  public static Path cacheFolder(Path hdf5, Path cacheRoot) throws IOException {
    String name = hdf5.getFileName().toString();
    String stem = name.substring(0, name.lastIndexOf('.'));
    String identity =
        name + "|" + Files.size(hdf5) + "|" + Files.getLastModifiedTime(hdf5).toMillis();
    byte[] digest;
    try {
      digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(identity.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return cacheRoot.resolve(stem + "-" + HexFormat.of().formatHex(digest, 0, 4));
  }
}
