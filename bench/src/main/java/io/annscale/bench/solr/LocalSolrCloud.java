package io.annscale.bench.solr;

import io.annscale.bench.run.VectorReaderHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.util.RefCounted;

/**
 * Real Solr nodes and a real ZooKeeper started in this JVM (solr-test-framework's {@link
 * MiniSolrCloudCluster}), each node with its own solr home under {@code baseDir}. The annscale
 * plugin is on this JVM's classpath, so the configsets' field types and codec load as in an
 * installed node. Solr's log (warnings and errors) goes to a file, {@link #logFile()}, not to the
 * console, unless {@code log4j2.configurationFile} is set: a healthy run prints only the
 * benchmark's own lines.
 */
public final class LocalSolrCloud implements SolrCloudTarget {
  /** The file {@code log4j2-quiet.xml} writes Solr's log to. */
  public static final String LOG_FILE_PROPERTY = "annscale.solr.log";

  private final MiniSolrCloudCluster cluster;
  private final Path baseDir;
  private final CloudSolrClient client;

  private LocalSolrCloud(MiniSolrCloudCluster cluster, Path baseDir) {
    this.cluster = cluster;
    this.baseDir = baseDir;
    this.client = BenchSolrClient.connect(cluster.getZkServer().getZkAddress());
  }

  /**
   * Starts {@code nodes} Solr nodes and ZooKeeper; their data lives in {@code baseDir} (emptied
   * first).
   */
  public static LocalSolrCloud start(int nodes, Path baseDir) throws Exception {
    if (nodes < 1) {
      throw new IllegalArgumentException("--local-cluster " + nodes + ": need at least one node");
    }
    if (System.getProperty("log4j2.configurationFile") == null) {
      // read once, when Solr's first logger is made: the first cluster of a JVM names the file
      if (System.getProperty(LOG_FILE_PROPERTY) == null) {
        System.setProperty(
            LOG_FILE_PROPERTY, baseDir.toAbsolutePath().resolveSibling("solr.log").toString());
      }
      System.setProperty(
          "log4j2.configurationFile",
          LocalSolrCloud.class.getResource("log4j2-quiet.xml").toString());
    }
    // what solr-test-framework's base classes would set: plain lock files, no fsync per ZooKeeper
    // write
    System.setProperty("solr.lock.type", System.getProperty("solr.lock.type", "native"));
    System.setProperty("zookeeper.forceSync", System.getProperty("zookeeper.forceSync", "no"));
    // the test framework's solr.xml gives inter-node requests 90 s (a production Solr 600 s):
    // splitting a shard of a
    // million vectors rebuilds its graphs for longer than that, so the nodes get what an installed
    // Solr has
    System.setProperty("socketTimeout", System.getProperty("socketTimeout", "600000"));
    deleteRecursively(baseDir);
    Files.createDirectories(baseDir);
    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster(
            nodes,
            baseDir,
            MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML,
            JettyConfig.builder().build());
    return new LocalSolrCloud(cluster, baseDir);
  }

  /**
   * Where Solr's log goes in this JVM ({@code solr.log} beside the first cluster's directory), or
   * empty when a log4j2 configuration of the user's own decides.
   */
  public static java.util.Optional<Path> logFile() {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    return file == null ? java.util.Optional.empty() : java.util.Optional.of(Path.of(file));
  }

  @Override
  public CloudSolrClient client() {
    return client;
  }

  @Override
  public String zkHost() {
    return cluster.getZkServer().getZkAddress();
  }

  @Override
  public int liveNodes() {
    return client.getClusterState().getLiveNodes().size();
  }

  /** The nodes, for tests and migrations that stop one. */
  public List<JettySolrRunner> nodes() {
    return cluster.getJettySolrRunners();
  }

  public MiniSolrCloudCluster cluster() {
    return cluster;
  }

  @Override
  public List<Path> localIndexDirectories(String collection) {
    return leaders(collection).stream().map(core -> Path.of(core.getIndexDir())).toList();
  }

  @Override
  public long vectorHeapBytes(String collection) {
    long bytes = 0;
    for (SolrCore core : leaders(collection)) {
      RefCounted<SolrIndexSearcher> searcher = core.getSearcher();
      try {
        long heap = VectorReaderHeap.bytes(searcher.get().getIndexReader());
        if (heap < 0) {
          return -1;
        }
        bytes += heap;
      } finally {
        searcher.decref();
      }
    }
    return bytes;
  }

  @Override
  public int runningMerges(String collection) throws IOException {
    int merges = 0;
    for (SolrCore core : leaders(collection)) {
      RefCounted<IndexWriter> writer = core.getSolrCoreState().getIndexWriter(core);
      try {
        merges += writer.get().getMergingSegments().isEmpty() ? 0 : 1;
        merges += writer.get().hasPendingMerges() ? 1 : 0;
      } finally {
        writer.decref();
      }
    }
    return merges;
  }

  /** The collection's shard-leader cores on running nodes: one copy of the data. */
  private List<SolrCore> leaders(String collection) {
    List<SolrCore> cores = new ArrayList<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      if (node.isRunning()) {
        node.getCoreContainer().getCores().stream()
            .filter(core -> collection.equals(core.getCoreDescriptor().getCollectionName()))
            .filter(core -> core.getCoreDescriptor().getCloudDescriptor().isLeader())
            .forEach(cores::add);
      }
    }
    return cores;
  }

  @Override
  public List<Path> logFiles() {
    return logFile().stream().toList();
  }

  @Override
  public String describe() {
    return "local SolrCloud, "
        + cluster.getJettySolrRunners().size()
        + " nodes in this JVM, data in "
        + baseDir;
  }

  @Override
  public void close() throws IOException {
    try {
      client.close();
      cluster.shutdown();
    } catch (Exception e) {
      throw new IOException("stopping the local SolrCloud: " + e.getMessage(), e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path :
          (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
