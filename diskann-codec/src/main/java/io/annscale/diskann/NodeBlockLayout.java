package io.annscale.diskann;

/**
 * Where each node's block lives in the node file: blocks of {@code blockBytes} (vector, degree, neighbours) packed
 * into 4 KiB sectors, as many whole blocks per sector as fit, so one aligned sector read returns a node's vector
 * and adjacency together; a block larger than a sector takes whole sectors of its own. No block straddles a sector
 * boundary it need not cross.
 */
public final class NodeBlockLayout {
  public static final int SECTOR_BYTES = 4096;

  private final int dimension;
  private final int vectorBytes;
  private final int maxDegree;
  private final int blockBytes;
  private final int nodesPerSector;
  private final int sectorsPerNode;

  /**
   * @param vectorBytes bytes of one stored vector: {@code 4 x dimension} for floats, {@code dimension} for bytes
   * @param maxDegree neighbour slots per block
   */
  public NodeBlockLayout(int dimension, int vectorBytes, int maxDegree) {
    this.dimension = dimension;
    this.vectorBytes = vectorBytes;
    this.maxDegree = maxDegree;
    this.blockBytes = vectorBytes + Integer.BYTES * (1 + maxDegree);
    this.nodesPerSector = Math.max(1, SECTOR_BYTES / blockBytes);
    this.sectorsPerNode = (blockBytes + SECTOR_BYTES - 1) / SECTOR_BYTES;
  }

  public int dimension() {
    return dimension;
  }

  public int vectorBytes() {
    return vectorBytes;
  }

  public int maxDegree() {
    return maxDegree;
  }

  /** Bytes of one block: vector, degree (int32), {@code maxDegree} neighbour ordinals (int32). */
  public int blockBytes() {
    return blockBytes;
  }

  public int nodesPerSector() {
    return nodesPerSector;
  }

  /** Sectors one read of a block spans: 1 unless a block is larger than a sector. */
  public int sectorsPerNode() {
    return sectorsPerNode;
  }

  /** The block's first sector, counted from the start of the field's node region. */
  public long sector(int ord) {
    return nodesPerSector > 1 ? ord / nodesPerSector : (long) ord * sectorsPerNode;
  }

  /** The block's byte offset from the start of the field's node region. */
  public long offset(int ord) {
    return sector(ord) * SECTOR_BYTES + (long) (ord % nodesPerSector) * blockBytes;
  }

  /** Bytes of the node region for {@code size} nodes: whole sectors. */
  public long regionBytes(int size) {
    long sectors =
        nodesPerSector > 1 ? ((long) size + nodesPerSector - 1) / nodesPerSector : (long) size * sectorsPerNode;
    return sectors * SECTOR_BYTES;
  }
}
