package io.annscale.bench.cli;

import io.annscale.bench.dataset.AnnBenchmarksFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Data files as the commands take them: a vector file, or an ann-benchmarks HDF5 file, whole
 * ({@code glove-100-angular.hdf5}, its member chosen by the option) or one member ({@code
 * glove-100-angular.hdf5:test}). HDF5 members are extracted once into {@code hdf5/} under the data
 * folder.
 */
final class DataPaths {
  private DataPaths() {}

  /** Where HDF5 members are extracted. */
  static Path hdf5Cache() {
    return DataDirectory.root().resolve("hdf5");
  }

  /**
   * The vector file behind {@code path}: {@code path} itself, or the HDF5 member it names after a
   * colon, else {@code member}, as a vector file.
   */
  static Path vectors(Path path, String member) throws IOException {
    if (path == null) {
      return null;
    }
    Path file = hdf5File(path);
    if (file == null) {
      return path;
    }
    String name = path.getFileName().toString();
    int colon = name.lastIndexOf(':');
    String chosen =
        colon > name.toLowerCase(Locale.ROOT).lastIndexOf(".h")
            ? name.substring(colon + 1)
            : member;
    return AnnBenchmarksFile.member(file, chosen, hdf5Cache());
  }

  /**
   * The HDF5 file {@code path} names (without a {@code :member} suffix), or null if it is not one.
   */
  static Path hdf5File(Path path) {
    if (path == null) {
      return null;
    }
    String name = path.getFileName().toString();
    int colon = name.lastIndexOf(':');
    Path file = colon > 0 ? path.resolveSibling(name.substring(0, colon)) : path;
    return AnnBenchmarksFile.isHdf5(file) ? file : null;
  }
}
