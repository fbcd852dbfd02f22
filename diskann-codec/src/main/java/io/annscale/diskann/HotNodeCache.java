package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.internal.hppc.IntIntHashMap;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * The blocks of the nodes nearest the entry point (breadth-first from it, as DiskANN's cache does), decoded on
 * heap: every search starts there, so the first rounds need no I/O. At most {@code budgetBytes} of vectors and
 * adjacency; immutable once built, shared by all searches.
 */
final class HotNodeCache {
  static final HotNodeCache EMPTY = new HotNodeCache(new IntIntHashMap(0), new float[0], new byte[0], new int[0], new int[0], 0, 0);

  private final IntIntHashMap slots;
  private final float[] floatVectors;
  private final byte[] byteVectors;
  private final int[] neighbours;
  private final int[] degrees;
  private final int dimension;
  private final int maxDegree;

  private HotNodeCache(
      IntIntHashMap slots, float[] floatVectors, byte[] byteVectors, int[] neighbours, int[] degrees,
      int dimension, int maxDegree) {
    this.slots = slots;
    this.floatVectors = floatVectors;
    this.byteVectors = byteVectors;
    this.neighbours = neighbours;
    this.degrees = degrees;
    this.dimension = dimension;
    this.maxDegree = maxDegree;
  }

  /** Reads up to {@code budgetBytes / blockBytes} nodes breadth-first from the entry node. */
  static HotNodeCache load(DiskAnnFieldEntry entry, IndexInput region, long budgetBytes) throws IOException {
    NodeBlockLayout layout = entry.layout();
    int capacity = (int) Math.min(entry.size(), budgetBytes / layout.blockBytes());
    if (capacity == 0) {
      return EMPTY;
    }
    int dimension = entry.dimension();
    int maxDegree = entry.maxDegree();
    boolean floats = entry.encoding() == VectorEncoding.FLOAT32;
    IntIntHashMap slots = new IntIntHashMap(capacity);
    float[] floatVectors = new float[floats ? capacity * dimension : 0];
    byte[] byteVectors = new byte[floats ? 0 : capacity * dimension];
    int[] neighbours = new int[capacity * maxDegree];
    int[] degrees = new int[capacity];
    int[] queue = new int[capacity];
    queue[0] = entry.entryNode();
    slots.put(entry.entryNode(), 0);
    int added = 1;
    for (int head = 0; head < added; head++) {
      int ord = queue[head];
      region.seek(layout.offset(ord));
      if (floats) {
        region.readFloats(floatVectors, head * dimension, dimension);
      } else {
        region.readBytes(byteVectors, head * dimension, dimension);
      }
      int degree = readDegree(region, ord, entry);
      region.readInts(neighbours, head * maxDegree, degree);
      degrees[head] = degree;
      for (int i = 0; i < degree && added < capacity; i++) {
        int neighbour = checkNeighbour(neighbours[head * maxDegree + i], ord, entry, region);
        if (!slots.containsKey(neighbour)) {
          slots.put(neighbour, added);
          queue[added++] = neighbour;
        }
      }
    }
    return new HotNodeCache(slots, floatVectors, byteVectors, neighbours, degrees, dimension, maxDegree);
  }

  static int readDegree(IndexInput region, int ord, DiskAnnFieldEntry entry) throws IOException {
    int degree = region.readInt();
    if (degree < 0 || degree > entry.maxDegree()) {
      throw new CorruptIndexException(
          "node " + ord + ": degree " + degree + " not in 0.." + entry.maxDegree(), region);
    }
    return degree;
  }

  static int checkNeighbour(int neighbour, int ord, DiskAnnFieldEntry entry, IndexInput region)
      throws CorruptIndexException {
    if (neighbour < 0 || neighbour >= entry.size()) {
      throw new CorruptIndexException(
          "node " + ord + ": neighbour " + neighbour + " not in 0.." + (entry.size() - 1), region);
    }
    return neighbour;
  }

  int size() {
    return degrees.length;
  }

  /** The node's slot, or -1 when it is not cached. */
  int slot(int ord) {
    int index = slots.indexOf(ord);
    return slots.indexExists(index) ? slots.indexGet(index) : -1;
  }

  /** Copies the cached node's vector and neighbours; returns its degree. */
  int read(int slot, float[] floatVector, byte[] byteVector, int[] into) {
    if (floatVector != null) {
      System.arraycopy(floatVectors, slot * dimension, floatVector, 0, dimension);
    } else {
      System.arraycopy(byteVectors, slot * dimension, byteVector, 0, dimension);
    }
    int degree = degrees[slot];
    System.arraycopy(neighbours, slot * maxDegree, into, 0, degree);
    return degree;
  }

  long ramBytesUsed() {
    return RamUsageEstimator.sizeOf(floatVectors) + RamUsageEstimator.sizeOf(byteVectors)
        + RamUsageEstimator.sizeOf(neighbours) + RamUsageEstimator.sizeOf(degrees)
        + (long) size() * 2 * Integer.BYTES * 2;
  }
}
