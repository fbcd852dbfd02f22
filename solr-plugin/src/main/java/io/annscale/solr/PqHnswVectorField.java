package io.annscale.solr;

import io.annscale.codec.hnswpq.PqHnswVectorsFormat;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.codec.pq.PqBits;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexableField;
import org.apache.solr.common.SolrException;
import org.apache.solr.schema.DenseVectorField;
import org.apache.solr.schema.IndexSchema;
import org.apache.solr.schema.SchemaField;

/**
 * A {@link DenseVectorField} stored with {@link PqHnswVectorsFormat}: Lucene's HNSW searched on
 * product-quantized codes with an exact rerank. Attributes, besides {@code DenseVectorField}'s
 * ({@code vectorDimension}, {@code similarityFunction}, {@code hnswMaxConnections}, {@code
 * hnswBeamWidth}):
 *
 * <ul>
 *   <li>{@code pqBits}: 8 (default) or 4
 *   <li>{@code pqSubspaces}: 1..dimension, or 0 (default) for dimension/4 (PQ8) or dimension/2
 *       (PQ4)
 *   <li>{@code pqOversample}: candidates reranked per result, 1..100 (default 5)
 *   <li>{@code pqGraphThreshold}: fewest documents a merged segment needs for a graph, default
 *       {@value PqHnswVectorsFormat#DEFAULT_GRAPH_THRESHOLD}; a flushed segment never has one and
 *       is searched exactly until merged. Use it with {@link GraphMergePolicyFactory}, so that such
 *       segments are merged on merge threads into ones with a graph.
 * </ul>
 */
public class PqHnswVectorField extends DenseVectorField implements AnnscaleVectorFieldType {
  public static final String PQ_BITS = "pqBits";
  public static final String PQ_SUBSPACES = "pqSubspaces";
  public static final String PQ_OVERSAMPLE = "pqOversample";
  public static final String PQ_GRAPH_THRESHOLD = "pqGraphThreshold";

  static {
    StoredVectorResponses.register(PqHnswVectorField.class);
  }

  private KnnVectorsFormat format;

  @Override
  public void init(IndexSchema schema, Map<String, String> args) {
    LuceneSpiRegistration.ensureRegistered();
    SchemaAttributes attributes = new SchemaAttributes(typeName, args);
    String bitsValue = args.get(PQ_BITS);
    int bits = attributes.intValue(PQ_BITS, 8, 4, 8);
    if (bits != 4 && bits != 8) {
      throw attributes.bad(PQ_BITS, bitsValue, "4 or 8");
    }
    int subspaces = attributes.intValue(PQ_SUBSPACES, PqParameters.AUTO, 0, 1 << 16);
    int oversample =
        attributes.intValue(
            PQ_OVERSAMPLE, PqParameters.DEFAULT_OVERSAMPLE, 1, PqParameters.MAX_OVERSAMPLE);
    int graphThreshold =
        attributes.intValue(
            PQ_GRAPH_THRESHOLD, PqHnswVectorsFormat.DEFAULT_GRAPH_THRESHOLD, 0, Integer.MAX_VALUE);
    super.init(schema, args);
    attributes.checkDimension(getDimension(), PqHnswVectorsFormat.MAX_DIMENSIONS, "PQ-HNSW");
    if (subspaces > getDimension()) {
      throw attributes.bad(
          PQ_SUBSPACES, Integer.toString(subspaces), "at most vectorDimension=" + getDimension());
    }
    PqParameters pq =
        PqParameters.of(bits == 8 ? PqBits.EIGHT : PqBits.FOUR)
            .withSubspaces(subspaces)
            .withOversample(oversample);
    try {
      format =
          new PqHnswVectorsFormat(
              getHnswMaxConn(),
              getHnswBeamWidth(),
              pq,
              graphThreshold,
              Lucene99HnswVectorsFormat.DEFAULT_NUM_MERGE_WORKER,
              null);
    } catch (IllegalArgumentException e) {
      throw new SolrException(
          SolrException.ErrorCode.SERVER_ERROR,
          "field type " + typeName + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public List<IndexableField> createFields(SchemaField field, Object value) {
    IndexedVectorCheck.check(field.getName(), value, getDimension(), getVectorEncoding());
    return super.createFields(field, value);
  }

  @Override
  public KnnVectorsFormat knnVectorsFormat() {
    return format;
  }
}
