package io.annscale.goap.scale;

import io.annscale.bench.dataset.AnnBenchmarksFile;
import io.annscale.bench.truth.Metric;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The vectors a profile is measured on: synthetic clustered vectors (generated, any size), the real
 * docs-minilm text embeddings (made by {@code annscale dataset docs-minilm}: 384-d, cosine), or an
 * ann-benchmarks HDF5 file (its train, test and neighbours; size and dimension are the file's).
 *
 * @param hdf5 the file, for {@link Kind#HDF5} only
 */
public record DataChoice(Kind kind, Path hdf5) {
  public enum Kind {
    CLUSTERED,
    DOCS_MINILM,
    HDF5
  }

  public static final DataChoice CLUSTERED = new DataChoice(Kind.CLUSTERED, null);
  public static final DataChoice DOCS_MINILM = new DataChoice(Kind.DOCS_MINILM, null);

  public DataChoice {
    if ((kind == Kind.HDF5) != (hdf5 != null)) {
      throw new IllegalArgumentException(
          "an HDF5 data choice needs its file, and only it; kind=" + kind + ", file=" + hdf5);
    }
  }

  /** {@code clustered}, {@code docs-minilm}, or the path of an {@code .hdf5} file. */
  public static DataChoice parse(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("clustered")) {
      return CLUSTERED;
    }
    if (v.equalsIgnoreCase("docs-minilm")) {
      return DOCS_MINILM;
    }
    Path path = Paths.get(v);
    if (AnnBenchmarksFile.isHdf5(path)) {
      return new DataChoice(Kind.HDF5, path);
    }
    throw new IllegalArgumentException(
        "--data " + value + ": expected clustered, docs-minilm or an ann-benchmarks .hdf5 file");
  }

  public Metric metric() {
    return switch (kind) {
      case CLUSTERED -> Metric.EUCLIDEAN;
      case DOCS_MINILM -> Metric.COSINE;
      case HDF5 -> AnnBenchmarksFile.metric(hdf5);
    };
  }

  /** How {@link #parse} reads it back. */
  public String label() {
    return switch (kind) {
      case CLUSTERED -> "clustered";
      case DOCS_MINILM -> "docs-minilm";
      case HDF5 -> hdf5.toString();
    };
  }

  /** For reports: what the vectors are. */
  public String describe() {
    return switch (kind) {
      case CLUSTERED -> "clustered synthetic";
      case DOCS_MINILM -> "real text embeddings (docs-minilm, all-MiniLM-L6-v2)";
      case HDF5 -> String.format(Locale.ROOT, "ann-benchmarks %s", hdf5.getFileName());
    };
  }
}
