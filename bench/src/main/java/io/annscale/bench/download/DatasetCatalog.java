package io.annscale.bench.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The standard sets of the scalability plan, with the addresses their publishers give. Sources: the
 * TEXMEX corpus page (corpus-texmex.irisa.fr; also what ann-benchmarks' {@code datasets.py}
 * downloads) and big-ann-benchmarks' {@code benchmark/datasets.py} ({@code Deep1BDataset}, {@code
 * MSSPACEV1B}), whose subsets are prefixes of the billion-vector files with ground truth published
 * per subset size.
 */
public final class DatasetCatalog {
  static final String TEXMEX = "ftp://ftp.irisa.fr/local/texmex/corpus/";
  static final String DEEP = "https://storage.yandexcloud.net/yandex-research/ann-datasets/DEEP/";
  static final String BIGANN_SUBSET_TRUTH =
      "https://dl.fbaipublicfiles.com/billion-scale-ann-benchmarks/";
  static final String SPACEV = "https://comp21storage.z5.web.core.windows.net/comp21/spacev1b/";

  private static final long MILLION = 1_000_000L;

  private DatasetCatalog() {}

  public static List<DatasetSpec> all() {
    List<DatasetSpec> all = new ArrayList<>();
    all.add(
        new DatasetSpec(
            "sift1m",
            "TEXMEX SIFT1M: 1M base, 10K queries, top-100 ground truth, 100K learn (.fvecs/.ivecs); FTP, no resume",
            MILLION,
            128,
            "float32",
            "euclidean",
            170_000_000L,
            List.of(RemoteFile.tarGz(TEXMEX + "sift.tar.gz", "sift.tar.gz"))));
    all.add(
        new DatasetSpec(
            "gist1m",
            "TEXMEX GIST1M: 1M base, 1K queries, top-100 ground truth, 500K learn (.fvecs/.ivecs); FTP, no resume",
            MILLION,
            960,
            "float32",
            "euclidean",
            2_700_000_000L,
            List.of(RemoteFile.tarGz(TEXMEX + "gist.tar.gz", "gist.tar.gz"))));
    for (int millions : new int[] {1, 10, 100}) {
      all.add(deep(millions));
    }
    for (int millions : new int[] {1, 10, 100}) {
      all.add(spacev(millions));
    }
    return List.copyOf(all);
  }

  /**
   * Deep1B's first {@code millions} x 1M vectors (96-d float32); big-ann publishes ground truth for
   * 10M and 100M.
   */
  private static DatasetSpec deep(int millions) {
    long vectors = millions * MILLION;
    List<RemoteFile> files = new ArrayList<>();
    files.add(RemoteFile.prefix(DEEP + "base.1B.fbin", "base.fbin", vectors, 96, Float.BYTES));
    files.add(RemoteFile.plain(DEEP + "query.public.10K.fbin", "query.fbin"));
    String truth =
        millions == 1
            ? null
            : String.format(
                Locale.ROOT, "%sGT_%dM/deep-%dM", BIGANN_SUBSET_TRUTH, millions, millions);
    if (truth != null) {
      files.add(RemoteFile.groundTruth(truth, "groundtruth"));
    }
    return new DatasetSpec(
        "deep" + millions + "m",
        String.format(
            Locale.ROOT,
            "Deep1B prefix: %dM base (Range request), 10K queries%s (.fbin)",
            millions,
            truth == null
                ? "; no published ground truth: run `annscale groundtruth`"
                : ", top-100 ground truth"),
        vectors,
        96,
        "float32",
        "euclidean",
        8 + vectors * 96 * Float.BYTES + 3_840_008L,
        List.copyOf(files));
  }

  /**
   * SPACEV1B's first {@code millions} x 1M vectors (100-d int8), ground truth published per size.
   */
  private static DatasetSpec spacev(int millions) {
    long vectors = millions * MILLION;
    return new DatasetSpec(
        "spacev" + millions + "m",
        String.format(
            Locale.ROOT,
            "MS SPACEV1B prefix: %dM base (Range request), 29,316 queries, top-100 ground truth (.i8bin)",
            millions),
        vectors,
        100,
        "int8",
        "euclidean",
        8 + vectors * 100,
        List.of(
            RemoteFile.prefix(SPACEV + "spacev1b_base.i8bin", "base.i8bin", vectors, 100, 1),
            RemoteFile.plain(SPACEV + "query.i8bin", "query.i8bin"),
            RemoteFile.groundTruth(SPACEV + "msspacev-gt-" + millions + "M", "groundtruth")));
  }

  /** The set called {@code name} (case-insensitive). */
  public static Optional<DatasetSpec> find(String name) {
    return all().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Names, for error messages. */
  public static String names() {
    return String.join(", ", all().stream().map(DatasetSpec::name).toList());
  }
}
