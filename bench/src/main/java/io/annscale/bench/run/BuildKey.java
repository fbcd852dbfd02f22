package io.annscale.bench.run;

import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Everything that changes a built index: a cached index is reused only when all of it matches.
 *
 * @param base the base vector file, absolute
 * @param baseBytes its size and {@code baseModified} its modification time, so a regenerated file
 *     is noticed
 * @param count vectors indexed (a prefix of the file)
 */
public record BuildKey(
    Path base,
    long baseBytes,
    long baseModified,
    long count,
    Metric metric,
    VectorFormatChoice format,
    int maxConn,
    int beamWidth,
    int oversample,
    FormatOptions options) {

  public BuildKey {
    // keys written before the options existed read as the defaults, so their indexes are still
    // found
    options = options == null ? FormatOptions.DEFAULT : options;
  }

  public static BuildKey of(
      Path base,
      long count,
      Metric metric,
      VectorFormatChoice format,
      int maxConn,
      int beamWidth,
      int oversample)
      throws IOException {
    return of(base, count, metric, format, maxConn, beamWidth, oversample, FormatOptions.DEFAULT);
  }

  public static BuildKey of(
      Path base,
      long count,
      Metric metric,
      VectorFormatChoice format,
      int maxConn,
      int beamWidth,
      int oversample,
      FormatOptions options)
      throws IOException {
    Path absolute = base.toAbsolutePath().normalize();
    return new BuildKey(
        absolute,
        Files.size(absolute),
        Files.getLastModifiedTime(absolute).toMillis(),
        count,
        metric,
        format,
        maxConn,
        beamWidth,
        format.isProductQuantized() ? oversample : 0,
        options.forBuild(format));
  }

  /**
   * {@code <root>/<format>-M<m>-B<beam>[-os<o>]-<hash of the rest>}: readable, and unique per key.
   */
  public Path directory(Path root) {
    String data = base + "|" + baseBytes + "|" + baseModified + "|" + count + "|" + metric;
    String hash = HexFormat.of().toHexDigits(data.hashCode());
    String name =
        String.format(
            Locale.ROOT,
            "%s-M%d-B%d%s%s-%s",
            format.cliName(),
            maxConn,
            beamWidth,
            oversample == 0 ? "" : "-os" + oversample,
            options.buildLabel(format).isEmpty() ? "" : "-" + options.buildLabel(format),
            hash);
    return root.resolve(name);
  }
}
