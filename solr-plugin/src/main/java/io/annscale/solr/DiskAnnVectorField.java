package io.annscale.solr;

import io.annscale.diskann.DiskAnnParameters;
import io.annscale.diskann.DiskAnnVectorsFormat;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.index.IndexableField;
import org.apache.solr.schema.DenseVectorField;
import org.apache.solr.schema.IndexSchema;
import org.apache.solr.schema.SchemaField;

/**
 * A {@link DenseVectorField} stored with {@link DiskAnnVectorsFormat}: a Vamana graph in 4 KiB node
 * blocks read per query, PQ codes in memory. Attributes, besides {@code vectorDimension} and {@code
 * similarityFunction} (defaults are DiskANN's):
 *
 * <ul>
 *   <li>{@code diskAnnMaxDegree} (R): 1..512, default 64
 *   <li>{@code diskAnnBuildListSize} (L while building): 1..100000, default 100
 *   <li>{@code diskAnnAlpha}: 1.0..2.0, default 1.2
 *   <li>{@code diskAnnBuildPasses}: insertion passes, 1 or 2, default 1
 *   <li>{@code diskAnnSearchListSize} (default L at query time): 1..100000, default 100
 *   <li>{@code diskAnnBeamWidth} (W): 1..64, default 4
 *   <li>{@code diskAnnCacheMegabytes}: hot-node cache per segment, 0..1048576, or -1 (the default)
 *       for 1% of the segment's node file, at most 64 MiB
 *   <li>{@code diskAnnGraphThreshold}: fewest vectors a merged segment needs for a graph, default
 *       10000; smaller segments, and every flushed one, are searched exactly
 * </ul>
 *
 * <p>A flush builds no graph; the collection's {@code solrconfig.xml} should use {@link
 * GraphMergePolicyFactory}, so that a large flushed segment gets its graph on a merge thread soon
 * after.
 */
public class DiskAnnVectorField extends DenseVectorField implements AnnscaleVectorFieldType {
  public static final String MAX_DEGREE = "diskAnnMaxDegree";
  public static final String BUILD_LIST_SIZE = "diskAnnBuildListSize";
  public static final String ALPHA = "diskAnnAlpha";
  public static final String BUILD_PASSES = "diskAnnBuildPasses";
  public static final String SEARCH_LIST_SIZE = "diskAnnSearchListSize";
  public static final String BEAM_WIDTH = "diskAnnBeamWidth";
  public static final String CACHE_MEGABYTES = "diskAnnCacheMegabytes";
  public static final String GRAPH_THRESHOLD = "diskAnnGraphThreshold";

  static {
    StoredVectorResponses.register(DiskAnnVectorField.class);
  }

  private KnnVectorsFormat format;

  @Override
  public void init(IndexSchema schema, Map<String, String> args) {
    LuceneSpiRegistration.ensureRegistered();
    SchemaAttributes attributes = new SchemaAttributes(typeName, args);
    DiskAnnParameters d = DiskAnnParameters.DEFAULT;
    DiskAnnParameters parameters =
        d.withMaxDegree(
                attributes.intValue(MAX_DEGREE, d.maxDegree(), 1, DiskAnnParameters.MAX_DEGREE))
            .withBuildListSize(
                attributes.intValue(
                    BUILD_LIST_SIZE, d.buildListSize(), 1, DiskAnnParameters.MAX_SEARCH_LIST_SIZE))
            .withAlpha(attributes.floatValue(ALPHA, d.alpha(), 1f, DiskAnnParameters.MAX_ALPHA))
            .withBuildPasses(attributes.intValue(BUILD_PASSES, d.buildPasses(), 1, 2))
            .withSearchListSize(
                attributes.intValue(
                    SEARCH_LIST_SIZE,
                    d.searchListSize(),
                    1,
                    DiskAnnParameters.MAX_SEARCH_LIST_SIZE))
            .withBeamWidth(
                attributes.intValue(BEAM_WIDTH, d.beamWidth(), 1, DiskAnnParameters.MAX_BEAM_WIDTH))
            .withCacheMegabytes(
                attributes.intValue(
                    CACHE_MEGABYTES, d.cacheMegabytes(), DiskAnnParameters.AUTO_CACHE, 1 << 20))
            .withGraphThreshold(
                attributes.intValue(GRAPH_THRESHOLD, d.graphThreshold(), 0, Integer.MAX_VALUE));
    super.init(schema, args);
    attributes.checkDimension(getDimension(), DiskAnnVectorsFormat.MAX_DIMENSIONS, "DiskANN");
    format = new DiskAnnVectorsFormat(parameters);
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
