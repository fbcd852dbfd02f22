package io.annscale.diskann.graph;

/**
 * The order in which a graph's nodes are written to disk, so that a sector read returns a node
 * together with some of its nearest neighbours: breadth-first from the entry node, each node placed
 * followed by its not yet placed neighbours, closest first, until its sector is full. A search that
 * expands a node is then likely to need the others in the same sector soon, and finds them already
 * read; and the nodes nearest the entry point come first, so a hot-node cache is simply the file's
 * first sectors. Nodes the entry cannot reach follow in ordinal order. Cost: {@code O(n x R)}, two
 * {@code n}-int arrays.
 */
public final class SectorPacking {
  private SectorPacking() {}

  /**
   * @param nodesPerSector blocks that share one sector, >= 1
   * @return {@code ordAt[position]}: the node written at each position
   */
  public static int[] order(VamanaGraph graph, int nodesPerSector) {
    int size = graph.size();
    int[] ordAt = new int[size];
    if (size == 0) {
      return ordAt;
    }
    boolean[] placed = new boolean[size];
    boolean[] queued = new boolean[size];
    int[] queue = new int[size];
    int head = 0;
    int tail = 0;
    int count = 0;
    int unreached = 0;
    queue[tail++] = graph.entryNode();
    queued[graph.entryNode()] = true;
    while (count < size) {
      if (head == tail) {
        while (queued[unreached]) {
          unreached++;
        }
        queue[tail++] = unreached;
        queued[unreached] = true;
      }
      int node = queue[head++];
      int[] neighbours = graph.neighbours()[node];
      if (!placed[node]) {
        placed[node] = true;
        ordAt[count++] = node;
        for (int i = 0; i < neighbours.length && count % nodesPerSector != 0; i++) {
          int neighbour = neighbours[i];
          if (!placed[neighbour]) {
            placed[neighbour] = true;
            ordAt[count++] = neighbour;
          }
        }
      }
      for (int neighbour : neighbours) {
        if (!queued[neighbour]) {
          queued[neighbour] = true;
          queue[tail++] = neighbour;
        }
      }
    }
    return ordAt;
  }

  /** The inverse permutation: {@code positionOf[ord]}. */
  public static int[] invert(int[] ordAt) {
    int[] positionOf = new int[ordAt.length];
    for (int position = 0; position < ordAt.length; position++) {
      positionOf[ordAt[position]] = position;
    }
    return positionOf;
  }
}
