package io.annscale.diskann;

import java.util.Locale;

/**
 * How DiskANN readers read the node blocks the hot-node cache does not hold, chosen per JVM with
 * the system property {@value #PROPERTY}: {@code mmap} (default) through the {@code Directory}, so
 * the page cache serves repeated reads, or {@code direct}, with {@code O_DIRECT} past the page
 * cache, so every read reaches the device as it would for a data set far larger than RAM; a segment
 * that cannot be read so (tmpfs, a compound file, not a file-system directory) then fails to open,
 * naming the cause, rather than quietly reading through the page cache. A system property, like
 * Lucene's own {@code MMapDirectory} switches, because readers are created by SPI name without
 * parameters. Read when a segment is opened.
 */
public final class DiskAnnIo {
  public static final String PROPERTY = "annscale.diskann.io";

  private DiskAnnIo() {}

  /**
   * Whether the property asks for direct I/O; any value other than {@code mmap} and {@code direct}
   * is rejected.
   */
  public static boolean directRequested() {
    String value = System.getProperty(PROPERTY, "mmap").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "mmap" -> false;
      case "direct" -> true;
      default ->
          throw new IllegalArgumentException(
              "system property "
                  + PROPERTY
                  + " must be 'mmap' or 'direct'; "
                  + PROPERTY
                  + "="
                  + value);
    };
  }
}
