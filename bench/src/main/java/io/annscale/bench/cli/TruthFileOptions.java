package io.annscale.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The ground-truth options of the commands that score results: exact neighbour ids and, for ties at
 * the k-th distance, their distances; either may name an ann-benchmarks HDF5 file, whose {@code
 * neighbors} and {@code distances} members are then read.
 */
final class TruthFileOptions {
  @Option(
      names = "--truth",
      description =
          "Exact neighbour ids (.ivecs or .ibin, e.g. from `groundtruth`, or an ann-benchmarks .hdf5: its neighbors).")
  Path truth;

  @Option(
      names = "--truth-distances",
      description =
          "Their distances (.fvecs; default: an .hdf5 --truth's distances): ties at the k-th distance count as hits.")
  Path truthDistances;

  /** True if neither option was given. */
  boolean isEmpty() {
    return truth == null && truthDistances == null;
  }

  /** The ids file, an HDF5 member extracted to a vector file; null if not given. */
  Path ids() throws IOException {
    return DataPaths.vectors(truth, "neighbors");
  }

  /** The distances file: the one given, else an HDF5 truth's member, else null. */
  Path distances() throws IOException {
    if (truthDistances == null && DataPaths.hdf5File(truth) != null) {
      return DataPaths.vectors(truth, "distances");
    }
    return truthDistances;
  }
}
