package io.annscale.solr;

import io.annscale.codec.hnswpq.PqHnswVectorsFormat;
import io.annscale.diskann.DiskAnnVectorsFormat;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.common.SolrException;
import org.apache.solr.schema.FieldType;
import org.apache.solr.schema.FieldTypes;
import org.apache.solr.schema.IndexSchema;
import org.junit.BeforeClass;

/**
 * Schema attributes: defaults build the formats; a bad value fails at schema load naming type,
 * attribute, value.
 */
public class VectorFieldAttributesTest extends SolrTestCaseJ4 {
  /** A core from the DiskANN configset: its schema is what field types are initialised against. */
  @BeforeClass
  public static void loadCore() throws Exception {
    // the configset as shipped: a file-system directory with native locks, not the framework's
    // in-memory one
    useFactory("solr.NRTCachingDirectoryFactory");
    initCore(
        "solrconfig.xml",
        "schema.xml",
        AnnscaleCloudKnnTest.annscaleConfigset("annscale-diskann")
            .getParent()
            .getParent()
            .toString(),
        "annscale-diskann");
  }

  @org.junit.Test
  public void testDefaultsBuildTheFormats() {
    DiskAnnVectorField diskAnn = init(new DiskAnnVectorField(), Map.of());
    assertTrue(
        diskAnn.knnVectorsFormat().toString(),
        diskAnn.knnVectorsFormat() instanceof DiskAnnVectorsFormat);
    PqHnswVectorField pq = init(new PqHnswVectorField(), Map.of(PqHnswVectorField.PQ_BITS, "4"));
    assertTrue(
        pq.knnVectorsFormat().toString(), pq.knnVectorsFormat() instanceof PqHnswVectorsFormat);
    assertTrue(pq.knnVectorsFormat().toString(), pq.knnVectorsFormat().toString().contains("PQ4"));
    DiskAnnVectorField tuned =
        init(new DiskAnnVectorField(), Map.of(DiskAnnVectorField.MAX_DEGREE, "32"));
    assertTrue(
        tuned.knnVectorsFormat().toString(), tuned.knnVectorsFormat().toString().contains("R=32"));
    PqHnswVectorField tunedPq =
        init(new PqHnswVectorField(), Map.of(PqHnswVectorField.PQ_GRAPH_THRESHOLD, "500"));
    assertEquals(500, ((PqHnswVectorsFormat) tunedPq.knnVectorsFormat()).graphThreshold());
  }

  @org.junit.Test
  public void testBadValuesNameTheAttribute() {
    assertBad(new DiskAnnVectorField(), DiskAnnVectorField.MAX_DEGREE, "0", "an integer in 1..512");
    assertBad(new DiskAnnVectorField(), DiskAnnVectorField.ALPHA, "three", "a number in 1.0..2.0");
    assertBad(new DiskAnnVectorField(), DiskAnnVectorField.BEAM_WIDTH, "65", "an integer in 1..64");
    assertBad(new PqHnswVectorField(), PqHnswVectorField.PQ_BITS, "6", "4 or 8");
    assertBad(
        new PqHnswVectorField(), PqHnswVectorField.PQ_OVERSAMPLE, "0", "an integer in 1..100");
    assertBad(
        new PqHnswVectorField(), PqHnswVectorField.PQ_SUBSPACES, "9", "at most vectorDimension=8");
    assertBad(
        new PqHnswVectorField(),
        PqHnswVectorField.PQ_GRAPH_THRESHOLD,
        "-1",
        "an integer in 0..2147483647");
  }

  @org.junit.Test
  public void testDimensionAboveTheFormatsLimitFailsAtSchemaLoad() {
    assertBad(
        new DiskAnnVectorField(), "vectorDimension", "4097", "at most 4096, the most DiskANN");
    assertBad(new PqHnswVectorField(), "vectorDimension", "4097", "at most 4096, the most PQ-HNSW");
    DiskAnnVectorField largest = init(new DiskAnnVectorField(), Map.of("vectorDimension", "4096"));
    assertEquals(4096, largest.knnVectorsFormat().getMaxDimensions("vector"));
  }

  private static void assertBad(FieldType type, String attribute, String value, String allowed) {
    SolrException e = expectThrows(SolrException.class, () -> init(type, Map.of(attribute, value)));
    assertEquals(SolrException.ErrorCode.SERVER_ERROR.code, e.code());
    assertTrue(
        e.getMessage(),
        e.getMessage().contains("field type knn_vector: " + attribute + "=\"" + value + "\"")
            && e.getMessage().contains(allowed));
  }

  private static <T extends FieldType> T init(T type, Map<String, String> attributes) {
    Map<String, String> args = new HashMap<>(attributes);
    args.putIfAbsent("vectorDimension", "8");
    args.put("similarityFunction", "euclidean");
    IndexSchema schema = h.getCore().getLatestSchema();
    FieldTypes.init(type, "knn_vector", schema, args);
    return type;
  }
}
