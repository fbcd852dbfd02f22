package io.annscale.diskann;

import io.annscale.codec.hnswpq.HeapPqRecords;
import io.annscale.codec.hnswpq.PqFieldEncoder;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.codec.pq.RangeWorkers;
import io.annscale.diskann.graph.VamanaGraph;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.tests.util.LuceneTestCase;

/** The build's slots group vectors by coarse centroid, and graphs are renamed without loss. */
public class BuildOrderTest extends LuceneTestCase {
  private static final int DIMENSION = 16;

  public void testGroupsByCoarseCentroidInOrdinalOrder() throws IOException {
    Random random = random();
    int size = 3000;
    float[][] vectors = new float[size][DIMENSION];
    for (float[] v : vectors) {
      int cluster = random.nextInt(8); // clusters interleaved in ordinal order
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = 100f * ((cluster >> (d % 3)) & 1) + (float) random.nextGaussian();
      }
    }
    HeapPqRecords codes =
        PqFieldEncoder.encodeOnHeap(
            vectorField(),
            consumer -> {
              for (float[] v : vectors) {
                consumer.accept(v);
              }
            },
            PqParameters.DEFAULT,
            RangeWorkers.CALLER);
    BuildOrder order = BuildOrder.byCoarseCentroid(codes, size);
    assertEquals(size, order.size());
    boolean[] seen = new boolean[size];
    for (int slot = 0; slot < size; slot++) {
      int ord = order.ordAt(slot);
      assertFalse("ordinal " + ord + " twice", seen[ord]);
      seen[ord] = true;
      assertEquals(slot, order.slotOf(ord));
      if (slot > 0) {
        int previous = order.ordAt(slot - 1);
        int c = codes.coarseId(ord);
        int p = codes.coarseId(previous);
        assertTrue("slot " + slot + ": centroid " + c + " after " + p, c >= p);
        if (c == p) {
          assertTrue("slot " + slot + ": ordinal order within a centroid", ord > previous);
        }
      }
    }
    int groups = 1;
    for (int slot = 1; slot < size; slot++) {
      if (codes.coarseId(order.ordAt(slot)) != codes.coarseId(order.ordAt(slot - 1))) {
        groups++;
      }
    }
    assertTrue("at least the 8 clusters as groups: " + groups, groups >= 8);
  }

  public void testGraphsAreRenamedBothWays() {
    Random random = random();
    int size = 500;
    int[] ordAt = new int[size];
    for (int i = 0; i < size; i++) {
      ordAt[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = ordAt[i];
      ordAt[i] = ordAt[j];
      ordAt[j] = swap;
    }
    BuildOrder order = BuildOrder.byOrdinals(ordAt);
    int[][] byOrdinal = new int[size][];
    for (int ord = 0; ord < size; ord++) {
      if (ord % 7 != 3) { // some nodes not in the seed
        byOrdinal[ord] = random.ints(random.nextInt(10), 0, size).toArray();
      }
    }
    int[][] original = new int[size][];
    for (int ord = 0; ord < size; ord++) {
      original[ord] = byOrdinal[ord] == null ? null : byOrdinal[ord].clone();
    }
    int[][] bySlot = order.toSlots(byOrdinal); // renames in place
    byOrdinal = original;
    for (int slot = 0; slot < size; slot++) {
      int[] expected = byOrdinal[order.ordAt(slot)];
      if (expected == null) {
        assertNull(bySlot[slot]);
        bySlot[slot] = new int[0];
        byOrdinal[order.ordAt(slot)] = new int[0];
        continue;
      }
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], order.ordAt(bySlot[slot][i]));
      }
    }
    int entrySlot = random.nextInt(size);
    VamanaGraph back = order.toOrdinals(new VamanaGraph(entrySlot, bySlot)); // in place too
    assertEquals(order.ordAt(entrySlot), back.entryNode());
    for (int ord = 0; ord < size; ord++) {
      assertArrayEquals("ordinal " + ord, byOrdinal[ord], back.neighbours()[ord]);
    }
  }

  private static FieldInfo vectorField() {
    return new FieldInfo(
        "vector",
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
        DIMENSION,
        VectorEncoding.FLOAT32,
        VectorSimilarityFunction.EUCLIDEAN,
        false,
        false);
  }
}
