package io.annscale.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code vectorEncoding="BYTE"} fields on a real SolrCloud, for every configset: documents of
 * whole-number vectors are written by the configset's format, {@code {!annknn}} builds a
 * byte-vector query and answers with recall against exact ground truth, and values a byte cannot
 * hold are refused with HTTP 400 naming the field and the value.
 */
public class AnnscaleByteVectorTest extends SolrCloudTestCase {
  private static final int K = 10;
  private static final int DIMENSION = 16;
  private static final int DOCS = 2_000;
  private static final int QUERIES = 30;

  /** Configset, the format its segments record for a BYTE field. */
  private static final String[][] CONFIGSETS = {
    {"lucene-hnsw", "Lucene99HnswVectorsFormat"},
    {"annscale-pq8", "AnnscalePqHnsw1"},
    {"annscale-diskann", "AnnscaleDiskAnn1"}
  };

  @BeforeClass
  public static void setupCluster() throws Exception {
    var builder = configureCluster(2);
    for (String[] configset : CONFIGSETS) {
      builder.addConfig(configset[0] + "-byte", byteConfigset(configset[0]));
    }
    builder.configure();
  }

  /** The configset with its vector field type turned into 16-d BYTE vectors. */
  private static Path byteConfigset(String name) throws Exception {
    Path source = AnnscaleCloudKnnTest.annscaleConfigset(name);
    Path conf = createTempDir(name + "-byte").resolve("conf");
    Files.createDirectories(conf);
    for (String file : List.of("solrconfig.xml", "schema.xml")) {
      Files.copy(source.resolve(file), conf.resolve(file));
    }
    Path schema = conf.resolve("schema.xml");
    String text = Files.readString(schema);
    String changed =
        text.replace(
            "vectorDimension=\"128\"",
            "vectorDimension=\"" + DIMENSION + "\" vectorEncoding=\"BYTE\"");
    assertNotEquals(name + ": the schema's vector field type was not found", text, changed);
    Files.writeString(schema, changed);
    return conf;
  }

  @Test
  public void byteFieldsAreSearchedAsBytesWithRecallAndBadBytesAreRefused() throws Exception {
    Random random = new Random(11);
    byte[][] base = new byte[DOCS][];
    List<SolrInputDocument> docs = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      base[i] = randomBytes(random);
      docs.add(doc(Integer.toString(i), base[i]));
    }
    byte[][] queries = new byte[QUERIES][];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = randomBytes(random);
    }
    for (String[] configset : CONFIGSETS) {
      String collection = configset[0].replace('-', '_') + "_byte";
      CollectionAdminRequest.createCollection(collection, configset[0] + "-byte", 2, 1)
          .process(cluster.getSolrClient());
      cluster.waitForActiveCollection(collection, 2, 2);
      cluster.getSolrClient().add(collection, docs);
      cluster.getSolrClient().commit(collection);
      assertEquals(
          configset[0], Set.of(configset[1]), AnnscaleCloudKnnTest.vectorFormats(collection));

      int hits = 0;
      int wanted = 0;
      for (byte[] query : queries) {
        SolrQuery knn =
            new SolrQuery("{!annknn f=vector topK=" + K + " searchList=60}" + text(query));
        knn.setFields("id");
        knn.setRows(K);
        Set<Integer> found =
            cluster.getSolrClient().query(collection, knn).getResults().stream()
                .map(d -> Integer.parseInt((String) d.getFieldValue("id")))
                .collect(Collectors.toSet());
        assertEquals(configset[0] + ": hits", K, found.size());
        for (int id : exactTop(base, query)) {
          hits += found.contains(id) ? 1 : 0;
          wanted++;
        }
      }
      double recall = hits / (double) wanted;
      assertTrue(configset[0] + ": recall@10 " + recall, recall >= 0.95);

      String good = text(queries[0]);
      AnnscaleBadInputTest.assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}" + good.replaceFirst("^\\[[^,]*", "[200"),
          "value 1 of the query vector, '200', is not allowed; the field's vectors are BYTE");
      AnnscaleBadInputTest.assertBadQuery(
          collection,
          "{!annknn f=vector topK=10}" + good.replaceFirst("^\\[[^,]*", "[1.5"),
          "'1.5', is not allowed");
      if (configset[0].equals("annscale-pq8")) {
        AnnscaleBadInputTest.assertBadQuery(
            collection,
            "{!annknn f=vector topK=10 oversample=3}" + good,
            "oversample applies to PQ-HNSW fields of FLOAT32 vectors");
      }
      if (!configset[0].equals("lucene-hnsw")) {
        // our field types check documents; stock Solr's DenseVectorField has its own message
        List<Object> tooLarge = new ArrayList<>(List.of(1, 2, 300));
        while (tooLarge.size() < DIMENSION) {
          tooLarge.add(0);
        }
        SolrInputDocument bad = new SolrInputDocument();
        bad.addField("id", "bad");
        bad.addField("vector", tooLarge);
        SolrException e =
            expectThrows(SolrException.class, () -> cluster.getSolrClient().add(collection, bad));
        assertEquals(e.getMessage(), 400, e.code());
        assertTrue(
            e.getMessage(),
            e.getMessage()
                .contains("field \"vector\": value 3 of the vector, 300, is not allowed"));
      }
      cluster.getSolrClient().commit(collection);
      // the stored vector comes back as the whole numbers it was given, as from Solr's own field
      SolrQuery stored = new SolrQuery("id:7");
      stored.setFields("vector");
      Object vector =
          cluster
              .getSolrClient()
              .query(collection, stored)
              .getResults()
              .get(0)
              .getFieldValue("vector");
      assertEquals(
          configset[0] + ": stored vector", doc("7", base[7]).getFieldValues("vector"), vector);
      assertEquals(
          configset[0],
          DOCS,
          cluster
              .getSolrClient()
              .query(collection, new SolrQuery("*:*"))
              .getResults()
              .getNumFound());
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] vector = new byte[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      vector[d] = (byte) Math.max(-128, Math.min(127, Math.round(random.nextGaussian() * 40)));
    }
    return vector;
  }

  /** The K nearest ids by squared Euclidean distance, ties broken by id. */
  private static int[] exactTop(byte[][] base, byte[] query) {
    return IntStream.range(0, base.length)
        .boxed()
        .sorted(
            Comparator.<Integer>comparingLong(i -> squaredDistance(base[i], query))
                .thenComparing(i -> i))
        .limit(K)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static long squaredDistance(byte[] a, byte[] b) {
    long sum = 0;
    for (int d = 0; d < a.length; d++) {
      long diff = a[d] - b[d];
      sum += diff * diff;
    }
    return sum;
  }

  private static String text(byte[] vector) {
    return Arrays.toString(vector);
  }

  private static SolrInputDocument doc(String id, byte[] vector) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField("id", id);
    List<Integer> values = new ArrayList<>(vector.length);
    for (byte b : vector) {
      values.add((int) b);
    }
    doc.addField("vector", values);
    return doc;
  }
}
