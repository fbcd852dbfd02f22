package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * A merge's float vectors copied once to the heap, packed back to back in blocks, in the build's
 * order ({@link BuildOrder}): the graph build scores them in place ({@link HeapFloatBuildScores}),
 * and the node blocks read them from here too.
 *
 * <p>Why not the merge's memory-mapped temporary file: a graph build scores a few thousand random
 * vectors per insertion, and the node blocks are written in disk order, which is random in
 * ordinals; read through an {@code IndexInput}, each vector is copied out before it is used, and
 * every one sits on another 4 KiB page with its own TLB miss. Packed on heap they are read in
 * place, in huge pages where the JVM has them.
 *
 * <p>Heap: {@code 4 x dimension} bytes per vector while the field is written, in blocks of at most
 * 64 MiB. The vectors are the merged ones as they are (a COSINE field's are not normalized here).
 */
final class HeapFloatVectors implements RandomAccessVectorValues.Floats, Accountable {
  private static final int BLOCK_FLOATS = 1 << 24;

  private final int size;
  private final int dimension;
  private final int blockShift;
  private final int blockMask;
  private final float[][] blocks;

  /** This view's copy of the last vector asked for ({@link #vectorValue}). */
  private final float[] scratch;

  private HeapFloatVectors(int size, int dimension, int blockShift, float[][] blocks) {
    this.size = size;
    this.dimension = dimension;
    this.blockShift = blockShift;
    this.blockMask = (1 << blockShift) - 1;
    this.blocks = blocks;
    this.scratch = new float[dimension];
  }

  /** Heap bytes a copy of {@code size} vectors of {@code dimension} floats holds, headers aside. */
  static long bytesUsed(long size, int dimension) {
    return size * dimension * Float.BYTES;
  }

  static HeapFloatVectors copyOf(RandomAccessVectorValues.Floats values) throws IOException {
    return copyOf(values, BLOCK_FLOATS, null);
  }

  /**
   * The vectors in another order: vector {@code ord} of values goes to {@code slotOf[ord]} of the
   * copy. They are read in their own order, so a memory-mapped source is read sequentially.
   */
  static HeapFloatVectors copyOf(RandomAccessVectorValues.Floats values, int[] slotOf)
      throws IOException {
    return copyOf(values, BLOCK_FLOATS, slotOf);
  }

  /**
   * @param blockFloats floats per block at most; tests make it small to cross block boundaries
   * @param slotOf where each vector goes, or null for the values' own order
   */
  static HeapFloatVectors copyOf(
      RandomAccessVectorValues.Floats values, int blockFloats, int[] slotOf) throws IOException {
    int size = values.size();
    int dimension = values.dimension();
    int perBlock = Integer.highestOneBit(Math.max(1, blockFloats / Math.max(1, dimension)));
    float[][] blocks = new float[(size + perBlock - 1) / perBlock][];
    for (int b = 0; b < blocks.length; b++) {
      blocks[b] = new float[Math.min(perBlock, size - b * perBlock) * dimension];
    }
    HeapFloatVectors copy =
        new HeapFloatVectors(size, dimension, Integer.numberOfTrailingZeros(perBlock), blocks);
    for (int ord = 0; ord < size; ord++) {
      int slot = slotOf == null ? ord : slotOf[ord];
      System.arraycopy(values.vectorValue(ord), 0, copy.block(slot), copy.offset(slot), dimension);
    }
    return copy;
  }

  /** The block holding vector {@code ord}, to be read in place at {@link #offset}. */
  float[] block(int ord) {
    return blocks[ord >>> blockShift];
  }

  /** Where vector {@code ord} starts in its {@link #block}. */
  int offset(int ord) {
    return (ord & blockMask) * dimension;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** A copy of the vector, valid until this view is asked for another. */
  @Override
  public float[] vectorValue(int ord) {
    System.arraycopy(block(ord), offset(ord), scratch, 0, dimension);
    return scratch;
  }

  /** Another view of the same vectors, with a copy buffer of its own. */
  @Override
  public HeapFloatVectors copy() {
    return new HeapFloatVectors(size, dimension, blockShift, blocks);
  }

  @Override
  public long ramBytesUsed() {
    long bytes = RamUsageEstimator.shallowSizeOf(blocks);
    for (float[] block : blocks) {
      bytes += RamUsageEstimator.sizeOf(block);
    }
    return bytes;
  }
}
