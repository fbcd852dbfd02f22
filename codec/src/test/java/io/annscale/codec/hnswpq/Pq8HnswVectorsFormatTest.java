package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.pq.PqBits;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.tests.index.BaseKnnVectorsFormatTestCase;

/** Lucene's own contract tests for vector formats, for PQ8 (every test of the base class). */
public class Pq8HnswVectorsFormatTest extends BaseKnnVectorsFormatTestCase {
  @Override
  protected Codec getCodec() {
    return new AnnscaleCodec(new PqHnswVectorsFormat(PqParameters.of(PqBits.EIGHT)));
  }

  public void testFormatIsFoundByName() {
    KnnVectorsFormat format = KnnVectorsFormat.forName(PqHnswVectorsFormat.NAME);
    assertTrue(format.toString(), format instanceof PqHnswVectorsFormat);
  }

  public void testRejectsBadParameters() {
    IllegalArgumentException e =
        expectThrows(IllegalArgumentException.class, () -> PqParameters.DEFAULT.withOversample(0));
    assertTrue(e.getMessage(), e.getMessage().contains("oversample=0"));
    e = expectThrows(IllegalArgumentException.class, () -> PqParameters.DEFAULT.withSubspaces(-1));
    assertTrue(e.getMessage(), e.getMessage().contains("subspaces=-1"));
    e =
        expectThrows(
            IllegalArgumentException.class,
            () -> new PqHnswVectorsFormat(0, 100, PqParameters.DEFAULT));
    assertTrue(e.getMessage(), e.getMessage().contains("maxConn=0"));
  }
}
