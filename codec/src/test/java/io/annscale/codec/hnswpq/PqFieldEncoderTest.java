package io.annscale.codec.hnswpq;

import java.util.Map;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.ArrayUtil;

/** A field whose records cannot be held on heap is refused by name, before any work. */
public class PqFieldEncoderTest extends LuceneTestCase {
  public void testRecordsBeyondOneArrayAreRefusedNamingTheField() {
    FieldInfo field = vectorField("embedding", 128);
    PqParameters pq = PqParameters.DEFAULT;
    int recordBytes = PqFieldEntry.recordBytes(pq.bits(), pq.subspacesFor(128));
    long fits = ArrayUtil.MAX_ARRAY_LENGTH / recordBytes;
    assertEquals(fits * recordBytes, PqFieldEncoder.checkFitsOnHeap(field, fits, pq));
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class,
            () -> PqFieldEncoder.checkFitsOnHeap(field, fits + 1, pq));
    assertTrue(e.getMessage(), e.getMessage().contains("field \"embedding\""));
    assertTrue(e.getMessage(), e.getMessage().contains(Long.toString(fits + 1)));
  }

  private static FieldInfo vectorField(String name, int dimension) {
    return new FieldInfo(
        name,
        0,
        false,
        false,
        false,
        IndexOptions.NONE,
        DocValuesType.NONE,
        -1,
        Map.of(),
        0,
        0,
        0,
        dimension,
        VectorEncoding.FLOAT32,
        VectorSimilarityFunction.EUCLIDEAN,
        false,
        false);
  }
}
