package io.annscale.bench.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The files of a Debian binary package ({@code .deb}): an {@code ar} archive whose {@code
 * data.tar.xz} (or {@code .gz}, or uncompressed) member holds the installed tree. Read as a stream,
 * front to back, without unpacking to disk.
 */
public final class DebArchive {
  /** Receives one regular file of the package. */
  public interface FileVisitor {
    void visit(String path, byte[] contents) throws IOException;
  }

  private DebArchive() {}

  /**
   * Calls {@code visitor} for every regular file in {@code deb}'s data tree whose path {@code
   * wanted} accepts, in archive order.
   *
   * @throws IOException if {@code deb} is not a Debian package or its data member uses a
   *     compression other than xz, gzip or none
   */
  public static void forEachFile(Path deb, Predicate<String> wanted, FileVisitor visitor)
      throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(deb), 1 << 16);
        ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
      for (ArArchiveEntry member; (member = ar.getNextEntry()) != null; ) {
        String name = member.getName();
        if (!name.startsWith("data.tar")) {
          continue;
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(deb, name, ar))) {
          for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            String path =
                entry.getName().startsWith("./") ? entry.getName().substring(1) : entry.getName();
            if (entry.isFile() && wanted.test(path)) {
              visitor.visit(path, tar.readAllBytes());
            }
          }
        }
        return;
      }
      throw new IOException(deb + ": no data.tar member; not a Debian binary package");
    }
  }

  private static InputStream decompress(Path deb, String member, InputStream in)
      throws IOException {
    // the ar stream must outlive the decompressor's close: Debian packages hold one data member,
    // read last
    InputStream shielded =
        new java.io.FilterInputStream(in) {
          @Override
          public void close() {}
        };
    return switch (member) {
      case "data.tar.xz" -> new XZCompressorInputStream(shielded);
      case "data.tar.gz" -> new GzipCompressorInputStream(shielded);
      case "data.tar" -> shielded;
      default ->
          throw new IOException(
              deb
                  + ": data member "
                  + member
                  + " uses a compression this reader does not know (xz, gz or none)");
    };
  }
}
