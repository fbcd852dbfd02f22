package io.annscale.diskann;

import java.util.Locale;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;

/**
 * How a machine serves DiskANN segments: whether node blocks are read through the page cache
 * (memory-mapped, the default) or with {@code O_DIRECT} past it, and the hot-node cache budget in
 * place of the one each segment was built with. These belong to the machine that serves an index,
 * not to the one that built it (Microsoft DiskANN, too, sizes its cache when the index is loaded),
 * and Lucene opens a segment's vector reader by its format's SPI name with no parameters, so they
 * travel on the {@link Directory} the index is opened from: a {@link DiskAnnServingDirectory}, as
 * lucene-misc's {@code DirectIODirectory} carries its own I/O mode. A directory without one is read
 * with {@link #DEFAULT}.
 *
 * @param directIo read node blocks with {@code O_DIRECT}; a segment that cannot be read so (not on
 *     a file system, in a compound file, a file system without {@code O_DIRECT}) fails to open,
 *     naming the cause
 * @param cacheBytes the hot-node cache of every DiskANN field opened, in bytes, {@code >= 0}; or
 *     {@link #SEGMENT_CACHE} for the budget each segment was built with
 */
public record DiskAnnReadSettings(boolean directIo, long cacheBytes) {
  /** {@link #cacheBytes} of the settings that keep each segment's own cache budget. */
  public static final long SEGMENT_CACHE = -1;

  /** Memory-mapped reads, each segment's own cache budget. */
  public static final DiskAnnReadSettings DEFAULT = new DiskAnnReadSettings(false, SEGMENT_CACHE);

  /** The largest cache budget accepted, 1 TiB: a bound against typos. */
  private static final double MAX_CACHE_MIB = 1024 * 1024;

  public DiskAnnReadSettings {
    if (cacheBytes < SEGMENT_CACHE) {
      throw new IllegalArgumentException(
          "DiskANN cache budget " + cacheBytes + " bytes: must be >= 0, or -1 for each segment's");
    }
  }

  /**
   * The settings of the directory an index is read from: the first {@link DiskAnnServingDirectory}
   * among the directories it wraps, else {@link #DEFAULT}.
   */
  public static DiskAnnReadSettings of(Directory directory) {
    for (Directory d = directory; ; d = ((FilterDirectory) d).getDelegate()) {
      if (d instanceof DiskAnnServingDirectory serving) {
        return serving.settings();
      }
      if (!(d instanceof FilterDirectory)) {
        return DEFAULT;
      }
    }
  }

  /** The cache budget of a field built with {@code builtBytes}. */
  public long cacheBytes(long builtBytes) {
    return cacheBytes == SEGMENT_CACHE ? builtBytes : cacheBytes;
  }

  /** With direct I/O or not. */
  public DiskAnnReadSettings withDirectIo(boolean direct) {
    return new DiskAnnReadSettings(direct, cacheBytes);
  }

  /** With every field's cache budget {@code bytes}, or each segment's ({@link #SEGMENT_CACHE}). */
  public DiskAnnReadSettings withCacheBytes(long bytes) {
    return new DiskAnnReadSettings(directIo, bytes);
  }

  /** {@code mmap} or {@code direct}, as the settings are written in configurations. */
  public String io() {
    return directIo ? "direct" : "mmap";
  }

  /**
   * Whether an I/O mode asks for direct I/O.
   *
   * @param name the setting's name in the caller's terms (a Solr attribute, a CLI option), for the
   *     message
   * @throws IllegalArgumentException naming the setting and the value, for anything but {@code
   *     mmap} and {@code direct}
   */
  public static boolean parseIo(String name, String value) {
    String io = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (io) {
      case "mmap" -> false;
      case "direct" -> true;
      default ->
          throw new IllegalArgumentException(
              name + " must be 'mmap' or 'direct'; " + name + "=" + value);
    };
  }

  /**
   * A cache budget in MiB (e.g. {@code 64}, {@code 0.5}; {@code 0} turns the cache off) as bytes.
   *
   * @param name the setting's name in the caller's terms, for the message
   * @throws IllegalArgumentException naming the setting and the value, for anything but a finite
   *     number of MiB in 0..1048576
   */
  public static long parseMib(String name, String value) {
    double mib;
    try {
      mib = Double.parseDouble(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw invalidMib(name, value);
    }
    if (!(mib >= 0 && mib <= MAX_CACHE_MIB)) { // also NaN and infinity
      throw invalidMib(name, value);
    }
    return (long) (mib * 1024 * 1024);
  }

  private static IllegalArgumentException invalidMib(String name, String value) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s must be a number of MiB in 0..%.0f; %s=%s",
            name,
            MAX_CACHE_MIB,
            name,
            value));
  }
}
