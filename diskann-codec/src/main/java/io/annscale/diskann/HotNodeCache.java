package io.annscale.diskann;

import java.io.IOException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * The blocks of the first sectors of the node region, decoded on heap. Nodes are written
 * breadth-first from the entry point ({@link io.annscale.diskann.graph.SectorPacking}), so these
 * are the nodes nearest it, where every search starts: the first rounds need no I/O. Whole sectors,
 * served like a sector read ({@link #reader}), so a search takes the same steps and returns the
 * same results whatever the cache holds: only where blocks come from changes. At most {@code
 * budgetBytes} of blocks; immutable once built, shared by all searches.
 */
final class HotNodeCache {
  static final HotNodeCache EMPTY =
      new HotNodeCache(0, new float[0], new byte[0], new int[0], new int[0], new int[0], 0, 0);

  private final int size;
  private final float[] floatVectors;
  private final byte[] byteVectors;
  private final int[] ords;
  private final int[] neighbours;
  private final int[] degrees;
  private final int dimension;
  private final int maxDegree;

  private HotNodeCache(
      int size,
      float[] floatVectors,
      byte[] byteVectors,
      int[] ords,
      int[] neighbours,
      int[] degrees,
      int dimension,
      int maxDegree) {
    this.size = size;
    this.floatVectors = floatVectors;
    this.byteVectors = byteVectors;
    this.ords = ords;
    this.neighbours = neighbours;
    this.degrees = degrees;
    this.dimension = dimension;
    this.maxDegree = maxDegree;
  }

  /** Reads the blocks of the first whole sectors that fit in {@code budgetBytes}, sequentially. */
  static HotNodeCache load(DiskAnnFieldEntry entry, IndexInput region, long budgetBytes)
      throws IOException {
    NodeBlockLayout layout = entry.layout();
    long blocks = budgetBytes / layout.blockBytes();
    int size = (int) Math.min(entry.size(), blocks - blocks % layout.nodesPerSector());
    if (size == 0) {
      return EMPTY;
    }
    int dimension = entry.dimension();
    int maxDegree = entry.maxDegree();
    boolean floats = entry.encoding() == VectorEncoding.FLOAT32;
    float[] floatVectors = new float[floats ? size * dimension : 0];
    byte[] byteVectors = new byte[floats ? 0 : size * dimension];
    int[] ords = new int[size];
    int[] neighbours = new int[size * maxDegree];
    int[] degrees = new int[size];
    for (int position = 0; position < size; position++) {
      region.seek(layout.offset(position));
      if (floats) {
        region.readFloats(floatVectors, position * dimension, dimension);
      } else {
        region.readBytes(byteVectors, position * dimension, dimension);
      }
      ords[position] = readOrd(region, position, entry);
      degrees[position] = readDegree(region, position, entry);
      region.readInts(neighbours, position * maxDegree, degrees[position]);
      for (int i = 0; i < degrees[position]; i++) {
        checkNeighbour(neighbours[position * maxDegree + i], position, entry, region);
      }
    }
    return new HotNodeCache(
        size, floatVectors, byteVectors, ords, neighbours, degrees, dimension, maxDegree);
  }

  static int readOrd(IndexInput region, int position, DiskAnnFieldEntry entry) throws IOException {
    int ord = region.readInt();
    return checkOrd(ord, position, entry, region.toString());
  }

  static int checkOrd(int ord, int position, DiskAnnFieldEntry entry, String resource)
      throws CorruptIndexException {
    if (ord < 0 || ord >= entry.size()) {
      throw new CorruptIndexException(
          "node at position " + position + ": ordinal " + ord + " not in 0.." + (entry.size() - 1),
          resource);
    }
    return ord;
  }

  static int readDegree(IndexInput region, int position, DiskAnnFieldEntry entry)
      throws IOException {
    return checkDegree(region.readInt(), position, entry, region.toString());
  }

  static int checkDegree(int degree, int position, DiskAnnFieldEntry entry, String resource)
      throws CorruptIndexException {
    if (degree < 0 || degree > entry.maxDegree()) {
      throw new CorruptIndexException(
          "node at position " + position + ": degree " + degree + " not in 0.." + entry.maxDegree(),
          resource);
    }
    return degree;
  }

  static int checkNeighbour(int neighbour, int position, DiskAnnFieldEntry entry, IndexInput region)
      throws CorruptIndexException {
    if (neighbour < 0 || neighbour >= entry.size()) {
      throw new CorruptIndexException(
          "node at position "
              + position
              + ": neighbour "
              + neighbour
              + " not in 0.."
              + (entry.size() - 1),
          region);
    }
    return neighbour;
  }

  /**
   * A per-query reader of cached sectors: {@link NodeBlockReader#readSector} for a sector whose
   * positions it {@link #holds}, then its blocks by slot, as from the node file.
   */
  NodeBlockReader reader(NodeBlockLayout layout) {
    return new NodeBlockReader() {
      private int firstPosition;
      private int ord;

      @Override
      public void readSector(long sector) {
        firstPosition = layout.firstPosition(sector);
      }

      @Override
      public int block(int slot, float[] floatVector, byte[] byteVector, int[] into) {
        ord = ords[firstPosition + slot];
        return read(firstPosition + slot, floatVector, byteVector, into);
      }

      @Override
      public int ord() {
        return ord;
      }
    };
  }

  /** Whether the block at {@code position}, and so its whole sector, is cached. */
  boolean holds(int position) {
    return position < size;
  }

  /** Copies the cached node's vector and neighbours; returns its degree. */
  int read(int position, float[] floatVector, byte[] byteVector, int[] into) {
    if (floatVector != null) {
      System.arraycopy(floatVectors, position * dimension, floatVector, 0, dimension);
    } else {
      System.arraycopy(byteVectors, position * dimension, byteVector, 0, dimension);
    }
    int degree = degrees[position];
    System.arraycopy(neighbours, position * maxDegree, into, 0, degree);
    return degree;
  }

  long ramBytesUsed() {
    return RamUsageEstimator.sizeOf(floatVectors)
        + RamUsageEstimator.sizeOf(byteVectors)
        + RamUsageEstimator.sizeOf(ords)
        + RamUsageEstimator.sizeOf(neighbours)
        + RamUsageEstimator.sizeOf(degrees);
  }
}
