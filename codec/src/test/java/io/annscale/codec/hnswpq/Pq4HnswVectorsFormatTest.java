package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.pq.PqBits;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.tests.index.BaseKnnVectorsFormatTestCase;

/** Lucene's own contract tests for vector formats, for PQ4 (every test of the base class). */
public class Pq4HnswVectorsFormatTest extends BaseKnnVectorsFormatTestCase {
  @Override
  protected Codec getCodec() {
    return new AnnscaleCodec(
        new PqHnswVectorsFormat(
            Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
            Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
            PqParameters.of(PqBits.FOUR),
            Pq8HnswVectorsFormatTest.graphThreshold(getTestName()),
            1,
            null));
  }
}
