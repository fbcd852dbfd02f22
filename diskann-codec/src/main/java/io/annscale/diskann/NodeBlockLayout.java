package io.annscale.diskann;

/**
 * Where each node's block lives in the node file: blocks of {@code blockBytes} (vector, ordinal,
 * degree, neighbours) at positions 0, 1, ... packed into 4 KiB sectors, as many whole blocks per
 * sector as fit, so one aligned sector read returns a node's vector and adjacency together; a block
 * larger than a sector takes whole sectors of its own. No block straddles a sector boundary it need
 * not cross. Positions are the write order of {@link io.annscale.diskann.graph.SectorPacking}, not
 * ordinals.
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
   * @param vectorBytes bytes of one stored vector: {@code 4 x dimension} for floats, {@code
   *     dimension} for bytes
   * @param maxDegree neighbour slots per block
   */
  public NodeBlockLayout(int dimension, int vectorBytes, int maxDegree) {
    this.dimension = dimension;
    this.vectorBytes = vectorBytes;
    this.maxDegree = maxDegree;
    this.blockBytes = vectorBytes + Integer.BYTES * (2 + maxDegree);
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

  /**
   * Bytes of one block: vector, the node's ordinal (int32), degree (int32), {@code maxDegree}
   * neighbour positions (int32).
   */
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

  /**
   * The first sector of the block at {@code position}, counted from the start of the field's node
   * region.
   */
  public long sector(int position) {
    return nodesPerSector > 1 ? position / nodesPerSector : (long) position * sectorsPerNode;
  }

  /** The first position whose block lies in {@code sector}. */
  public int firstPosition(long sector) {
    return nodesPerSector > 1 ? (int) (sector * nodesPerSector) : (int) (sector / sectorsPerNode);
  }

  /** The byte offset of the block at {@code position} from the start of the field's node region. */
  public long offset(int position) {
    return sector(position) * SECTOR_BYTES + (long) (position % nodesPerSector) * blockBytes;
  }

  /** Bytes of the node region for {@code size} nodes: whole sectors. */
  public long regionBytes(int size) {
    long sectors =
        nodesPerSector > 1
            ? ((long) size + nodesPerSector - 1) / nodesPerSector
            : (long) size * sectorsPerNode;
    return sectors * SECTOR_BYTES;
  }
}
