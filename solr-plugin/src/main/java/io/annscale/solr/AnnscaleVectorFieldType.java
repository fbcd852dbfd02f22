package io.annscale.solr;

import org.apache.lucene.codecs.KnnVectorsFormat;

/**
 * A Solr field type whose vectors use an annscale format. {@link AnnscaleCodecFactory} asks it for
 * the format; the type builds it from its schema attributes once, at schema load, so bad attributes
 * fail there.
 */
public interface AnnscaleVectorFieldType {
  KnnVectorsFormat knnVectorsFormat();
}
