package io.annscale.bench.text;

import io.annscale.bench.download.HttpDownloader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Debian binary packages fetched from a mirror without apt: the suite's {@code Packages.xz} index
 * (architecture {@code all}, where documentation packages live) names each package's file and
 * SHA-256; the {@code .deb} is downloaded once, resumably, and verified against it. Both are kept
 * in a cache folder, so a corpus built again reads the same package versions.
 */
public final class DebianPackages {
  /** The default mirror and suite: Debian 12. */
  public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

  public static final String DEFAULT_SUITE = "bookworm";

  /** One package as the index describes it. */
  public record Entry(String name, String version, String filename, String sha256, long size) {}

  private final URI mirror;
  private final String suite;
  private final Path cache;
  private final HttpDownloader http;
  private final HttpDownloader.Listener listener;
  private Map<String, Entry> index;

  /**
   * @param mirror base address of a Debian mirror, e.g. {@link #DEFAULT_MIRROR}
   * @param cache folder for the index and the packages
   */
  public DebianPackages(
      String mirror,
      String suite,
      Path cache,
      HttpDownloader http,
      HttpDownloader.Listener listener) {
    this.mirror = URI.create(mirror.endsWith("/") ? mirror : mirror + "/");
    this.suite = suite;
    this.cache = cache;
    this.http = http;
    this.listener = listener;
  }

  /** The index entry of {@code name}. */
  public Entry entry(String name) throws IOException, InterruptedException {
    Entry entry = index().get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "package "
              + name
              + " is not in "
              + suite
              + "/main binary-all of "
              + mirror
              + " (a documentation package"
              + " of architecture 'all' is needed, e.g. linux-doc-6.1)");
    }
    return entry;
  }

  /** The package's {@code .deb}, downloaded and verified unless the cache has it. */
  public Path fetch(Entry entry) throws IOException, InterruptedException {
    Path deb = cache.resolve(entry.filename().substring(entry.filename().lastIndexOf('/') + 1));
    http.download(mirror.resolve(entry.filename()), deb, -1, entry.sha256(), null, listener);
    return deb;
  }

  private Map<String, Entry> index() throws IOException, InterruptedException {
    if (index == null) {
      Path file = cache.resolve(suite + "-main-binary-all-Packages.xz");
      http.download(
          mirror.resolve("dists/" + suite + "/main/binary-all/Packages.xz"),
          file,
          -1,
          null,
          null,
          listener);
      try (InputStream in = new XZCompressorInputStream(Files.newInputStream(file))) {
        index = parse(in);
      }
    }
    return index;
  }

  /**
   * Parses a {@code Packages} index: stanzas of {@code Field: value} lines separated by blank
   * lines.
   */
  static Map<String, Entry> parse(InputStream in) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, String> fields = new HashMap<>();
    for (String line; ; ) {
      line = reader.readLine();
      if (line == null || line.isEmpty()) {
        String name = fields.get("Package");
        if (name != null && fields.containsKey("Filename") && fields.containsKey("SHA256")) {
          entries.put(
              name,
              new Entry(
                  name,
                  fields.get("Version"),
                  fields.get("Filename"),
                  fields.get("SHA256"),
                  Long.parseLong(fields.getOrDefault("Size", "-1"))));
        }
        fields.clear();
        if (line == null) {
          return entries;
        }
      } else if (!Character.isWhitespace(line.charAt(0))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
    }
  }
}
