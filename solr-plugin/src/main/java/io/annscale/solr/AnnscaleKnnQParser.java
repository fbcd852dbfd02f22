package io.annscale.solr;

import io.annscale.codec.hnswpq.OversampledKnnCollector;
import io.annscale.codec.hnswpq.PqKnnFloatVectorQuery;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.diskann.DiskAnnKnnByteVectorQuery;
import io.annscale.diskann.DiskAnnKnnCollector;
import io.annscale.diskann.DiskAnnKnnFloatVectorQuery;
import io.annscale.diskann.DiskAnnParameters;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.schema.DenseVectorField;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.QueryParsing;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.neural.AbstractVectorQParserBase;

/**
 * {@code {!annknn f=vector topK=10 searchList=200 beamWidth=8 oversample=3}[v1, ..., vd]}:
 * k-nearest-neighbour search on any dense vector field, with annscale's query-time knobs, strict
 * input checks and, with {@link GlobalTopKComponent} in the search handler, a collection-wide top
 * K. Every problem is an HTTP 400 naming the field and what is wrong: an unknown parameter, a topK
 * outside 1..{@value #MAX_TOP_K}, a missing vector, a value that is not a number, NaN or infinite,
 * the wrong dimension, a knob the field's format has no use for. On a {@code vectorEncoding="BYTE"}
 * field the values are whole numbers in -128..127 and the query is a byte-vector one, as with
 * Solr's {@code {!knn}}.
 *
 * <ul>
 *   <li>{@code searchList}: candidates the graph search keeps (>= topK): DiskANN's search-list size
 *       L (default the field's); for HNSW fields Lucene's k, of which the best topK are returned
 *       (default topK)
 *   <li>{@code beamWidth}: DiskANN fields, node blocks read per round, 1..64 (default the field's)
 *   <li>{@code oversample}: PQ-HNSW fields, candidates reranked per result, 1..100 (default the
 *       field's)
 *   <li>{@code global}: {@code true} (default) for the collection's top K, {@code false} for K per
 *       shard
 *   <li>{@code preFilter}, {@code includeTags}, {@code excludeTags}: as Solr's {@code {!knn}}; by
 *       default the request's {@code fq} filter the graph search itself (pre-filtering), so K hits
 *       come back when K match
 * </ul>
 *
 * <p>When the request carries the global hits that {@link GlobalTopKComponent} collected for
 * exactly this query, the parser returns them ({@link GlobalHitsQuery}) instead of searching the
 * graph again.
 */
public class AnnscaleKnnQParser extends AbstractVectorQParserBase {
  public static final int MAX_TOP_K = 10_000;

  static final String TOP_K = "topK";
  static final String SEARCH_LIST = "searchList";
  static final String BEAM_WIDTH = "beamWidth";
  static final String OVERSAMPLE = "oversample";
  static final String GLOBAL = "global";
  private static final Set<String> KNOWN =
      Set.of(
          CommonParams.FIELD,
          TOP_K,
          SEARCH_LIST,
          BEAM_WIDTH,
          OVERSAMPLE,
          GLOBAL,
          "preFilter",
          "includeTags",
          "excludeTags",
          QueryParsing.TYPE,
          QueryParsing.V,
          "tag",
          "cache");

  private String fieldName;
  private int topK;
  private boolean global;

  public AnnscaleKnnQParser(
      String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    super(qstr, localParams, params, req);
  }

  @Override
  public Query parse() throws SyntaxError {
    if (localParams == null) {
      throw bad("annknn needs local parameters: {!annknn f=<field> topK=<k>}[v1, ..., vd]");
    }
    for (Iterator<String> it = localParams.getParameterNamesIterator(); it.hasNext(); ) {
      String name = it.next();
      if (!KNOWN.contains(name)) {
        throw bad(
            "annknn: unknown parameter '"
                + name
                + "'; known: f, topK, searchList, beamWidth, oversample, global, preFilter, includeTags, excludeTags");
      }
    }
    fieldName = localParams.get(CommonParams.FIELD);
    if (fieldName == null || fieldName.isBlank()) {
      throw bad("annknn: the vector field is missing: give f=<field>");
    }
    SchemaField field = req.getSchema().getFieldOrNull(fieldName);
    if (field == null || !(field.getType() instanceof DenseVectorField vectorType)) {
      throw bad(
          "annknn: field \"" + fieldName + "\" is not a dense vector field of this collection");
    }
    String where = "annknn on field \"" + fieldName + "\": ";
    topK = intParam(TOP_K, 10, 1, MAX_TOP_K, where);
    global = booleanParam(GLOBAL, true, where);
    boolean bytes = vectorType.getVectorEncoding() == VectorEncoding.BYTE;
    float[] floats = bytes ? null : parseVector(qstr, vectorType.getDimension(), where);
    byte[] byteVector = bytes ? parseByteVector(qstr, vectorType.getDimension(), where) : null;
    boolean diskAnn = field.getType() instanceof DiskAnnVectorField;
    boolean pq = field.getType() instanceof PqHnswVectorField;
    if (!diskAnn && localParams.get(BEAM_WIDTH) != null) {
      throw bad(where + "beamWidth applies to DiskANN fields");
    }
    if (!pq && localParams.get(OVERSAMPLE) != null) {
      throw bad(where + "oversample applies to PQ-HNSW fields");
    }
    if (bytes && localParams.get(OVERSAMPLE) != null) {
      throw bad(
          where
              + "oversample applies to PQ-HNSW fields of FLOAT32 vectors; BYTE vectors are"
              + " searched exactly, with no PQ codes to rerank");
    }
    GlobalHits hits = GlobalHits.fromRequest(params, fingerprint());
    if (hits != null) {
      return hits.toQuery(req.getSchema().getUniqueKeyField());
    }
    Query filter = getFilterQuery();
    if (diskAnn) {
      int searchList =
          intParam(
              SEARCH_LIST,
              DiskAnnKnnCollector.SEGMENT_DEFAULT,
              topK,
              DiskAnnParameters.MAX_SEARCH_LIST_SIZE,
              where);
      int beamWidth =
          intParam(
              BEAM_WIDTH,
              DiskAnnKnnCollector.SEGMENT_DEFAULT,
              1,
              DiskAnnParameters.MAX_BEAM_WIDTH,
              where);
      return bytes
          ? new DiskAnnKnnByteVectorQuery(
              fieldName, byteVector, topK, filter, searchList, beamWidth, null)
          : new DiskAnnKnnFloatVectorQuery(
              fieldName, floats, topK, filter, searchList, beamWidth, null);
    }
    Integer searchList =
        localParams.get(SEARCH_LIST) != null
            ? intParam(SEARCH_LIST, topK, topK, MAX_TOP_K, where)
            : null;
    if (bytes) {
      return searchList != null
          ? SearchListKnnQuery.of(fieldName, byteVector, topK, searchList, filter)
          : new KnnByteVectorQuery(fieldName, byteVector, topK, filter);
    }
    int oversample =
        pq && localParams.get(OVERSAMPLE) != null
            ? intParam(OVERSAMPLE, 0, 1, PqParameters.MAX_OVERSAMPLE, where)
            : 0;
    if (searchList != null) {
      return pq
          ? SearchListKnnQuery.pq(fieldName, floats, topK, searchList, filter, oversample)
          : SearchListKnnQuery.of(fieldName, floats, topK, searchList, filter);
    }
    if (pq) { // a PqKnnFloatVectorQuery also shares the collection's bar among segments
      return new PqKnnFloatVectorQuery(
          fieldName, floats, topK, filter, oversample, OversampledKnnCollector.SEGMENT_DEFAULT);
    }
    return new KnnFloatVectorQuery(fieldName, floats, topK, filter);
  }

  /** K, once parsed. */
  int topK() {
    return topK;
  }

  /** Whether this query asks for the collection's top K (and is the main query, not a filter). */
  boolean wantsGlobalTopK() {
    return global && !isFilter();
  }

  /**
   * Identifies this query (field, K, vector and knobs) so global hits are only ever applied to the
   * query they answer.
   */
  String fingerprint() {
    StringBuilder text =
        new StringBuilder(fieldName).append('|').append(topK).append('|').append(qstr);
    for (String knob :
        new String[] {
          SEARCH_LIST, BEAM_WIDTH, OVERSAMPLE, "preFilter", "includeTags", "excludeTags"
        }) {
      text.append('|').append(localParams.get(knob));
    }
    return Integer.toHexString(text.toString().hashCode()) + "-" + text.length();
  }

  /**
   * {@code [v1, ..., vd]} (brackets optional), each a finite number, exactly {@code dimension} of
   * them.
   */
  static float[] parseVector(String qstr, int dimension, String where) {
    String[] parts = values(qstr, dimension, where);
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      String part = parts[i];
      try {
        vector[i] = Float.parseFloat(part);
      } catch (NumberFormatException e) {
        throw bad(
            where + "value " + (i + 1) + " of the query vector, '" + part + "', is not a number");
      }
      if (!Float.isFinite(vector[i])) {
        throw bad(
            where
                + "value "
                + (i + 1)
                + " of the query vector is "
                + part
                + "; values must be finite");
      }
    }
    return vector;
  }

  /**
   * {@code [v1, ..., vd]} for a {@code vectorEncoding="BYTE"} field: each a whole number in
   * -128..127, exactly {@code dimension} of them, as Solr's own {@code DenseVectorField} takes
   * them.
   */
  static byte[] parseByteVector(String qstr, int dimension, String where) {
    String[] parts = values(qstr, dimension, where);
    byte[] vector = new byte[dimension];
    for (int i = 0; i < dimension; i++) {
      String part = parts[i];
      Integer value = SchemaAttributes.boundedInt(part, Byte.MIN_VALUE, Byte.MAX_VALUE);
      if (value == null) {
        throw bad(
            where
                + "value "
                + (i + 1)
                + " of the query vector, '"
                + part
                + "', is not allowed; the field's vectors are BYTE: whole numbers in -128..127");
      }
      vector[i] = value.byteValue();
    }
    return vector;
  }

  /** The query vector's values, trimmed: exactly {@code dimension} of them. */
  private static String[] values(String qstr, int dimension, String where) {
    String text = qstr == null ? "" : qstr.trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    if (text.isEmpty()) {
      throw bad(where + "no query vector; expected [v1, ..., v" + dimension + "]");
    }
    String[] parts = text.split(",");
    if (parts.length != dimension) {
      throw bad(
          where
              + "the query vector has "
              + parts.length
              + " values, the field's dimension is "
              + dimension);
    }
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].trim();
    }
    return parts;
  }

  private int intParam(String name, int defaultValue, int min, int max, String where) {
    String value = localParams.get(name);
    if (value == null) {
      return defaultValue;
    }
    Integer parsed = SchemaAttributes.boundedInt(value, min, max);
    if (parsed != null) {
      return parsed;
    }
    throw bad(
        String.format(
            Locale.ROOT,
            "%s%s=%s is not allowed; expected an integer in %d..%d",
            where,
            name,
            value,
            min,
            max));
  }

  private boolean booleanParam(String name, boolean defaultValue, String where) {
    String value = localParams.get(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw bad(where + name + "=" + value + " is not allowed; expected true or false");
  }

  static SolrException bad(String message) {
    return new SolrException(SolrException.ErrorCode.BAD_REQUEST, message);
  }
}
