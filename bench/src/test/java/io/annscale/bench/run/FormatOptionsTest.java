package io.annscale.bench.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.codec.hnswpq.PqParameters;
import org.junit.Test;

/** Which options reach which format, and which of them make up an index's key. */
public class FormatOptionsTest {
  @Test
  public void diskAnnSubspacesApplyToDiskAnnAlone() {
    FormatOptions options = new FormatOptions(24, 48, 0, 0, 0, 0);
    assertEquals(48, options.diskAnn().pq().subspaces());
    assertEquals(24, options.apply(PqParameters.DEFAULT).subspaces());
    assertEquals(24, options.forBuild(VectorFormatChoice.PQ8_HNSW).pqSubspaces());
    assertEquals(48, options.forBuild(VectorFormatChoice.DISKANN).pqSubspaces());
    assertEquals("m48", options.buildLabel(VectorFormatChoice.DISKANN));
    assertEquals("m24", options.buildLabel(VectorFormatChoice.PQ8_HNSW));
    assertEquals("", options.buildLabel(VectorFormatChoice.LUCENE_HNSW));
  }

  @Test
  public void anIndexHasOneKeyWhicheverOptionNamedItsSubspaces() {
    FormatOptions shared = new FormatOptions(48, 0, 0, 0, 0, 0);
    FormatOptions own = new FormatOptions(0, 48, 0, 0, 4, 2);
    assertEquals(
        shared.forBuild(VectorFormatChoice.DISKANN), own.forBuild(VectorFormatChoice.DISKANN));
    assertEquals(
        "PQ-HNSW keeps its default", 0, own.forBuild(VectorFormatChoice.PQ8_HNSW).pqSubspaces());
    assertEquals(
        "without its own, DiskANN takes --pq-subspaces", 48, shared.diskAnn().pq().subspaces());
  }

  @Test
  public void badValuesNameTheOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FormatOptions(0, -3, 0, 0, 0, 0));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--diskann-pq-subspaces -3"));
    e = assertThrows(IllegalArgumentException.class, () -> new FormatOptions(0, 0, 0, 0, 0, 257));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--merge-workers 257"));
  }
}
