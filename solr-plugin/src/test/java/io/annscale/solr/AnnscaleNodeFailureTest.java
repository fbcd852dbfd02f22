package io.annscale.solr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A node stopped mid-ingestion (replicationFactor 2, one collection per annscale format): while it
 * is down, queries keep answering from the surviving replicas and indexing goes on (a batch refused
 * during leader election is sent again); after the node returns and its replicas recover, every
 * acknowledged document is on every replica.
 */
public class AnnscaleNodeFailureTest extends SolrCloudTestCase {
  private static final int K = 10;
  private static final int BATCH = 250;
  private static final List<String> CONFIGSETS = List.of("annscale-pq8", "annscale-diskann");
  private static final long RECOVERY_WAIT_SECONDS = 180;

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(3)
        .addConfig("annscale-pq8", AnnscaleCloudKnnTest.annscaleConfigset("annscale-pq8"))
        .addConfig("annscale-diskann", AnnscaleCloudKnnTest.annscaleConfigset("annscale-diskann"))
        .configure();
  }

  @Test
  public void stoppedNodeLosesNoAcknowledgedDocumentAndQueriesGoOn() throws Exception {
    TestVectors data = TestVectors.load();
    for (String configset : CONFIGSETS) {
      CollectionAdminRequest.createCollection(collection(configset), configset, 2, 2)
          .process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection(configset), 2, 4);
    }
    List<SolrInputDocument> documents = data.documents();
    int batches = (documents.size() + BATCH - 1) / BATCH;
    AtomicLong batchesAcknowledged = new AtomicLong();
    AtomicLong refusedBatches = new AtomicLong();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> ingestError = new AtomicReference<>();
    Thread ingest =
        new Thread(
            () -> {
              try {
                for (int b = 0; b < batches; b++) {
                  List<SolrInputDocument> batch =
                      documents.subList(b * BATCH, Math.min(documents.size(), (b + 1) * BATCH));
                  for (String configset : CONFIGSETS) {
                    sendUntilAcknowledged(collection(configset), batch, refusedBatches);
                    for (SolrInputDocument doc : batch) {
                      acknowledged.add(configset + "/" + doc.getFieldValue("id"));
                    }
                  }
                  batchesAcknowledged.incrementAndGet();
                  Thread.sleep(200);
                }
              } catch (Throwable t) {
                ingestError.set(t);
              }
            });

    AtomicBoolean querying = new AtomicBoolean(true);
    AtomicLong answered = new AtomicLong();
    AtomicLong answeredWhileDown = new AtomicLong();
    AtomicBoolean nodeDown = new AtomicBoolean();
    List<String> failures = new ArrayList<>();
    Thread clients =
        new Thread(
            () -> {
              for (int q = 0; querying.get(); q++) {
                String configset = CONFIGSETS.get(q % CONFIGSETS.size());
                SolrQuery query =
                    new SolrQuery(
                        "{!annknn f=vector topK="
                            + K
                            + "}"
                            + Arrays.toString(data.queries()[q % data.queries().length]));
                query.setFields("id");
                boolean down = nodeDown.get();
                try {
                  long found =
                      cluster
                          .getSolrClient()
                          .query(collection(configset), query)
                          .getResults()
                          .getNumFound();
                  if (down && found != K) {
                    synchronized (failures) {
                      failures.add(configset + ": " + found + " hits while the node was down");
                    }
                  }
                  answered.incrementAndGet();
                  answeredWhileDown.addAndGet(down ? 1 : 0);
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(configset + ": " + e);
                  }
                }
              }
            });
    ingest.start();
    clients.start();

    waitFor(
        () -> batchesAcknowledged.get() >= batches / 4, "a quarter of the batches acknowledged");
    for (String configset :
        CONFIGSETS) { // soft commits have made enough documents searchable for K hits
      SolrQuery probe =
          new SolrQuery("{!annknn f=vector topK=" + K + "}" + Arrays.toString(data.queries()[0]));
      waitFor(
          () -> numFound(collection(configset), probe) == K,
          configset + " answering with " + K + " hits");
    }
    JettySolrRunner victim = nodeHostingALeader(collection(CONFIGSETS.get(1)));
    long stoppedAt = batchesAcknowledged.get();
    nodeDown.set(true);
    cluster.stopJettySolrRunner(victim);
    cluster.waitForJettyToStop(victim);
    long downStart = System.nanoTime();
    // down long enough for leader election and for a quarter of the batches to go to the surviving
    // replicas only
    waitFor(
        () ->
            batchesAcknowledged.get() >= stoppedAt + batches / 4
                && System.nanoTime() - downStart > 5_000_000_000L,
        "ingestion going on without the node");
    double downSeconds = (System.nanoTime() - downStart) / 1e9;
    nodeDown.set(false);
    long backAt = batchesAcknowledged.get();
    cluster.startJettySolrRunner(victim);
    ingest.join();
    for (String configset : CONFIGSETS) {
      // the restarted replica recovers by copying the leader's index: on a loaded 2-core machine
      // that can take
      // longer than the default 45 s wait (seen in CI pinned to one core)
      cluster.waitForActiveCollection(
          collection(configset), RECOVERY_WAIT_SECONDS, TimeUnit.SECONDS, 2, 4);
    }
    querying.set(false);
    clients.join();
    assertNull("ingestion failed: " + ingestError.get(), ingestError.get());

    for (String configset : CONFIGSETS) {
      String collection = collection(configset);
      cluster.getSolrClient().commit(collection);
      waitForState(
          "every replica active again", collection, (live, c) -> allReplicasActive(live, c));
      DocCollection state = cluster.getSolrClient().getClusterState().getCollection(collection);
      for (Replica replica : state.getReplicas()) {
        Set<String> ids = replicaIds(replica);
        long missing =
            acknowledged.stream()
                .filter(key -> key.startsWith(configset + "/"))
                .map(key -> key.substring(configset.length() + 1))
                .filter(id -> shardOf(state, id).equals(replica.getShard()) && !ids.contains(id))
                .count();
        assertEquals(
            configset
                + " replica "
                + replica.getName()
                + " on "
                + replica.getNodeName()
                + ": acknowledged documents missing",
            0,
            missing);
        assertEquals(
            configset + " replica " + replica.getName() + ": documents",
            IntStream.range(0, documents.size())
                .filter(i -> shardOf(state, Integer.toString(i)).equals(replica.getShard()))
                .count(),
            ids.size());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "node %s down %.1f s mid-ingestion (stopped after batch %d, back after %d of %d): %d documents acknowledged per collection"
            + " (%d batches refused and resent),"
            + " %d queries answered (%d while the node was down), %d failed%n",
        victim.getNodeName(),
        downSeconds,
        stoppedAt,
        backAt,
        batches,
        acknowledged.size() / CONFIGSETS.size(),
        refusedBatches.get(),
        answered.get(),
        answeredWhileDown.get(),
        failures.size());
    assertEquals(CONFIGSETS.size() * documents.size(), acknowledged.size());
    assertTrue("queries failed while the node was down: " + failures, failures.isEmpty());
    assertTrue(
        "queries answered while the node was down: " + answeredWhileDown.get(),
        answeredWhileDown.get() > 0);
  }

  private static String collection(String configset) {
    return configset + "_fault";
  }

  /**
   * Sends a batch until the cluster acknowledges it; refusals while a leader is being elected are
   * expected.
   */
  private static void sendUntilAcknowledged(
      String collection, List<SolrInputDocument> batch, AtomicLong refused)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        cluster.getSolrClient().add(collection, batch);
        return;
      } catch (Exception e) {
        refused.incrementAndGet();
        if (attempt == 60) {
          throw new IllegalStateException(collection + ": batch refused 60 times, last: " + e, e);
        }
        Thread.sleep(500);
      }
    }
  }

  private static JettySolrRunner nodeHostingALeader(String collection) {
    DocCollection state = cluster.getSolrClient().getClusterState().getCollection(collection);
    String leaderNode = state.getSlice("shard1").getLeader().getNodeName();
    return cluster.getJettySolrRunners().stream()
        .filter(j -> j.getNodeName().equals(leaderNode))
        .findFirst()
        .orElseThrow();
  }

  private static boolean allReplicasActive(Set<String> liveNodes, DocCollection collection) {
    return collection != null
        && collection.getReplicas().stream()
            .allMatch(
                r -> r.getState() == Replica.State.ACTIVE && liveNodes.contains(r.getNodeName()));
  }

  /** The ids one replica holds, asked of that replica alone (distrib=false). */
  private static Set<String> replicaIds(Replica replica) throws Exception {
    try (Http2SolrClient client = new Http2SolrClient.Builder(replica.getBaseUrl()).build()) {
      SolrQuery all = new SolrQuery("*:*");
      all.set("distrib", false);
      all.setFields("id");
      all.setRows(100_000);
      Set<String> ids = ConcurrentHashMap.newKeySet();
      client
          .query(replica.getCoreName(), all)
          .getResults()
          .forEach(d -> ids.add((String) d.getFieldValue("id")));
      return ids;
    }
  }

  private static long numFound(String collection, SolrQuery query) {
    try {
      return cluster.getSolrClient().query(collection, query).getResults().getNumFound();
    } catch (Exception e) {
      return -1;
    }
  }

  /** The shard the collection's router puts a document id in. */
  private static String shardOf(DocCollection state, String id) {
    return state.getRouter().getTargetSlice(id, null, null, null, state).getName();
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }
}
