package io.annscale.solr;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.util.RefCounted;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Each configset on a real SolrCloud (3 nodes, real ZooKeeper): a collection of 2 shards x 2
 * replicas, siftsmall (or its generated stand-in, see {@link TestVectors}) indexed through SolrJ;
 * {@code {!knn}} and {@code {!annknn}} recall against exact ground truth, every replica's segments
 * written with the configset's vector format, the collection-wide top K of {@code {!annknn}}
 * against Solr's per-shard top K, and {@code fq} pre-filtering.
 */
public class AnnscaleCloudKnnTest extends SolrCloudTestCase {
  private static final int K = 10;

  private static final String[][] CONFIGSETS = {
    {"lucene-hnsw", "Lucene99HnswVectorsFormat"},
    {"annscale-pq8", "AnnscalePqHnsw1"},
    {"annscale-diskann", "AnnscaleDiskAnn1"}
  };
  private static TestVectors data;

  @BeforeClass
  public static void setupCluster() throws Exception {
    // the test framework's solr.xml turns metrics off; the round-trip test counts requests by them
    System.setProperty("metricsEnabled", "true");
    configureCluster(3)
        .addConfig("lucene-hnsw", annscaleConfigset("lucene-hnsw"))
        .addConfig("annscale-pq8", annscaleConfigset("annscale-pq8"))
        .addConfig("annscale-diskann", annscaleConfigset("annscale-diskann"))
        .configure();
    data = TestVectors.load();
    for (String[] configset : CONFIGSETS) {
      String collection = collection(configset[0]);
      CollectionAdminRequest.createCollection(collection, configset[0], 2, 2)
          .process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 2, 4);
      cluster.getSolrClient().add(collection, data.documents());
      cluster.getSolrClient().commit(collection);
    }
  }

  @AfterClass
  public static void releaseData() {
    data = null;
  }

  private static String collection(String configset) {
    return configset + "_c";
  }

  /** The repository's configsets, found from the module directory Maven runs tests in. */
  static Path annscaleConfigset(String name) {
    Path module = Paths.get("").toAbsolutePath();
    Path root = module.getFileName().toString().equals("solr-plugin") ? module.getParent() : module;
    return root.resolve("configsets").resolve(name).resolve("conf");
  }

  @Test
  public void everyConfigsetIndexesAndAnswersWithRecall() throws Exception {
    for (String[] configset : CONFIGSETS) {
      String collection = collection(configset[0]);
      // Lucene's HNSW searched with k = 10 per shard lands either side of 0.95 on the generated
      // stand-in (0.944
      // seen): Solr's {!knn} has no other knob, so it is held to 0.90; {!annknn} raises the
      // baseline's search list
      // as a user would, and our formats answer with their defaults
      String baselineKnob = configset[0].equals("lucene-hnsw") ? " searchList=40" : "";
      for (String parser : new String[] {"knn", "annknn"}) {
        String local =
            "{!"
                + parser
                + " f=vector topK="
                + K
                + (parser.equals("annknn") ? baselineKnob : "")
                + "}";
        int[][] results = new int[data.queries().length][];
        for (int q = 0; q < results.length; q++) {
          SolrDocumentList hits = query(collection, local, data.queries()[q], 100);
          assertEquals(
              configset[0] + " " + local, parser.equals("annknn") ? K : 2L * K, hits.getNumFound());
          results[q] = Arrays.copyOf(ids(hits), K);
        }
        double recall = data.recall(results, K);
        double required = parser.equals("knn") && configset[0].equals("lucene-hnsw") ? 0.90 : 0.95;
        System.out.printf(
            Locale.ROOT,
            "%s %s on %s: recall@10=%.4f%n",
            configset[0],
            local,
            data.source(),
            recall);
        assertTrue(
            configset[0] + " " + local + " on " + data.source() + ": recall@10=" + recall,
            recall >= required);
      }
      assertEquals(configset[0], Set.of(configset[1]), vectorFormats(collection));
    }
  }

  /**
   * {!knn topK=K} finds K per shard (numFound = 2K here); {!annknn topK=K} the collection's best K,
   * same hits.
   */
  @Test
  public void annknnReturnsTheCollectionsTopK() throws Exception {
    for (String[] configset : CONFIGSETS) {
      String collection = collection(configset[0]);
      // one replica per shard for every request, so both parsers search the same graphs
      String leaders =
          cluster.getSolrClient().getClusterState().getCollection(collection).getSlices().stream()
              .map(slice -> slice.getLeader().getCoreUrl())
              .collect(Collectors.joining(","));
      for (int q = 0; q < 20; q++) {
        float[] vector = data.queries()[q];
        SolrDocumentList perShard =
            query(collection, "{!knn f=vector topK=" + K + "}", vector, 100, leaders);
        SolrDocumentList global =
            query(collection, "{!annknn f=vector topK=" + K + "}", vector, 100, leaders);
        SolrDocumentList optOut =
            query(
                collection, "{!annknn f=vector topK=" + K + " global=false}", vector, 100, leaders);
        assertEquals(configset[0], 2L * K, perShard.getNumFound());
        assertEquals(configset[0], 2L * K, optOut.getNumFound());
        assertEquals(configset[0], K, global.getNumFound());
        assertEquals(configset[0], K, global.size());
        assertArrayEquals(
            configset[0] + " query " + q, Arrays.copyOf(ids(perShard), K), ids(global));
        for (int i = 0; i < K; i++) {
          assertEquals(
              (Float) perShard.get(i).getFieldValue("score"),
              (Float) global.get(i).getFieldValue("score"),
              0f);
        }
      }
      // a large K travels to the shards in the request body (no URL length limit) and pages like
      // any result
      SolrDocumentList large =
          query(collection, "{!annknn f=vector topK=1500}", data.queries()[0], 20);
      assertEquals(configset[0], 1500L, large.getNumFound());
    }
  }

  /**
   * {@code {!annknn topK=K}} with {@code fl=id} costs one distributed round trip (the coordinator's
   * request and one per shard), with numFound = K and the same hits as the pre-pass path, which a
   * sort other than score alone still takes (two more shard requests).
   */
  @Test
  public void commonQueryTakesOneRoundTrip() throws Exception {
    int queries = 20;
    for (String[] configset : CONFIGSETS) {
      String collection = collection(configset[0]);
      String parser = "{!annknn f=vector topK=" + K + "}";
      // one replica per shard for every request, so both paths search the same graphs
      String leaders =
          cluster.getSolrClient().getClusterState().getCollection(collection).getSlices().stream()
              .map(slice -> slice.getLeader().getCoreUrl())
              .collect(Collectors.joining(","));
      int[][] direct = new int[queries][];
      long before = selectRequests(collection);
      for (int q = 0; q < queries; q++) {
        SolrQuery query = new SolrQuery(parser + Arrays.toString(data.queries()[q]));
        query.setRows(K);
        query.setFields("id");
        query.set("shards", leaders);
        SolrDocumentList hits = cluster.getSolrClient().query(collection, query).getResults();
        assertEquals(configset[0], K, hits.getNumFound());
        direct[q] = ids(hits);
      }
      long oneRoundTrip = selectRequests(collection) - before;
      assertEquals(
          configset[0] + ": /select requests for " + queries + " queries on 2 shards",
          3L * queries,
          oneRoundTrip);
      before = selectRequests(collection);
      for (int q = 0; q < queries; q++) {
        SolrQuery query = new SolrQuery(parser + Arrays.toString(data.queries()[q]));
        query.setRows(K);
        query.setFields("id");
        query.set("sort", "score desc, id asc");
        query.set("shards", leaders);
        SolrDocumentList hits = cluster.getSolrClient().query(collection, query).getResults();
        assertEquals(configset[0], K, hits.getNumFound());
        assertArrayEquals(configset[0] + " query " + q, direct[q], ids(hits));
      }
      assertEquals(
          configset[0] + ": the pre-pass costs two shard requests more per query",
          5L * queries,
          selectRequests(collection) - before);
    }
  }

  /** Requests the /select handlers of every core of the collection have answered. */
  private static long selectRequests(String collection) {
    long requests = 0;
    for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
      for (SolrCore core : jetty.getCoreContainer().getCores()) {
        if (!core.getCoreDescriptor().getCollectionName().equals(collection)) {
          continue;
        }
        for (var metric : core.getCoreMetricManager().getRegistry().getMetrics().entrySet()) {
          String name = metric.getKey();
          if (name.startsWith("QUERY./select")
              && name.endsWith(".requests")
              && metric.getValue() instanceof com.codahale.metrics.Counting counting) {
            requests += counting.getCount();
          }
        }
      }
    }
    return requests;
  }

  /**
   * The request's fq restricts the graph search itself: K hits that all match, close to the
   * filtered truth.
   */
  @Test
  public void filterQueriesPreFilterTheSearch() throws Exception {
    int[] allowed =
        IntStream.range(0, data.base().length)
            .filter(i -> Integer.toString(i).startsWith("1"))
            .toArray();
    for (String[] configset : CONFIGSETS) {
      String collection = collection(configset[0]);
      int[][] results = new int[20][];
      int[][] truth = new int[20][];
      for (int q = 0; q < results.length; q++) {
        float[] vector = data.queries()[q];
        SolrQuery query =
            new SolrQuery("{!annknn f=vector topK=" + K + "}" + Arrays.toString(vector));
        query.addFilterQuery("id:1*");
        query.setRows(100);
        query.setFields("id", "score");
        SolrDocumentList hits = cluster.getSolrClient().query(collection, query).getResults();
        assertEquals(configset[0], K, hits.getNumFound());
        results[q] = ids(hits);
        for (int id : results[q]) {
          assertTrue(
              configset[0] + ": hit " + id + " does not match fq id:1*",
              Integer.toString(id).startsWith("1"));
        }
        truth[q] =
            Arrays.stream(allowed)
                .boxed()
                .sorted(
                    Comparator.comparingDouble(
                        i -> -VectorSimilarityFunction.EUCLIDEAN.compare(vector, data.base()[i])))
                .limit(K)
                .mapToInt(Integer::intValue)
                .toArray();
      }
      double recall =
          new TestVectors(data.base(), data.queries(), truth, "filtered").recall(results, K);
      System.out.printf(
          Locale.ROOT,
          "%s {!annknn} fq=id:1* (%d of %d documents): recall@10=%.4f%n",
          configset[0],
          allowed.length,
          data.base().length,
          recall);
      assertTrue(configset[0] + " filtered recall@10=" + recall, recall >= 0.9);
    }
  }

  private static SolrDocumentList query(String collection, String parser, float[] vector, int rows)
      throws Exception {
    return query(collection, parser, vector, rows, null);
  }

  private static SolrDocumentList query(
      String collection, String parser, float[] vector, int rows, String shards) throws Exception {
    SolrQuery query = new SolrQuery(parser + Arrays.toString(vector));
    query.setRows(rows);
    query.setFields("id", "score");
    if (shards != null) {
      query.set("shards", shards);
    }
    return cluster.getSolrClient().query(collection, query).getResults();
  }

  private static int[] ids(SolrDocumentList hits) {
    return hits.stream().mapToInt(d -> Integer.parseInt((String) d.getFieldValue("id"))).toArray();
  }

  /** The vector format names recorded in the segments of every replica of the collection. */
  static Set<String> vectorFormats(String collection) throws Exception {
    Set<String> formats = new HashSet<>();
    for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
      for (SolrCore core : jetty.getCoreContainer().getCores()) {
        if (!core.getCoreDescriptor().getCollectionName().equals(collection)) {
          continue;
        }
        RefCounted<SolrIndexSearcher> searcher = core.getSearcher();
        try {
          for (LeafReaderContext leaf : searcher.get().getIndexReader().leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo("vector");
            if (info != null) {
              formats.add(info.getAttribute("PerFieldKnnVectorsFormat.format"));
            }
          }
        } finally {
          searcher.decref();
        }
      }
    }
    return formats;
  }
}
