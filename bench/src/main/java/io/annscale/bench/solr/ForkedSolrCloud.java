package io.annscale.bench.solr;

import io.annscale.solr.node.SolrNodeClasspath;
import io.annscale.solr.node.SolrNodeHome;
import io.annscale.solr.node.SolrNodeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * A SolrCloud deployed on this machine as an installed Solr runs: every node in a JVM of its own
 * with a fixed heap ({@link io.annscale.solr.node.SolrNodeMain}: Solr's web application in Jetty,
 * the annscale plugin jar in {@code <solr_home>/lib}), ZooKeeper embedded in the first node as
 * {@code bin/solr start -c} runs it, and the benchmark a client in its own JVM. Each node's solr
 * home is {@code node<i>} under {@code baseDir}, with Solr's log ({@code solr.log}: warnings and
 * errors) and what the node printed ({@code console.log}).
 *
 * <p>Nodes get G1 as {@code bin/solr} gives it, and this JVM's Vector API flags (the incubator
 * module and Lucene's Java version bound), so Lucene's and annscale's kernels are those of an
 * embedded run on the same JDK.
 */
public final class ForkedSolrCloud implements SolrCloudTarget {
  private final List<SolrNodeProcess> nodes;
  private final String zkHost;
  private final Path baseDir;
  private final String heap;
  private final List<String> options;
  private final CloudSolrClient client;
  private final Thread killer;

  private ForkedSolrCloud(
      List<SolrNodeProcess> nodes,
      String zkHost,
      Path baseDir,
      String heap,
      List<String> options,
      Thread killer) {
    this.nodes = nodes;
    this.options = List.copyOf(options);
    this.zkHost = zkHost;
    this.baseDir = baseDir;
    this.heap = heap;
    this.killer = killer;
    this.client = BenchSolrClient.connect(zkHost);
  }

  /** Fails naming the option and value unless {@code heap} is a JVM heap size. */
  public static void checkHeap(String heap) {
    if (heap == null || !heap.matches("[1-9][0-9]*[mMgG]")) {
      throw new IllegalArgumentException(
          "--node-heap " + heap + ": expected a JVM heap size such as 4g or 3072m");
    }
  }

  /**
   * Starts {@code count} nodes with {@code heap} each (a JVM size, e.g. {@code 4g}) and {@code
   * options} added to every node's JVM command line after the benchmark's own (as {@code SOLR_OPTS}
   * to {@code bin/solr}); their data lives in {@code baseDir} (emptied first).
   */
  public static ForkedSolrCloud start(int count, Path baseDir, String heap, List<String> options)
      throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("--local-cluster " + count + ": need at least one node");
    }
    checkHeap(heap);
    List<String> classpath = SolrNodeClasspath.entries();
    Path pluginJar = SolrNodeClasspath.pluginJar(classpath);
    String nodeClasspath = SolrNodeClasspath.forNode(classpath);
    LocalSolrCloud.deleteRecursively(baseDir);
    Files.createDirectories(baseDir);
    // the shutdown hook may read it while nodes are still being added
    List<SolrNodeProcess> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread killer = new Thread(() -> nodes.forEach(SolrNodeProcess::kill), "solr-nodes-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      int zkPort = -1;
      for (int i = 0; i < count; i++) {
        int port = i == 0 ? SolrNodeHome.freePortPair() : SolrNodeHome.freePort();
        if (i == 0) {
          zkPort = port + 1000;
        }
        Path home = baseDir.resolve("node" + i);
        installNode(home, pluginJar, i == 0 ? null : "127.0.0.1:" + zkPort);
        List<String> jvm = new ArrayList<>(jvmOptions(heap, home, i == 0));
        jvm.addAll(options);
        SolrNodeProcess node = SolrNodeProcess.start(jvm, nodeClasspath, home, port);
        nodes.add(node);
        // the first node runs ZooKeeper: the others join once it answers
        if (i == 0) {
          node.awaitReady();
        }
      }
      for (SolrNodeProcess node : nodes) {
        node.awaitReady();
      }
      ForkedSolrCloud cloud =
          new ForkedSolrCloud(nodes, "127.0.0.1:" + zkPort, baseDir, heap, options, killer);
      try {
        cloud.awaitLiveNodes(count);
      } catch (Exception e) {
        cloud.client.close();
        throw e;
      }
      return cloud;
    } catch (Exception e) {
      for (SolrNodeProcess node : nodes) {
        node.kill();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException exiting) {
        // the JVM is shutting down: the hook kills them anyway
      }
      throw e;
    }
  }

  /** The installed node's solr home, and the log configuration that keeps Solr's log in a file. */
  private static void installNode(Path home, Path pluginJar, String zkHost) throws IOException {
    SolrNodeHome.install(home, pluginJar, zkHost);
    try (InputStream quiet = LocalSolrCloud.class.getResourceAsStream("log4j2-quiet.xml")) {
      Files.copy(quiet, home.resolve("log4j2.xml"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<String> jvmOptions(String heap, Path home, boolean runsZooKeeper) {
    List<String> options = new ArrayList<>();
    options.add("-Xms" + heap);
    options.add("-Xmx" + heap);
    // bin/solr's GC_TUNE
    options.add("-XX:+UseG1GC");
    options.add("-XX:+PerfDisableSharedMem");
    options.add("-XX:+ParallelRefProcEnabled");
    options.add("-XX:MaxGCPauseMillis=250");
    options.add("-Djava.security.egd=file:/dev/./urandom");
    options.add("-Dsolr.log.dir=" + home);
    options.add("-Dlog4j2.configurationFile=" + home.resolve("log4j2.xml").toUri());
    options.add("-D" + LocalSolrCloud.LOG_FILE_PROPERTY + "=" + home.resolve("solr.log"));
    if (runsZooKeeper) {
      options.add("-DzkRun");
    }
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-modules")
          || argument.startsWith("--enable-native-access")
          || argument.startsWith("-Dorg.apache.lucene.vectorization.")) {
        options.add(argument);
      }
    }
    return options;
  }

  private void awaitLiveNodes(int count) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (liveNodes() < count) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            count + " Solr nodes started, " + liveNodes() + " live in ZooKeeper after 120 s");
      }
      Thread.sleep(200);
      client.getClusterStateProvider().connect();
    }
  }

  @Override
  public CloudSolrClient client() {
    return client;
  }

  @Override
  public String zkHost() {
    return zkHost;
  }

  @Override
  public int liveNodes() {
    return client.getClusterState().getLiveNodes().size();
  }

  @Override
  public List<Path> localIndexDirectories(String collection) throws IOException {
    return RemoteCores.leaderIndexDirectories(client, collection);
  }

  /** The nodes' heaps are in other processes: not measured here. */
  @Override
  public long vectorHeapBytes(String collection) {
    return -1;
  }

  @Override
  public int runningMerges(String collection) throws IOException {
    return RemoteCores.runningMerges(client, collection);
  }

  /** Resident set of every node process together (heap, code, index pages touched), or -1. */
  @Override
  public long nodesResidentBytes() {
    long total = 0;
    for (SolrNodeProcess node : nodes) {
      long rss = node.residentBytes();
      if (rss < 0) {
        return -1;
      }
      total += rss;
    }
    return total;
  }

  @Override
  public long nodesOpenFiles() {
    long total = 0;
    for (SolrNodeProcess node : nodes) {
      long files = node.openFiles();
      if (files < 0) {
        return -1;
      }
      total += files;
    }
    return total;
  }

  @Override
  public long nodesLiveHeapBytes() {
    try {
      return RemoteCores.liveHeapBytes(client);
    } catch (IOException e) {
      return -1;
    }
  }

  /** A full collection in every node's JVM through {@code jcmd}, then their heaps' use summed. */
  @Override
  public long nodesHeapAfterFullCollection() throws IOException {
    for (SolrNodeProcess node : nodes) {
      try {
        node.collectGarbage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted collecting the heap of node " + node.pid(), e);
      }
    }
    return RemoteCores.heapUsedBytes(client);
  }

  /** Solr's logs of the nodes, for the run's last lines. */
  @Override
  public List<Path> logFiles() {
    return nodes.stream().map(node -> node.home().resolve("solr.log")).toList();
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "local SolrCloud, %d nodes in their own JVMs (heap %s each%s, pids %s), ZooKeeper in the first,"
            + " the benchmark client in this JVM; data in %s",
        nodes.size(),
        heap,
        options.isEmpty() ? "" : ", options " + String.join(" ", options),
        nodes.stream().map(n -> Long.toString(n.pid())).toList(),
        baseDir);
  }

  @Override
  public void close() throws IOException {
    try {
      client.close();
    } finally {
      stopNodes();
    }
  }

  private void stopNodes() {
    try {
      // the first node holds ZooKeeper: it stops last
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nodes.forEach(SolrNodeProcess::kill);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException exiting) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
  }
}
