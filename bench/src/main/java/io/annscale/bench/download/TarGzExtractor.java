package io.annscale.bench.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks a {@code .tar.gz}; entries that would land outside the target folder are refused. */
final class TarGzExtractor {
  private TarGzExtractor() {}

  /**
   * @return the regular files written, relative to {@code into}
   */
  static List<Path> extract(Path archive, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    List<Path> written = new ArrayList<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path target = root.resolve(entry.getName()).normalize();
        if (target.startsWith(root) == false) {
          throw new IOException(
              archive + ": entry \"" + entry.getName() + "\" would be written outside " + root);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          written.add(root.relativize(target));
        }
        // links and devices are not part of any data set: skipped
      }
    }
    return written;
  }
}
