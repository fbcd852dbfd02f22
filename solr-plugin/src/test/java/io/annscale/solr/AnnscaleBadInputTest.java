package io.annscale.solr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Bad input on a real SolrCloud, for every configset: malformed queries and documents are refused
 * with HTTP 400 and a message naming the field and the problem; afterwards the collection still
 * answers and holds every document it had.
 */
public class AnnscaleBadInputTest extends SolrCloudTestCase {
  private static final int DOCS = 300;

  @BeforeClass
  public static void setupCluster() throws Exception {
    configureCluster(2)
        .addConfig("lucene-hnsw", AnnscaleCloudKnnTest.annscaleConfigset("lucene-hnsw"))
        .addConfig("annscale-pq8", AnnscaleCloudKnnTest.annscaleConfigset("annscale-pq8"))
        .addConfig("annscale-diskann", AnnscaleCloudKnnTest.annscaleConfigset("annscale-diskann"))
        .configure();
  }

  @Test
  public void badQueriesAndDocumentsAreRefusedAndNothingIsLost() throws Exception {
    for (String configset : List.of("lucene-hnsw", "annscale-pq8", "annscale-diskann")) {
      String collection = configset + "_bad";
      CollectionAdminRequest.createCollection(collection, configset, 2, 1)
          .process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 2, 2);
      Random random = new Random(5);
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = 0; i < DOCS; i++) {
        docs.add(doc(Integer.toString(i), randomVector(random, 128)));
      }
      cluster.getSolrClient().add(collection, docs);
      cluster.getSolrClient().commit(collection);
      String good = Arrays.toString(toArray(randomVector(random, 128)));

      assertBadQuery(collection, "{!annknn f=vector topK=0}" + good, "topK=0 is not allowed");
      assertBadQuery(
          collection, "{!annknn f=vector topK=10000000}" + good, "topK=10000000 is not allowed");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10 efSearch=50}" + good,
          "unknown parameter 'efSearch'");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10 global=maybe}" + good,
          "global=maybe is not allowed");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10 searchList=5}" + good,
          "searchList=5 is not allowed");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}[1.0, 2.0, 3.0]",
          "has 3 values, the field's dimension is 128");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}" + good.replaceFirst("^\\[[^,]*", "[NaN"),
          "values must be finite");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}" + good.replaceFirst("^\\[[^,]*", "[Infinity"),
          "values must be finite");
      assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}" + good.replaceFirst("^\\[[^,]*", "[abc"),
          "'abc', is not a number");
      assertBadQuery(collection, "{!annknn f=vector topK=10}", "no query vector");
      assertBadQuery(
          collection,
          "{!annknn f=title topK=10}" + good,
          "field \"title\" is not a dense vector field");

      // our field types refuse bad vectors with a 400 naming the field; stock Solr's
      // DenseVectorField answers 500
      int status = configset.equals("lucene-hnsw") ? 500 : 400;
      assertBadDocument(
          collection,
          doc("bad-dimension", Collections.nCopies(3, 1f)),
          status,
          status == 400
              ? "field \"vector\": the vector has 3 values, the field's dimension is 128"
              : "'vector'");
      List<Object> notNumbers = new ArrayList<>(Collections.nCopies(128, 1f));
      notNumbers.set(7, "abc");
      assertBadDocument(
          collection,
          doc("bad-number", notNumbers),
          status,
          status == 400
              ? "field \"vector\": value 8 of the vector, 'abc', is not a number"
              : "vector");
      List<Object> nan = new ArrayList<>(Collections.nCopies(128, 1f));
      nan.set(0, Float.NaN);
      if (status == 400) {
        assertBadDocument(
            collection, doc("bad-nan", nan), 400, "field \"vector\": value 1 of the vector is NaN");
      }

      cluster.getSolrClient().commit(collection);
      assertEquals(
          configset,
          DOCS,
          cluster
              .getSolrClient()
              .query(collection, new SolrQuery("*:*"))
              .getResults()
              .getNumFound());
      SolrQuery knn = new SolrQuery("{!annknn f=vector topK=10}" + good);
      knn.setRows(10);
      assertEquals(
          configset, 10, cluster.getSolrClient().query(collection, knn).getResults().size());
    }
  }

  /** The query is refused with HTTP 400, its message naming {@code annknn} and the problem. */
  static void assertBadQuery(String collection, String q, String expected) {
    SolrException e =
        expectThrows(
            SolrException.class, () -> cluster.getSolrClient().query(collection, new SolrQuery(q)));
    assertEquals(q + ": " + e.getMessage(), 400, e.code());
    assertTrue(q + ": " + e.getMessage(), e.getMessage().contains(expected));
    assertTrue(q + ": " + e.getMessage(), e.getMessage().contains("annknn"));
  }

  private static void assertBadDocument(
      String collection, SolrInputDocument doc, int status, String expected) {
    SolrException e =
        expectThrows(SolrException.class, () -> cluster.getSolrClient().add(collection, doc));
    assertEquals(e.getMessage(), status, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(expected));
  }

  private static SolrInputDocument doc(String id, List<?> vector) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", id);
    doc.addField("vector", vector);
    return doc;
  }

  private static List<Float> randomVector(Random random, int dimension) {
    List<Float> vector = new ArrayList<>(dimension);
    for (int i = 0; i < dimension; i++) {
      vector.add((float) random.nextGaussian());
    }
    return vector;
  }

  private static float[] toArray(List<Float> vector) {
    float[] array = new float[vector.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = vector.get(i);
    }
    return array;
  }
}
