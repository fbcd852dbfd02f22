package io.annscale.bench.solr;

import io.annscale.bench.run.VectorReaderHeap;
import io.annscale.solr.node.ProcessResources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.solr.client.solrj.cloud.SocketProxy;
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

  /** Where MiniSolrCloudCluster keeps Solr's nodes in ZooKeeper (its solr.xml is there). */
  private static final String ZOOKEEPER_CHROOT = "/solr";

  private final MiniSolrCloudCluster cluster;
  private final Path baseDir;
  private final CloudSolrClient client;

  /** Each node's link to ZooKeeper, for a cluster started {@link #startPartitionable}. */
  private final Map<JettySolrRunner, SocketProxy> zooKeeperLinks = new IdentityHashMap<>();

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
    return new LocalSolrCloud(startCluster(nodes, baseDir), baseDir);
  }

  /**
   * Starts {@code nodes} Solr nodes that can be cut off the network ({@link #cutOff}): every
   * connection to a node passes through a {@link SocketProxy} in front of its port (as Solr's own
   * {@code HttpPartitionTest} does), and its connection to ZooKeeper through another, so a cut node
   * is reached by no client and no other node, and loses ZooKeeper until its session expires. Each
   * node's ZooKeeper session times out after {@code zkSessionTimeoutMillis}, so a cut lasts long
   * enough for ZooKeeper to drop it only if it is held longer than that.
   */
  public static LocalSolrCloud startPartitionable(
      int nodes, Path baseDir, int zkSessionTimeoutMillis) throws Exception {
    if (nodes < 1) {
      throw new IllegalArgumentException("--local-cluster " + nodes + ": need at least one node");
    }
    MiniSolrCloudCluster cluster = startCluster(0, baseDir);
    Map<JettySolrRunner, SocketProxy> links = new IdentityHashMap<>();
    boolean started = false;
    try {
      for (int n = 0; n < nodes; n++) {
        startProxiedNode(cluster, baseDir.resolve("node" + n), zkSessionTimeoutMillis, links);
      }
      cluster.waitForAllNodes(60);
      LocalSolrCloud cloud = new LocalSolrCloud(cluster, baseDir);
      cloud.zooKeeperLinks.putAll(links);
      started = true;
      return cloud;
    } finally {
      if (!started) {
        cluster.shutdown();
        links.values().forEach(SocketProxy::close);
      }
    }
  }

  private static void startProxiedNode(
      MiniSolrCloudCluster cluster,
      Path home,
      int zkSessionTimeoutMillis,
      Map<JettySolrRunner, SocketProxy> links)
      throws Exception {
    SocketProxy zooKeeper = new SocketProxy();
    zooKeeper.open(URI.create("tcp://" + cluster.getZkServer().getZkHost()));
    Files.createDirectories(home);
    Properties properties = new Properties();
    properties.setProperty("zkHost", "127.0.0.1:" + zooKeeper.getListenPort() + ZOOKEEPER_CHROOT);
    // read by the cluster's solr.xml (zkClientTimeout)
    properties.setProperty("solr.zkclienttimeout", Integer.toString(zkSessionTimeoutMillis));
    JettySolrRunner node =
        new JettySolrRunner(
            home.toString(), properties, JettyConfig.builder().setContext("/solr").build(), true);
    links.put(node, zooKeeper);
    cluster.startJettySolrRunner(node);
  }

  /**
   * Has ZooKeeper expire a node's session, as it does when it has not heard from the node for the
   * session timeout: the node's ephemeral nodes (live node, leader election) vanish at once.
   */
  public long expireSession(JettySolrRunner node) {
    long session = sessionId(node);
    cluster.getZkServer().expire(session);
    return session;
  }

  /** Waits until {@code node} holds another ZooKeeper session than {@code expired}. */
  public void awaitNewSession(JettySolrRunner node, long expired, int seconds)
      throws InterruptedException, java.util.concurrent.TimeoutException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      try {
        if (sessionId(node) != expired) {
          return;
        }
      } catch (RuntimeException reconnecting) {
        // the client is being replaced: ask again
      }
      if (System.nanoTime() > deadline) {
        throw new java.util.concurrent.TimeoutException(
            node.getNodeName() + " kept its expired ZooKeeper session for " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  private static long sessionId(JettySolrRunner node) {
    return node.getCoreContainer().getZkController().getZkClient().getZooKeeper().getSessionId();
  }

  /**
   * Cuts a node off: no client or node reaches it and it reaches no ZooKeeper; what it has in
   * flight is dropped. Only for a cluster started {@link #startPartitionable}.
   */
  public void cutOff(JettySolrRunner node) {
    SocketProxy zooKeeper = zooKeeperLink(node);
    node.getProxy().close();
    zooKeeper.close();
  }

  /** Ends a {@link #cutOff}: the node's port and its ZooKeeper link accept connections again. */
  public void reconnect(JettySolrRunner node) {
    SocketProxy zooKeeper = zooKeeperLink(node);
    zooKeeper.reopen();
    node.getProxy().reopen();
  }

  /** Whether this cluster's nodes can be {@link #cutOff}. */
  public boolean partitionable() {
    return !zooKeeperLinks.isEmpty();
  }

  private SocketProxy zooKeeperLink(JettySolrRunner node) {
    SocketProxy zooKeeper = zooKeeperLinks.get(node);
    if (zooKeeper == null || node.getProxy() == null) {
      throw new IllegalStateException(
          node.getNodeName() + " cannot be cut off: start the cluster with startPartitionable");
    }
    return zooKeeper;
  }

  private static MiniSolrCloudCluster startCluster(int nodes, Path baseDir) throws Exception {
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
    return new MiniSolrCloudCluster(
        nodes, baseDir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, JettyConfig.builder().build());
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

  /** This JVM's resident set: the nodes', the benchmark client's and ZooKeeper's together. */
  @Override
  public long nodesResidentBytes() {
    return ProcessResources.residentBytes(ProcessHandle.current().pid());
  }

  /** This JVM's open files: the nodes', the client's and ZooKeeper's together. */
  @Override
  public long nodesOpenFiles() {
    return ProcessResources.openFiles(ProcessHandle.current().pid());
  }

  /** This JVM's heap after the last collection of each heap pool. */
  @Override
  public long nodesLiveHeapBytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterCollection = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        bytes += afterCollection.getUsed();
      }
    }
    return bytes;
  }

  /** A full collection of this JVM (nodes, client and ZooKeeper), then its heap's use. */
  @Override
  public long nodesHeapAfterFullCollection() {
    System.gc(); // a full collection: the soak asks for it between samples, never on a hot path
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
      zooKeeperLinks.values().forEach(SocketProxy::close);
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
