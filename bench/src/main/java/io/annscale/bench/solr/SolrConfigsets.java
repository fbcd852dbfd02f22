package io.annscale.bench.solr;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.truth.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;

/**
 * The repository's configsets ({@code configsets/}) as the benchmark uses them: one per format, the
 * vector field's dimension and similarity set to the data's, uploaded to ZooKeeper as {@code
 * bench-<format>}.
 */
public final class SolrConfigsets {
  private SolrConfigsets() {}

  /** The configset a format is served by; SolrCloud targets know these three. */
  public static String configsetFor(VectorFormatChoice format) {
    return switch (format) {
      case LUCENE_HNSW -> "lucene-hnsw";
      case PQ8_HNSW -> "annscale-pq8";
      case DISKANN -> "annscale-diskann";
      default ->
          throw new IllegalArgumentException(
              "--formats "
                  + format.cliName()
                  + ": no SolrCloud configset; SolrCloud targets know lucene-hnsw, pq8-hnsw, diskann");
    };
  }

  /**
   * {@code configsets/} given, or found from the working directory upwards (the repository root).
   */
  public static Path locate(Path given) {
    if (given != null) {
      if (!Files.isDirectory(given.resolve("annscale-diskann").resolve("conf"))) {
        throw new IllegalArgumentException(
            "--configsets " + given + ": no annscale-diskann/conf inside");
      }
      return given;
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("configsets").resolve("annscale-diskann").resolve("conf"))) {
        return p.resolve("configsets");
      }
    }
    throw new IllegalArgumentException(
        "the repository's configsets/ folder was not found above "
            + Paths.get("").toAbsolutePath()
            + "; give --configsets");
  }

  /**
   * Uploads {@code <configsets>/<name>/conf} as {@code configName}, with the vector field's
   * dimension and similarity replaced by the data's.
   */
  public static void upload(
      CloudSolrClient client,
      Path configsets,
      String name,
      String configName,
      int dimension,
      Metric metric)
      throws IOException {
    Path source = configsets.resolve(name).resolve("conf");
    Path copy = Files.createTempDirectory("annscale-configset-");
    try {
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
      Path schema = copy.resolve("schema.xml");
      String text = Files.readString(schema);
      String rewritten =
          text.replaceAll("vectorDimension=\"\\d+\"", "vectorDimension=\"" + dimension + "\"")
              .replaceAll(
                  "similarityFunction=\"[a-z_]+\"",
                  "similarityFunction=\"" + similarity(metric) + "\"");
      Files.writeString(schema, rewritten);
      SolrZkClient zk = ZkClientClusterStateProvider.from(client).getZkStateReader().getZkClient();
      ZkMaintenanceUtils.uploadToZK(zk, copy, "/configs/" + configName, null);
    } finally {
      try (Stream<Path> files = Files.list(copy)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.delete(file);
        }
      }
      Files.delete(copy);
    }
  }

  private static String similarity(Metric metric) {
    return metric.name().toLowerCase(Locale.ROOT);
  }
}
