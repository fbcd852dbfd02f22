package io.annscale.solr;

import io.annscale.solr.install.SolrNodeMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;
import org.junit.After;
import org.junit.Assert;
import org.junit.Before;
import org.junit.Test;

/**
 * The plugin installed as docs/solr.md tells users to: a SolrCloud node in its own JVM (Solr's web
 * application in Jetty with Solr's embedded ZooKeeper, as {@code bin/solr start -c}) whose
 * classpath has Solr but not annscale, and the one plugin jar ({@code
 * annscale-solr-plugin-<version>-solr.jar}) in {@code <solr_home>/lib/}. Our configsets are
 * uploaded to ZooKeeper, a collection is created from each, siftsmall (or its stand-in) is indexed
 * and queried; the node is stopped and started again, so its segments are reopened (Lucene finds
 * the codec and vector formats by SPI name through Solr's class loader), and it must answer the
 * same.
 */
public class AnnscaleInstallIT extends Assert {
  private static final int K = 10;
  private static final String[][] CONFIGSETS = {
    {"annscale-pq8", "AnnscalePqHnsw1"}, {"annscale-diskann", "AnnscaleDiskAnn1"}
  };

  private Path work;
  private Path solrHome;
  private int port;
  private Process node;
  private Writer nodeInput;
  private final List<String> nodeLog = new ArrayList<>();

  @Before
  public void installPlugin() throws IOException {
    Path jar = Paths.get(System.getProperty("annscale.pluginJar", "target/missing-plugin-jar"));
    assertTrue("the plugin jar is built by mvn package: " + jar, Files.isRegularFile(jar));
    work = Files.createTempDirectory(Paths.get("target"), "install-it");
    solrHome = work.resolve("solr-home");
    Files.createDirectories(solrHome.resolve("lib"));
    Files.copy(jar, solrHome.resolve("lib").resolve(jar.getFileName()));
    Files.writeString(
        solrHome.resolve("solr.xml"),
        """
        <solr>
          <solrcloud>
            <str name="host">127.0.0.1</str>
            <int name="hostPort">${hostPort:8983}</int>
            <str name="hostContext">${hostContext:solr}</str>
            <int name="zkClientTimeout">30000</int>
          </solrcloud>
        </solr>
        """);
    // what server/solr/zoo.cfg of a Solr install gives the embedded ZooKeeper (Solr finds it in the
    // solr home first)
    Files.writeString(
        solrHome.resolve("zoo.cfg"),
        "tickTime=2000\ninitLimit=10\nsyncLimit=5\n4lw.commands.whitelist=mntr,conf,ruok\nadmin.enableServer=false\n");
    port = freePortPair();
  }

  @After
  public void stopNode() throws Exception {
    if (node != null && node.isAlive()) {
      node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  public void pluginJarInSolrHomeLibServesOurFormatsAcrossARestart() throws Exception {
    TestVectors data = TestVectors.load();
    String zkAddress = "127.0.0.1:" + (port + 1000);
    startNode();
    try (SolrZkClient zk =
        new SolrZkClient.Builder().withUrl(zkAddress).withTimeout(30, TimeUnit.SECONDS).build()) {
      for (String[] configset : CONFIGSETS) {
        ZkMaintenanceUtils.uploadToZK(
            zk,
            AnnscaleCloudKnnTest.annscaleConfigset(configset[0]),
            "/configs/" + configset[0],
            null);
      }
    }
    List<int[][]> before = new ArrayList<>();
    try (CloudSolrClient solr =
        new CloudSolrClient.Builder(List.of(zkAddress), Optional.empty()).build()) {
      for (String[] configset : CONFIGSETS) {
        String collection = configset[0] + "_installed";
        CollectionAdminRequest.createCollection(collection, configset[0], 2, 1).process(solr);
        waitForActive(solr, collection);
        solr.add(collection, data.documents());
        solr.commit(collection);
        before.add(queryAll(solr, collection, data));
      }
    }
    stopAndCheckSegments();

    startNode();
    try (CloudSolrClient solr =
        new CloudSolrClient.Builder(List.of(zkAddress), Optional.empty()).build()) {
      for (int c = 0; c < CONFIGSETS.length; c++) {
        String collection = CONFIGSETS[c][0] + "_installed";
        waitForActive(solr, collection);
        assertEquals(
            collection + ": documents after restart",
            data.base().length,
            solr.query(collection, new SolrQuery("*:*")).getResults().getNumFound());
        int[][] after = queryAll(solr, collection, data);
        for (int q = 0; q < after.length; q++) {
          assertArrayEquals(
              collection + ": query " + q + " after restart", before.get(c)[q], after[q]);
        }
        double recall = data.recall(after, K);
        System.out.printf(
            Locale.ROOT,
            "installed %s, after restart: recall@10 %.4f on %s%n",
            collection,
            recall,
            data.source());
        assertTrue(collection + " recall@10 " + recall, recall >= 0.95);
      }
    }
    stopAndCheckSegments();
  }

  /**
   * {!annknn} for every query: exactly K hits (the collection's top K over both shards), ids best
   * first.
   */
  private static int[][] queryAll(CloudSolrClient solr, String collection, TestVectors data)
      throws Exception {
    int[][] results = new int[data.queries().length][];
    for (int q = 0; q < results.length; q++) {
      SolrQuery query =
          new SolrQuery("{!annknn f=vector topK=" + K + "}" + Arrays.toString(data.queries()[q]));
      query.setFields("id");
      SolrDocumentList hits = solr.query(collection, query).getResults();
      assertEquals(collection + ": numFound", K, hits.getNumFound());
      results[q] =
          hits.stream().mapToInt(d -> Integer.parseInt((String) d.getFieldValue("id"))).toArray();
    }
    return results;
  }

  /**
   * Stops the node like bin/solr stop, then reads every core's segments: they must record our
   * formats.
   */
  private void stopAndCheckSegments() throws Exception {
    nodeInput.write("stop\n");
    nodeInput.flush();
    assertTrue("node stops within 60 s; log:\n" + logTail(), node.waitFor(60, TimeUnit.SECONDS));
    for (String[] configset : CONFIGSETS) {
      Set<String> formats = new HashSet<>();
      List<Path> indexes;
      try (Stream<Path> cores = Files.list(solrHome)) {
        indexes =
            cores
                .filter(
                    p -> p.getFileName().toString().startsWith(configset[0] + "_installed_shard"))
                .map(p -> p.resolve("data").resolve("index"))
                .collect(Collectors.toList());
      }
      assertEquals(configset[0] + ": one core per shard in " + solrHome, 2, indexes.size());
      for (Path index : indexes) {
        try (FSDirectory dir = FSDirectory.open(index);
            DirectoryReader reader = DirectoryReader.open(dir)) {
          for (LeafReaderContext leaf : reader.leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo("vector");
            formats.add(info.getAttribute("PerFieldKnnVectorsFormat.format"));
          }
        }
      }
      assertEquals(configset[0], Set.of(configset[1]), formats);
    }
  }

  private void startNode() throws Exception {
    String classpath =
        Arrays.stream(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"))
                    .split(java.io.File.pathSeparator))
            .filter(entry -> !isAnnscaleMainCode(entry))
            .collect(Collectors.joining(java.io.File.pathSeparator));
    ProcessBuilder builder =
        new ProcessBuilder(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-Djava.security.egd=file:/dev/./urandom",
            "-DzkRun",
            "-Dsolr.log.dir=" + work.resolve("logs"),
            "-cp",
            classpath,
            SolrNodeMain.class.getName(),
            solrHome.toString(),
            Integer.toString(port));
    builder.redirectErrorStream(true);
    node = builder.start();
    nodeInput = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  synchronized (nodeLog) {
                    nodeLog.add(line);
                  }
                  if (line.startsWith("annscale-install-test: node ready")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the node has gone; its log says why
              }
            });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!ready.await(200, TimeUnit.MILLISECONDS)) {
      assertTrue("node exited before it was ready; log:\n" + logTail(), node.isAlive());
      assertTrue("node not ready within 120 s; log:\n" + logTail(), System.nanoTime() < deadline);
    }
  }

  /** The plugin's own classes and the two codec modules, as classes directories or jars. */
  private static boolean isAnnscaleMainCode(String entry) {
    String path = entry.replace('\\', '/');
    return path.endsWith("/solr-plugin/target/classes")
        || path.contains("/codec/target/")
        || path.contains("/diskann-codec/target/")
        || path.contains("/io/annscale/")
        || path.matches(".*/annscale-[a-z-]+-[^/]*\\.jar");
  }

  private void waitForActive(CloudSolrClient solr, String collection) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      solr.getClusterStateProvider().connect();
      DocCollection state = solr.getClusterState().getCollectionOrNull(collection);
      if (state != null
          && state.getSlices().size() == 2
          && state.getReplicas().stream()
              .allMatch(
                  r ->
                      r.getState() == Replica.State.ACTIVE
                          && solr.getClusterState().getLiveNodes().contains(r.getNodeName()))) {
        return;
      }
      assertTrue(
          collection + " not active within 120 s; log:\n" + logTail(),
          System.nanoTime() < deadline);
      Thread.sleep(250);
    }
  }

  private String logTail() {
    synchronized (nodeLog) {
      return String.join("\n", nodeLog.subList(Math.max(0, nodeLog.size() - 60), nodeLog.size()));
    }
  }

  /** A port whose +1000 neighbour (Solr's embedded ZooKeeper) is free too. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket socket = new ServerSocket(0)) {
        candidate = socket.getLocalPort();
      }
      if (candidate + 1000 > 65535) {
        continue;
      }
      try (ServerSocket a = new ServerSocket(candidate);
          ServerSocket b = new ServerSocket(candidate + 1000)) {
        return candidate;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port pair (p, p + 1000) found");
  }
}
