package io.annscale.diskann;

import java.util.Locale;

/**
 * The hot-node cache's size at search time. A segment's metadata holds the budget it was built
 * with; the system property {@value #PROPERTY} (MiB, e.g. {@code 64} or {@code 0.5}; {@code 0}
 * turns the cache off) overrides it for every DiskANN segment a JVM opens, because what a node can
 * keep in memory is a property of the machine that serves the index, not of the one that built it
 * (Microsoft DiskANN, too, sizes its cache when the index is loaded). A system property, like
 * {@link DiskAnnIo}, because readers are created by SPI name without parameters. Read when a
 * segment is opened.
 */
public final class HotNodeCacheBudget {
  public static final String PROPERTY = "annscale.diskann.cacheMb";

  private HotNodeCacheBudget() {}

  /**
   * The budget in bytes: the property's when it is set, else {@code builtBytes}.
   *
   * @throws IllegalArgumentException if the property is not a finite number of MiB >= 0
   */
  public static long bytes(long builtBytes) {
    String value = System.getProperty(PROPERTY);
    return value == null ? builtBytes : parseMib(value);
  }

  /**
   * MiB as bytes; a message naming the property and the value for anything but a finite number >=
   * 0.
   */
  public static long parseMib(String value) {
    double mib;
    try {
      mib = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(value);
    }
    if (!(mib >= 0) || mib * 1024 * 1024 > Long.MAX_VALUE / 2) { // also NaN and infinity
      throw invalid(value);
    }
    return (long) (mib * 1024 * 1024);
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "system property %s must be a number of MiB >= 0; %s=%s",
            PROPERTY,
            PROPERTY,
            value));
  }
}
