package io.annscale.solr;

import io.annscale.solr.node.SolrNodeClasspath;
import io.annscale.solr.node.SolrNodeHome;
import io.annscale.solr.node.SolrNodeProcess;
import java.io.IOException;
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
  private SolrNodeProcess node;

  @Before
  public void installPlugin() throws IOException {
    Path jar = Paths.get(System.getProperty("annscale.pluginJar", "target/missing-plugin-jar"));
    assertTrue("the plugin jar is built by mvn package: " + jar, Files.isRegularFile(jar));
    work = Files.createTempDirectory(Paths.get("target"), "install-it").toAbsolutePath();
    solrHome = work.resolve("solr-home");
    SolrNodeHome.install(solrHome, jar, null);
    port = SolrNodeHome.freePortPair();
  }

  @After
  public void stopNode() {
    if (node != null && node.isAlive()) {
      node.kill();
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
    node.stop();
    assertFalse("node stopped", node.isAlive());
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

  /** Starts the node on a classpath with Solr but without annscale's format code. */
  private void startNode() throws Exception {
    String classpath =
        SolrNodeClasspath.forNode(
            Arrays.asList(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"))
                    .split(java.io.File.pathSeparator)));
    List<String> options =
        List.of(
            "-Xmx1g",
            "-Djava.security.egd=file:/dev/./urandom",
            "-DzkRun",
            "-Dsolr.log.dir=" + work.resolve("logs"));
    node = SolrNodeProcess.start(options, classpath, solrHome, port);
    node.awaitReady();
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
    return "see " + solrHome.resolve("console.log");
  }
}
