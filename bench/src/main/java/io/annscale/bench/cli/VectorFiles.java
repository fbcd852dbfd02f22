package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Small reads the commands share. */
final class VectorFiles {
  private VectorFiles() {}

  /**
   * Reads the first {@code limit} vectors of {@code file} onto the heap (for query sets, not base
   * sets).
   */
  static float[] readAll(Path file, long limit) throws IOException {
    VectorFileInfo info = VectorFileInfo.read(file);
    long n = Math.min(limit, info.count());
    if (n * info.dimension() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: %d vectors of dimension %d are too many to hold in memory",
              file,
              n,
              info.dimension()));
    }
    float[] all = new float[(int) (n * info.dimension())];
    try (VectorFileReader r = VectorFileReader.open(info, n)) {
      r.read(all, (int) n);
    }
    return all;
  }
}
