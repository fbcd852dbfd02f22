package io.annscale.bench.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A vector file that is truncated, inconsistent or not of the format its name says. */
public final class VectorFileException extends IOException {
  public VectorFileException(Path file, long record, String problem) {
    super(
        record < 0
            ? String.format(Locale.ROOT, "%s: %s", file, problem)
            : String.format(Locale.ROOT, "%s: record %d: %s", file, record, problem));
  }

  public VectorFileException(Path file, String problem) {
    this(file, -1, problem);
  }
}
