package io.annscale.diskann;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/** The merge's heap copy holds every vector as given, within and across blocks. */
public class HeapFloatVectorsTest extends LuceneTestCase {
  private static final int DIMENSION = 12;

  public void testEveryVectorReadsBackAsGivenAcrossBlocks() throws IOException {
    int size = 29;
    List<float[]> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = random().nextFloat() * 10 - 5;
      }
      input.add(v);
    }
    // 4 vectors per block: 8 blocks, the last one short
    HeapFloatVectors vectors =
        HeapFloatVectors.copyOf(
            RandomAccessVectorValues.fromFloats(input, DIMENSION), 4 * DIMENSION + 3, null);
    assertEquals(size, vectors.size());
    assertEquals(DIMENSION, vectors.dimension());
    HeapFloatVectors other = vectors.copy();
    for (int ord = size - 1; ord >= 0; ord--) {
      assertArrayEquals("ord " + ord, input.get(ord), vectors.vectorValue(ord), 0f);
      float[] block = vectors.block(ord);
      for (int d = 0; d < DIMENSION; d++) {
        assertEquals(input.get(ord)[d], block[vectors.offset(ord) + d], 0f);
      }
    }
    // a copy reads through a buffer of its own
    float[] first = vectors.vectorValue(0);
    other.vectorValue(1);
    assertArrayEquals(input.get(0), first, 0f);
  }

  public void testBytesUsedIsWhatTheCopyHolds() throws IOException {
    int size = 3000;
    int dimension = 96;
    List<float[]> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      input.add(new float[dimension]);
    }
    // blocks of 256 vectors: 12 arrays, whose headers the estimate leaves out
    HeapFloatVectors vectors =
        HeapFloatVectors.copyOf(
            RandomAccessVectorValues.fromFloats(input, dimension), 256 * dimension, null);
    long estimate = HeapFloatVectors.bytesUsed(size, dimension);
    assertEquals(size * dimension * 4L, estimate);
    assertTrue(vectors.ramBytesUsed() >= estimate);
    assertTrue(vectors.ramBytesUsed() - estimate < 64 * 13);
  }

  public void testCopiesInTheOrderGiven() throws IOException {
    int size = 37;
    List<float[]> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      input.add(new float[] {i, -i});
    }
    int[] slotOf = new int[size];
    for (int i = 0; i < size; i++) {
      slotOf[i] = (i * 11) % size; // 11 and 37 are coprime: every slot once
    }
    // 4 vectors per block, so the reordered copy crosses block boundaries
    HeapFloatVectors vectors =
        HeapFloatVectors.copyOf(RandomAccessVectorValues.fromFloats(input, 2), 9, slotOf);
    for (int ord = 0; ord < size; ord++) {
      assertArrayEquals("ord " + ord, input.get(ord), vectors.vectorValue(slotOf[ord]), 0f);
    }
  }
}
