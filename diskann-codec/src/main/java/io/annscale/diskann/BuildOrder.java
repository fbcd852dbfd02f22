package io.annscale.diskann;

import io.annscale.codec.hnswpq.HeapPqRecords;
import io.annscale.diskann.graph.VamanaGraph;
import java.io.IOException;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * Where each vector of a merge sits while its graph is built: grouped by coarse PQ centroid, so the
 * vectors one insertion's search reads (its neighbourhood, mostly one centroid's and its
 * neighbours') lie together in memory rather than spread over the whole copy. The build works on
 * these slots; its graph is renamed to ordinals before anything is written, so the files do not
 * depend on it.
 *
 * <p>Why: an insertion reads a few thousand vectors at random, and at 1M x 128 they span 512 MB.
 * With the same 1M x 128 vectors stored grouped by nearest of 1,024 centres, the build's insertions
 * took 176.9 s against 195.5 s in random order, on 2 cores with a 480 MiB L3
 * (docs/benchmarks/ingestion.md, "Build speed"); where the vectors outgrow the caches further (10M
 * x 96 is 3.8 GB) the grouping should count more, not measured yet.
 *
 * <p>Heap: {@link #BYTES_PER_VECTOR} while the field is written.
 */
final class BuildOrder {
  /** Heap per vector: the slot of each ordinal and the ordinal of each slot. */
  static final long BYTES_PER_VECTOR = 2L * Integer.BYTES;

  private final int[] ordAt;
  private final int[] slotOf;

  private BuildOrder(int[] ordAt) {
    this.ordAt = ordAt;
    this.slotOf = new int[ordAt.length];
    for (int slot = 0; slot < ordAt.length; slot++) {
      slotOf[ordAt[slot]] = slot;
    }
  }

  /** Every vector at its own ordinal. */
  static BuildOrder identity(int size) {
    int[] ordAt = new int[size];
    for (int i = 0; i < size; i++) {
      ordAt[i] = i;
    }
    return new BuildOrder(ordAt);
  }

  /** Slot {@code i} holds ordinal {@code ordAt[i]}; a permutation of {@code 0..n-1}. */
  static BuildOrder byOrdinals(int[] ordAt) {
    return new BuildOrder(ordAt.clone());
  }

  /**
   * Vectors grouped by the coarse centroid of their PQ record, in ordinal order within a group (a
   * counting sort: the same records always give the same order).
   */
  static BuildOrder byCoarseCentroid(HeapPqRecords codes, int size) {
    if (codes.trained().quantizer() == null) {
      return identity(size);
    }
    int[] starts = new int[codes.trained().quantizer().coarseCount() + 1];
    int[] coarse = new int[size];
    for (int ord = 0; ord < size; ord++) {
      coarse[ord] = codes.coarseId(ord);
      starts[coarse[ord] + 1]++;
    }
    for (int c = 1; c < starts.length; c++) {
      starts[c] += starts[c - 1];
    }
    int[] ordAt = new int[size];
    for (int ord = 0; ord < size; ord++) {
      ordAt[starts[coarse[ord]]++] = ord;
    }
    return new BuildOrder(ordAt);
  }

  int size() {
    return ordAt.length;
  }

  /** The ordinal of the vector in {@code slot}. */
  int ordAt(int slot) {
    return ordAt[slot];
  }

  /** The slot of ordinal {@code ord}. */
  int slotOf(int ord) {
    return slotOf[ord];
  }

  /** The vectors copied to the heap in slot order. */
  HeapFloatVectors copyInSlots(RandomAccessVectorValues.Floats byOrdinal) throws IOException {
    return HeapFloatVectors.copyOf(byOrdinal, slotOf);
  }

  /**
   * A graph built on slots, its nodes and entry renamed to ordinals. The lists are renamed in place
   * (a built graph's are its own), so the graph given is not to be used again.
   */
  VamanaGraph toOrdinals(VamanaGraph bySlot) {
    int[][] lists = new int[bySlot.size()][];
    for (int slot = 0; slot < lists.length; slot++) {
      lists[ordAt[slot]] = renamed(bySlot.neighbours()[slot], ordAt);
    }
    return new VamanaGraph(bySlot.entryNode() < 0 ? -1 : ordAt[bySlot.entryNode()], lists);
  }

  /**
   * Lists by ordinal (a merge's seed graph; null for nodes it does not link) renamed to slots, in
   * place: the seed is read for this merge alone, and a copy would double its heap.
   */
  int[][] toSlots(int[][] byOrdinal) {
    int[][] lists = new int[byOrdinal.length][];
    for (int ord = 0; ord < byOrdinal.length; ord++) {
      lists[slotOf[ord]] = byOrdinal[ord] == null ? null : renamed(byOrdinal[ord], slotOf);
    }
    return lists;
  }

  private static int[] renamed(int[] nodes, int[] names) {
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = names[nodes[i]];
    }
    return nodes;
  }

  /** Vectors copied in slot order, read by ordinal (the node blocks are written by ordinal). */
  RandomAccessVectorValues.Floats byOrdinal(HeapFloatVectors inSlots) {
    return new RandomAccessVectorValues.Floats() {
      @Override
      public int size() {
        return inSlots.size();
      }

      @Override
      public int dimension() {
        return inSlots.dimension();
      }

      @Override
      public float[] vectorValue(int ord) throws IOException {
        return inSlots.vectorValue(slotOf[ord]);
      }

      @Override
      public RandomAccessVectorValues.Floats copy() {
        return byOrdinal(inSlots.copy());
      }
    };
  }
}
