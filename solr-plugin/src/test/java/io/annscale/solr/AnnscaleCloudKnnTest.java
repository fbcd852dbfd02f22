package io.annscale.solr;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.core.SolrCore;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.util.RefCounted;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Each configset on a real SolrCloud (3 nodes, real ZooKeeper): a collection of 2 shards x 2 replicas, siftsmall
 * (or its generated stand-in, see {@link TestVectors}) indexed through SolrJ, {@code {!knn}} queries checked against brute force, and every replica's segments
 * checked to be written with the configset's vector format.
 */
public class AnnscaleCloudKnnTest extends SolrCloudTestCase {
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
    TestVectors data = TestVectors.load();
    for (String[] configset :
        new String[][] {
          {"lucene-hnsw", "Lucene99HnswVectorsFormat"},
          {"annscale-pq8", "AnnscalePqHnsw1"},
          {"annscale-diskann", "AnnscaleDiskAnn1"}
        }) {
      String collection = configset[0] + "_c";
      CollectionAdminRequest.createCollection(collection, configset[0], 2, 2).process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 2, 4);
      cluster.getSolrClient().add(collection, data.documents());
      cluster.getSolrClient().commit(collection);

      int[][] results = new int[data.queries().length][];
      for (int q = 0; q < results.length; q++) {
        SolrQuery query = new SolrQuery("{!knn f=vector topK=" + K + "}" + Arrays.toString(data.queries()[q]));
        query.setRows(K);
        query.setFields("id", "score");
        QueryResponse response = cluster.getSolrClient().query(collection, query);
        assertEquals(configset[0], K, response.getResults().size());
        results[q] = response.getResults().stream().mapToInt(d -> Integer.parseInt((String) d.getFieldValue("id"))).toArray();
      }
      double recall = data.recall(results, K);
      System.out.printf(java.util.Locale.ROOT, "%s on %s: recall@10=%.4f%n", configset[0], data.source(), recall);
      assertTrue(configset[0] + " on " + data.source() + ": recall@10=" + recall, recall >= 0.95);
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
}
