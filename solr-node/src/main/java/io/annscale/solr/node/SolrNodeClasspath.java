package io.annscale.solr.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a Solr node of its own runs: a classpath without annscale's codecs and Solr plugin (a Solr
 * install has Solr, not annscale), and the plugin jar that goes into the node's {@code
 * <solr_home>/lib} as docs/solr.md installs it: {@code annscale-solr-plugin-<version>-solr.jar},
 * built by {@code mvn package} beside the plugin's own jar.
 */
public final class SolrNodeClasspath {
  private static final String PLUGIN = "annscale-solr-plugin-";

  private SolrNodeClasspath() {}

  /** This JVM's classpath. */
  public static List<String> entries() {
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  /** The classpath of a node: every entry but the codec modules and the plugin. */
  public static String forNode(List<String> entries) {
    return entries.stream()
        .filter(entry -> !isAnnscaleFormatCode(entry))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The codec modules and the Solr plugin, as classes directories or jars. */
  public static boolean isAnnscaleFormatCode(String entry) {
    String path = entry.replace('\\', '/');
    return path.endsWith("/solr-plugin/target/classes")
        || path.endsWith("/codec/target/classes")
        || path.endsWith("/diskann-codec/target/classes")
        || path.matches(".*/annscale-(codec|diskann-codec|solr-plugin)-[^/]*\\.jar");
  }

  /**
   * The plugin jar beside the plugin on this classpath; fails naming where it looked and how to
   * build it.
   */
  public static Path pluginJar(List<String> entries) throws IOException {
    Optional<Path> found = Optional.empty();
    for (String entry : entries) {
      Path path = Path.of(entry);
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      if (name.startsWith(PLUGIN) && name.endsWith(".jar") && !name.endsWith("-solr.jar")) {
        found = Optional.of(path.resolveSibling(name.replaceFirst("\\.jar$", "-solr.jar")));
      } else if (entry.replace('\\', '/').endsWith("/solr-plugin/target/classes")) {
        found = builtJar(path.getParent());
      }
      if (found.isPresent()) {
        break;
      }
    }
    if (found.isEmpty() || !Files.isRegularFile(found.get())) {
      throw new IOException(
          "the annscale Solr plugin jar ("
              + PLUGIN
              + "<version>-solr.jar) that the forked Solr nodes install was not found"
              + found.map(p -> " at " + p).orElse(" beside the plugin on the classpath")
              + ": build it with mvn package");
    }
    return found.get();
  }

  private static Optional<Path> builtJar(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(PLUGIN))
          .filter(p -> p.getFileName().toString().endsWith("-solr.jar"))
          .findFirst()
          .or(() -> Optional.of(target.resolve(PLUGIN + "<version>-solr.jar")));
    }
  }
}
