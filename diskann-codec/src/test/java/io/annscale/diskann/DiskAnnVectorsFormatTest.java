package io.annscale.diskann;

import io.annscale.codec.AnnscaleCodec;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.tests.index.BaseKnnVectorsFormatTestCase;

/**
 * Lucene's own contract tests for vector formats (every test of the base class: merges, deletes,
 * index sorting, filters, byte and float vectors, every similarity, CheckIndex), with random graph
 * settings and the hot-node cache on or off, so both the cached and the Directory read paths are
 * exercised.
 */
public class DiskAnnVectorsFormatTest extends BaseKnnVectorsFormatTestCase {
  /**
   * 0: every merged segment gets a graph; else small ones stay without, as flushed ones do. A flush
   * writes neither graph nor PQ codes where a merge over the threshold writes both, so a flushed
   * segment merged again is not the same size by design; {@code testMergeStability}, which merges a
   * single flushed segment when its first index ends as one, runs with no graph anywhere.
   */
  private int graphThreshold() {
    if (getTestName().startsWith("testMergeStability")) {
      return Integer.MAX_VALUE;
    }
    return random().nextBoolean() ? 0 : random().nextInt(1, 200);
  }

  @Override
  protected Codec getCodec() {
    DiskAnnParameters parameters =
        DiskAnnParameters.DEFAULT
            .withMaxDegree(random().nextInt(4, 65))
            .withBuildListSize(random().nextInt(8, 101))
            .withCacheMegabytes(random().nextBoolean() ? 0 : 1)
            .withBuildThreads(random().nextInt(1, 3))
            .withGraphThreshold(graphThreshold());
    return new AnnscaleCodec(new DiskAnnVectorsFormat(parameters));
  }

  public void testFormatIsFoundByName() {
    KnnVectorsFormat format = KnnVectorsFormat.forName(DiskAnnVectorsFormat.NAME);
    assertTrue(format.toString(), format instanceof DiskAnnVectorsFormat);
  }

  public void testRejectsBadParameters() {
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class, () -> DiskAnnParameters.DEFAULT.withMaxDegree(0));
    assertTrue(e.getMessage(), e.getMessage().contains("maxDegree=0"));
    e =
        expectThrows(
            IllegalArgumentException.class, () -> DiskAnnParameters.DEFAULT.withAlpha(0.5f));
    assertTrue(e.getMessage(), e.getMessage().contains("alpha=0.5"));
    e =
        expectThrows(
            IllegalArgumentException.class, () -> DiskAnnParameters.DEFAULT.withBeamWidth(65));
    assertTrue(e.getMessage(), e.getMessage().contains("beamWidth=65"));
    e =
        expectThrows(
            IllegalArgumentException.class, () -> DiskAnnParameters.DEFAULT.withCacheMegabytes(-2));
    assertTrue(e.getMessage(), e.getMessage().contains("cacheMegabytes=-2"));
  }

  public void testTheDefaultCacheIsAShareOfTheNodeFile() {
    DiskAnnParameters auto = DiskAnnParameters.DEFAULT;
    assertEquals(DiskAnnParameters.AUTO_CACHE, auto.cacheMegabytes());
    assertEquals("1% of a 118 MB node file", 1_180_000, auto.cacheBytesFor(118_000_000L));
    assertEquals("at most 64 MiB", 64L << 20, auto.cacheBytesFor(70_000_000_000L));
    assertEquals(
        "an explicit budget is kept",
        16L << 20,
        auto.withCacheMegabytes(16).cacheBytesFor(118_000_000L));
    assertEquals(0, auto.withCacheMegabytes(0).cacheBytesFor(118_000_000L));
  }
}
