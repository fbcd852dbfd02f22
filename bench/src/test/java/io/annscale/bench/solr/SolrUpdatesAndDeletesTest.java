package io.annscale.bench.solr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.testutil.ClusteredVectors;
import io.annscale.bench.truth.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Updates and deletes on a SolrCloud collection (2 shards x 2 replicas, each format's configset;
 * DiskANN with every segment given a graph and served with a cache budget of 1 MiB), while two
 * clients query without pause: documents are deleted, re-indexed with new vectors and added in
 * rounds, one round ends with an optimize. Once a round's commit has returned, no query sent after
 * it returns a deleted document; the checks after each commit find every hit live and scored as its
 * current vector, each updated document first at its new vector, the collection's count equal to
 * the live documents, and recall@10 against exact ground truth of the live documents >= 0.95. No
 * background query fails.
 */
public class SolrUpdatesAndDeletesTest {
  private static final int DIMENSION = 32;
  private static final int DOCS = 2_000;
  private static final int CHANGES_PER_ROUND = 100;
  private static final int ROUNDS = 3;
  private static final int OPTIMIZED_ROUND = 1;
  private static final int QUERIES = 30;
  private static final int K = 10;
  private static final int FANOUT = 50;
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.EUCLIDEAN;

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static LocalSolrCloud cluster;
  private static Path configsets;

  @BeforeClass
  public static void startCluster() throws Exception {
    cluster = LocalSolrCloud.start(2, TMP.newFolder().toPath());
    configsets = withDiskAnnGraphsForEverySegment(SolrConfigsets.locate(null));
  }

  @AfterClass
  public static void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  public void luceneHnsw() throws Exception {
    check(VectorFormatChoice.LUCENE_HNSW);
  }

  @Test
  public void pq8Hnsw() throws Exception {
    check(VectorFormatChoice.PQ8_HNSW);
  }

  @Test
  public void diskAnn() throws Exception {
    check(VectorFormatChoice.DISKANN);
  }

  private static void check(VectorFormatChoice format) throws Exception {
    CloudSolrClient client = cluster.client();
    String collection = "updates_" + format.cliName().replace('-', '_');
    SolrConfigsets.upload(
        client,
        configsets,
        SolrConfigsets.configsetFor(format),
        collection,
        DIMENSION,
        Metric.EUCLIDEAN);
    SolrCollections.recreate(client, collection, collection, 2, 2);
    SolrQueries queries = new SolrQueries(client, collection, format, 0);
    Random random = new Random(31);
    ClusteredVectors vectors = new ClusteredVectors(random, 20, DIMENSION);
    Map<String, float[]> live = new HashMap<>();
    List<SolrInputDocument> batch = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      float[] vector = vectors.near(random);
      live.put(Integer.toString(i), vector);
      batch.add(doc(Integer.toString(i), vector));
    }
    client.add(collection, batch);
    client.commit(collection);
    Set<String> deletedSoFar = new HashSet<>();
    BackgroundClients clients = new BackgroundClients(queries, vectors);
    try (clients) {
      int nextId = DOCS;
      for (int round = 0; round < ROUNDS; round++) {
        List<String> ids = new ArrayList<>(live.keySet());
        ids.sort(Comparator.naturalOrder());
        List<String> deleted = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<SolrInputDocument> writes = new ArrayList<>();
        for (int c = 0; c < CHANGES_PER_ROUND; c++) {
          String victim = ids.get(random.nextInt(ids.size()));
          if (live.containsKey(victim) && !updated.contains(victim)) {
            live.remove(victim);
            deleted.add(victim);
          }
          String changed = ids.get(random.nextInt(ids.size()));
          if (live.containsKey(changed) && !updated.contains(changed)) {
            float[] vector = vectors.near(random);
            live.put(changed, vector);
            updated.add(changed);
            writes.add(doc(changed, vector));
          }
          String added = Integer.toString(nextId++);
          float[] vector = vectors.near(random);
          live.put(added, vector);
          writes.add(doc(added, vector));
        }
        client.deleteById(collection, deleted);
        client.add(collection, writes);
        if (round == OPTIMIZED_ROUND) {
          client.optimize(collection, true, true, 1);
        }
        client.commit(collection, true, true);
        deletedSoFar.addAll(deleted);
        clients.committedDeletes(deletedSoFar);
        checkAfterCommit(
            format.cliName() + " round " + round,
            client,
            collection,
            queries,
            live,
            updated,
            deletedSoFar,
            vectors,
            random);
      }
    }
    String where = format.cliName() + " background queries";
    assertEquals(where + ": " + clients.firstViolation.get(), 0, clients.violations.get());
    assertEquals(where + " failed: " + clients.firstViolation.get(), 0, clients.failed.get());
    assertTrue(where + ": " + clients.answered.get(), clients.answered.get() > 0);
    SolrCollections.delete(client, collection);
  }

  private static void checkAfterCommit(
      String where,
      CloudSolrClient client,
      String collection,
      SolrQueries queries,
      Map<String, float[]> live,
      List<String> updated,
      Set<String> deleted,
      ClusteredVectors vectors,
      Random random)
      throws Exception {
    assertEquals(where + ": documents", live.size(), SolrCollections.documents(client, collection));
    double hits = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = vectors.near(random);
      List<String> found = search(where, queries, collection, client, query, live, deleted);
      Set<String> truth = ClusteredVectors.exactTop(live, query, SIMILARITY, K);
      for (String id : found) {
        hits += truth.contains(id) ? 1 : 0;
      }
    }
    double recall = hits / (QUERIES * K);
    assertTrue(where + ": recall@10 of live documents " + recall, recall >= 0.95);
    for (String id : updated.subList(0, Math.min(20, updated.size()))) {
      List<String> found = search(where, queries, collection, client, live.get(id), live, deleted);
      assertEquals(where + ": updated " + id + " found at its new vector", id, found.get(0));
    }
  }

  /** The top K with scores, each checked: live, not deleted, scored as its current vector. */
  private static List<String> search(
      String where,
      SolrQueries queries,
      String collection,
      CloudSolrClient client,
      float[] query,
      Map<String, float[]> live,
      Set<String> deleted)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (SolrDocument hit : scoredHits(queries, collection, client, query)) {
      String id = (String) hit.getFieldValue("id");
      assertTrue(where + ": deleted " + id + " returned", !deleted.contains(id));
      float[] current = live.get(id);
      assertTrue(where + ": " + id + " returned but not live", current != null);
      assertEquals(
          where + ": " + id + " scored as its current vector",
          SIMILARITY.compare(query, current),
          ((Number) hit.getFieldValue("score")).floatValue(),
          1e-5f);
      ids.add(id);
    }
    assertEquals(where + ": hits", K, ids.size());
    return ids;
  }

  private static List<SolrDocument> scoredHits(
      SolrQueries queries, String collection, CloudSolrClient client, float[] query)
      throws Exception {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("q", queries.parser(FANOUT, K) + Arrays.toString(query));
    params.set("rows", K);
    params.set("fl", "id,score");
    return new QueryRequest(params, SolrRequest.METHOD.POST)
        .process(client, collection)
        .getResults();
  }

  /**
   * Two clients querying without pause. Each takes the set of deletes committed so far before it
   * sends a query; a hit among them is a violation (the commit had returned before the query left).
   */
  private static final class BackgroundClients implements AutoCloseable {
    final AtomicLong answered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong violations = new AtomicLong();
    final AtomicReference<String> firstViolation = new AtomicReference<>();
    private final AtomicReference<Set<String>> committedDeletes = new AtomicReference<>(Set.of());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    BackgroundClients(SolrQueries queries, ClusteredVectors vectors) {
      for (int c = 0; c < 2; c++) {
        Random random = new Random(200 + c);
        Thread thread =
            new Thread(
                () -> {
                  while (running.get()) {
                    Set<String> deleted = committedDeletes.get();
                    try {
                      for (int id : queries.search(vectors.near(random), FANOUT, K)) {
                        if (deleted.contains(Integer.toString(id))) {
                          violations.incrementAndGet();
                          firstViolation.compareAndSet(null, "deleted " + id + " returned");
                        }
                      }
                      answered.incrementAndGet();
                    } catch (Exception e) {
                      failed.incrementAndGet();
                      firstViolation.compareAndSet(null, e.toString());
                    }
                  }
                },
                "updates-query-" + c);
        thread.start();
        threads.add(thread);
      }
    }

    void committedDeletes(Set<String> deleted) {
      committedDeletes.set(Set.copyOf(deleted));
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  /**
   * A copy of the repository's configsets in which DiskANN gives every segment a graph: the default
   * threshold (10,000 vectors) would leave this test's segments to exact scans.
   */
  private static Path withDiskAnnGraphsForEverySegment(Path configsets) throws Exception {
    Path copy = TMP.newFolder("configsets").toPath();
    for (String name : List.of("lucene-hnsw", "annscale-pq8", "annscale-diskann")) {
      Path conf = Files.createDirectories(copy.resolve(name).resolve("conf"));
      try (var files = Files.list(configsets.resolve(name).resolve("conf"))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.copy(file, conf.resolve(file.getFileName()));
        }
      }
    }
    Path schema = copy.resolve("annscale-diskann").resolve("conf").resolve("schema.xml");
    String text = Files.readString(schema);
    String graphs =
        text.replace(
            "class=\"io.annscale.solr.DiskAnnVectorField\"",
            "class=\"io.annscale.solr.DiskAnnVectorField\" diskAnnGraphThreshold=\"0\"");
    assertTrue("the DiskANN configset declares its field type", !graphs.equals(text));
    Files.writeString(schema, graphs);
    // and serves them with a cache budget of its own, which a merged segment in a compound file
    // would refuse: the configset's merge policy must write none
    Path solrconfig = schema.resolveSibling("solrconfig.xml");
    String config = Files.readString(solrconfig);
    String served = config.replace("${annscale.diskann.cacheMb:-1}", "1");
    assertTrue("the DiskANN configset sets its serving cache budget", !served.equals(config));
    Files.writeString(solrconfig, served);
    return copy;
  }

  private static SolrInputDocument doc(String id, float[] vector) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", id);
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    doc.addField("vector", values);
    return doc;
  }
}
