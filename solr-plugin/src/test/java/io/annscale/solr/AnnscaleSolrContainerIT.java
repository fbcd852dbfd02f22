package io.annscale.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.BaseHttpSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.RequestStatusState;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.Utils;
import org.junit.AfterClass;
import org.junit.Assert;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The cloud suite against the official Solr container image ({@code solr:9.10}, override with
 * {@code -Dannscale.solrImage=}) for users whose CI has a Docker engine: a ZooKeeper container and
 * three Solr containers on one network, the plugin jar copied to {@code /var/solr/data/lib/} (the
 * image's {@code <solr_home>/lib}, where docs/solr.md tells users to put it), our configsets
 * uploaded to ZooKeeper. Per annscale configset: a 2 shards x 2 replicas collection, siftsmall (or
 * its stand-in) indexed, {@code {!annknn}} recall@10 against exact truth with exactly 10 hits, bad
 * input answered with HTTP 400, SPLITSHARD and MOVEREPLICA keeping every document and the recall.
 *
 * <p>Without a Docker engine the class is skipped and says so; {@link AnnscaleCloudKnnTest}, {@link
 * AnnscaleShardMigrationTest} and {@link AnnscaleBadInputTest} here, and the node-failure scenario
 * in bench's {@code SolrFaultScenarioTest} (real Solr nodes and ZooKeeper in {@code
 * MiniSolrCloudCluster}) are the suite that runs everywhere.
 */
public class AnnscaleSolrContainerIT extends Assert {
  private static final int K = 10;
  private static final int NODES = 3;
  private static final String[] CONFIGSETS = {"annscale-pq8", "annscale-diskann"};
  private static final String SOLR_LIB = "/var/solr/data/lib/";

  private static Network network;
  private static GenericContainer<?> zookeeper;
  private static final List<GenericContainer<?>> solrNodes = new ArrayList<>();
  private static SolrClient solr;
  private static TestVectors data;

  @BeforeClass
  public static void startCluster() throws Exception {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      docker = false;
    }
    if (!docker) {
      System.out.println(
          "AnnscaleSolrContainerIT skipped: no Docker engine answers here. The same checks run on "
              + "real Solr nodes and ZooKeeper in MiniSolrCloudCluster (AnnscaleCloudKnnTest and friends).");
    }
    Assume.assumeTrue("no Docker engine answers: the Solr container suite needs one", docker);

    Path jar = Paths.get(System.getProperty("annscale.pluginJar", "target/missing-plugin-jar"));
    assertTrue("the plugin jar is built by mvn package: " + jar, Files.isRegularFile(jar));
    DockerImageName image =
        DockerImageName.parse(System.getProperty("annscale.solrImage", "solr:9.10"));
    network = Network.newNetwork();
    zookeeper =
        new GenericContainer<>(DockerImageName.parse("zookeeper:3.9"))
            .withNetwork(network)
            .withNetworkAliases("zoo")
            .withEnv("ZOO_4LW_COMMANDS_WHITELIST", "mntr,conf,ruok")
            .withExposedPorts(2181)
            .waitingFor(Wait.forListeningPort());
    zookeeper.start();
    for (int i = 1; i <= NODES; i++) {
      GenericContainer<?> node =
          new GenericContainer<>(image)
              .withNetwork(network)
              .withNetworkAliases("solr" + i)
              .withEnv("ZK_HOST", "zoo:2181")
              .withEnv("SOLR_HOST", "solr" + i)
              .withEnv("SOLR_HEAP", "1g")
              .withCopyFileToContainer(MountableFile.forHostPath(jar), SOLR_LIB + jar.getFileName())
              .withExposedPorts(8983)
              .waitingFor(
                  Wait.forHttp("/solr/admin/info/system")
                      .forStatusCode(200)
                      .withStartupTimeout(Duration.ofMinutes(3)));
      node.start();
      solrNodes.add(node);
    }
    String zkAddress = zookeeper.getHost() + ":" + zookeeper.getMappedPort(2181);
    try (SolrZkClient zk =
        new SolrZkClient.Builder().withUrl(zkAddress).withTimeout(30, TimeUnit.SECONDS).build()) {
      for (String configset : CONFIGSETS) {
        ZkMaintenanceUtils.uploadToZK(
            zk, AnnscaleCloudKnnTest.annscaleConfigset(configset), "/configs/" + configset, null);
      }
    }
    // every request goes to node 1, which routes it inside the network (the nodes' registered names
    // are theirs)
    GenericContainer<?> first = solrNodes.get(0);
    solr =
        new Http2SolrClient.Builder(
                "http://" + first.getHost() + ":" + first.getMappedPort(8983) + "/solr")
            .withRequestTimeout(5, TimeUnit.MINUTES)
            .build();
    data = TestVectors.load();
    for (String configset : CONFIGSETS) {
      String collection = collection(configset);
      CollectionAdminRequest.createCollection(collection, configset, 2, 2).process(solr);
      for (int from = 0; from < data.base().length; from += 1_000) {
        solr.add(
            collection, data.documents().subList(from, Math.min(data.base().length, from + 1_000)));
      }
      solr.commit(collection);
    }
  }

  @AfterClass
  public static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
    for (GenericContainer<?> node : solrNodes) {
      node.stop();
    }
    solrNodes.clear();
    if (zookeeper != null) {
      zookeeper.stop();
    }
    if (network != null) {
      network.close();
    }
    data = null;
  }

  private static String collection(String configset) {
    return configset + "_docker";
  }

  @Test
  public void annknnAnswersWithRecallAndExactlyKHits() throws Exception {
    for (String configset : CONFIGSETS) {
      double recall = data.recall(queryAll(collection(configset)), K);
      System.out.printf(
          Locale.ROOT,
          "%s in %s: {!annknn} recall@10 %.4f on %s%n",
          configset,
          System.getProperty("annscale.solrImage", "solr:9.10"),
          recall,
          data.source());
      assertTrue(configset + " recall@10 " + recall, recall >= 0.95);
    }
  }

  @Test
  public void badInputIsRefusedWith400AndNothingIsLost() throws Exception {
    String good = Arrays.toString(data.queries()[0]);
    for (String configset : CONFIGSETS) {
      String collection = collection(configset);
      assertBadQuery(collection, "{!annknn f=vector topK=0}" + good, "topK=0 is not allowed");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10 efSearch=50}" + good,
          "unknown parameter 'efSearch'");
      assertBadQuery(
          collection, "{!annknn f=vector topK=10}[1.0, 2.0, 3.0]", "the field's dimension is 128");
      SolrInputDocument shortVector = new SolrInputDocument();
      shortVector.addField("id", "bad-short");
      shortVector.addField("vector", List.of(1f, 2f, 3f));
      BaseHttpSolrClient.RemoteSolrException e =
          assertThrows(
              BaseHttpSolrClient.RemoteSolrException.class,
              () -> solr.add(collection, shortVector));
      assertEquals(e.getMessage(), 400, e.code());
      assertTrue(e.getMessage(), e.getMessage().contains("field \"vector\""));
      solr.commit(collection);
      assertEquals(configset, data.base().length, count(collection));
    }
  }

  @Test
  public void splitShardAndMoveReplicaKeepEveryDocumentAndTheRecall() throws Exception {
    for (String configset : CONFIGSETS) {
      String collection = collection(configset) + "_migrated";
      CollectionAdminRequest.createCollection(collection, configset, 1, 1).process(solr);
      solr.add(collection, data.documents());
      solr.commit(collection);
      double before = data.recall(queryAll(collection), K);

      long start = System.nanoTime();
      runAsync(
          CollectionAdminRequest.splitShard(collection).setShardName("shard1"),
          "split-" + configset);
      double splitSeconds = (System.nanoTime() - start) / 1e9;
      solr.commit(collection);
      String someReplica = replicaOf(collection, "shard1_0");
      start = System.nanoTime();
      runAsync(
          CollectionAdminRequest.moveReplica(collection, someReplica, targetNodeFor(collection)),
          "move-" + configset);
      double moveSeconds = (System.nanoTime() - start) / 1e9;

      assertEquals(
          configset + ": documents after migration", data.base().length, count(collection));
      double after = data.recall(queryAll(collection), K);
      System.out.printf(
          Locale.ROOT,
          "%s in a container: split %.1f s, move %.1f s, recall@10 %.4f -> %.4f%n",
          configset,
          splitSeconds,
          moveSeconds,
          before,
          after);
      assertTrue(
          configset + " recall after migration " + after + " (before " + before + ")",
          after >= 0.95);
    }
  }

  private static int[][] queryAll(String collection) throws Exception {
    int[][] results = new int[data.queries().length][];
    for (int q = 0; q < results.length; q++) {
      SolrQuery query =
          new SolrQuery("{!annknn f=vector topK=" + K + "}" + Arrays.toString(data.queries()[q]));
      query.setFields("id");
      query.setRows(100);
      SolrDocumentList hits = solr.query(collection, query).getResults();
      assertEquals(collection + ": numFound", K, hits.getNumFound());
      assertEquals(collection + ": hits", K, hits.size());
      results[q] =
          hits.stream().mapToInt(d -> Integer.parseInt((String) d.getFieldValue("id"))).toArray();
    }
    return results;
  }

  private static long count(String collection) throws Exception {
    return solr.query(collection, new SolrQuery("*:*")).getResults().getNumFound();
  }

  private static void assertBadQuery(String collection, String q, String expected) {
    BaseHttpSolrClient.RemoteSolrException e =
        assertThrows(
            BaseHttpSolrClient.RemoteSolrException.class,
            () -> solr.query(collection, new SolrQuery(q)));
    assertEquals(q + ": " + e.getMessage(), 400, e.code());
    assertTrue(q + ": " + e.getMessage(), e.getMessage().contains(expected));
  }

  /**
   * Runs a collection command asynchronously and waits for it (a split may outlast one HTTP
   * request).
   */
  private static void runAsync(
      CollectionAdminRequest.AsyncCollectionAdminRequest request, String id) throws Exception {
    request.processAsync(id, solr);
    RequestStatusState state = CollectionAdminRequest.requestStatus(id).waitFor(solr, 600);
    assertEquals(id, RequestStatusState.COMPLETED, state);
    CollectionAdminRequest.deleteAsyncId(id).process(solr);
  }

  private static String replicaOf(String collection, String shard)
      throws SolrServerException, IOException {
    return shardReplicas(collection, shard).keySet().iterator().next();
  }

  /** A live node that holds no replica of the collection's shard1_0, read from CLUSTERSTATUS. */
  private static String targetNodeFor(String collection) throws SolrServerException, IOException {
    Object live =
        Utils.getObjectByPath(clusterStatus(collection), false, List.of("cluster", "live_nodes"));
    List<String> used = new ArrayList<>(shardReplicas(collection, "shard1_0").values());
    return ((List<?>) live)
        .stream()
            .map(String::valueOf)
            .filter(n -> !used.contains(n))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no free node for MOVEREPLICA among " + live));
  }

  /**
   * Replica name to node name for one shard, from CLUSTERSTATUS (maps or named lists, as the codec
   * gives them).
   */
  private static Map<String, String> shardReplicas(String collection, String shard)
      throws SolrServerException, IOException {
    Object replicas =
        Utils.getObjectByPath(
            clusterStatus(collection),
            false,
            List.of("cluster", "collections", collection, "shards", shard, "replicas"));
    Map<String, String> nodes = new LinkedHashMap<>();
    asMap(replicas)
        .forEach(
            (name, replica) -> nodes.put(name, String.valueOf(asMap(replica).get("node_name"))));
    assertFalse(collection + "/" + shard + " has no replicas", nodes.isEmpty());
    return nodes;
  }

  private static NamedList<Object> clusterStatus(String collection)
      throws SolrServerException, IOException {
    return CollectionAdminRequest.getClusterStatus()
        .setCollectionName(collection)
        .process(solr)
        .getResponse();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (value instanceof NamedList<?> list) {
      return ((NamedList<Object>) list).asShallowMap();
    }
    assertTrue("expected a map in CLUSTERSTATUS, got " + value, value instanceof Map);
    return (Map<String, Object>) value;
  }
}
