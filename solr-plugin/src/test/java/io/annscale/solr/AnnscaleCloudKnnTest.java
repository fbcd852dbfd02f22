package io.annscale.solr;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.core.SolrCore;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.util.RefCounted;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Each configset on a real SolrCloud (3 nodes, real ZooKeeper): a collection of 2 shards x 2 replicas, clustered
 * vectors indexed through SolrJ, {@code {!knn}} queries checked against brute force, and every replica's segments
 * checked to be written with the configset's vector format.
 */
public class AnnscaleCloudKnnTest extends SolrCloudTestCase {
  private static final int DIMENSION = 128;
  private static final int DOCS = 2000;
  private static final int QUERIES = 20;
  private static final int K = 10;

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(3)
        .addConfig("lucene-hnsw", annscaleConfigset("lucene-hnsw"))
        .addConfig("annscale-pq8", annscaleConfigset("annscale-pq8"))
        .addConfig("annscale-diskann", annscaleConfigset("annscale-diskann"))
        .configure();
  }

  /** The repository's configsets, found from the module directory Maven runs tests in. */
  static Path annscaleConfigset(String name) {
    Path module = Paths.get("").toAbsolutePath();
    Path root = module.getFileName().toString().equals("solr-plugin") ? module.getParent() : module;
    return root.resolve("configsets").resolve(name).resolve("conf");
  }

  @Test
  public void everyConfigsetIndexesAndAnswersWithRecall() throws Exception {
    float[][] data = clustered(new Random(42), DOCS);
    float[][] queries = clustered(new Random(43), QUERIES);
    for (String[] configset :
        new String[][] {
          {"lucene-hnsw", "Lucene99HnswVectorsFormat"},
          {"annscale-pq8", "AnnscalePqHnsw1"},
          {"annscale-diskann", "AnnscaleDiskAnn1"}
        }) {
      String collection = configset[0] + "_c";
      CollectionAdminRequest.createCollection(collection, configset[0], 2, 2).process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 2, 4);
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = 0; i < data.length; i++) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.addField("id", Integer.toString(i));
        List<Float> vector = new ArrayList<>(DIMENSION);
        for (float v : data[i]) {
          vector.add(v);
        }
        doc.addField("vector", vector);
        docs.add(doc);
      }
      cluster.getSolrClient().add(collection, docs);
      cluster.getSolrClient().commit(collection);

      double hits = 0;
      for (float[] query : queries) {
        SolrQuery q = new SolrQuery("{!knn f=vector topK=" + K + "}" + Arrays.toString(query));
        q.setRows(K);
        q.setFields("id", "score");
        QueryResponse response = cluster.getSolrClient().query(collection, q);
        assertEquals(configset[0], K, response.getResults().size());
        Set<Integer> truth = exactTop(data, query);
        for (SolrDocument doc : response.getResults()) {
          hits += truth.contains(Integer.parseInt((String) doc.getFieldValue("id"))) ? 1 : 0;
        }
      }
      double recall = hits / (QUERIES * K);
      assertTrue(configset[0] + ": recall@10=" + recall, recall >= 0.95);
      assertEquals(configset[0], Set.of(configset[1]), vectorFormats(collection));
    }
  }

  /** The vector format names recorded in the segments of every replica of the collection. */
  private static Set<String> vectorFormats(String collection) throws Exception {
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

  private static Set<Integer> exactTop(float[][] data, float[] query) {
    Integer[] ids = IntStream.range(0, data.length).boxed().toArray(Integer[]::new);
    Arrays.sort(ids, Comparator.comparingDouble(i -> -VectorSimilarityFunction.EUCLIDEAN.compare(query, data[i])));
    return new HashSet<>(Arrays.asList(ids).subList(0, K));
  }

  /** 20 gaussian clusters around normal centres, spread 0.3. */
  private static float[][] clustered(Random random, int count) {
    Random centres = new Random(11);
    float[][] centre = new float[20][DIMENSION];
    for (float[] c : centre) {
      for (int t = 0; t < DIMENSION; t++) {
        c[t] = (float) centres.nextGaussian();
      }
    }
    float[][] vectors = new float[count][DIMENSION];
    for (float[] v : vectors) {
      float[] c = centre[random.nextInt(centre.length)];
      for (int t = 0; t < DIMENSION; t++) {
        v[t] = c[t] + 0.3f * (float) random.nextGaussian();
      }
    }
    return vectors;
  }
}
