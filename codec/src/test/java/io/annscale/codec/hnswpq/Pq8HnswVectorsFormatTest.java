package io.annscale.codec.hnswpq;

import io.annscale.codec.AnnscaleCodec;
import io.annscale.codec.pq.PqBits;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.tests.index.BaseKnnVectorsFormatTestCase;

/** Lucene's own contract tests for vector formats, for PQ8 (every test of the base class). */
public class Pq8HnswVectorsFormatTest extends BaseKnnVectorsFormatTestCase {
  @Override
  protected Codec getCodec() {
    return new AnnscaleCodec(
        new PqHnswVectorsFormat(
            Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
            Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
            PqParameters.of(PqBits.EIGHT),
            graphThreshold(getTestName()),
            1,
            null));
  }

  /**
   * Segments with and without graphs, mixed: a flush writes none, a merge builds one from a random
   * threshold up. A merge-stability test merges one segment and expects the same files, which a
   * graph built by that merge would not give.
   */
  static int graphThreshold(String testName) {
    if (testName.startsWith("testMergeStability")) {
      return Integer.MAX_VALUE;
    }
    return random().nextBoolean() ? 0 : random().nextInt(1, 200);
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
    e =
        expectThrows(
            IllegalArgumentException.class,
            () -> new PqHnswVectorsFormat(16, 100, PqParameters.DEFAULT, -1, 1, null));
    assertTrue(e.getMessage(), e.getMessage().contains("graphThreshold=-1"));
  }
}
