package io.annscale.diskann.graph;

/**
 * A built Vamana graph: its entry node (the medoid) and each node's neighbour ordinals, closest
 * first.
 *
 * @param entryNode ordinal of the search entry point, -1 for an empty graph
 * @param neighbours per ordinal, its out-edges; at most the builder's max degree each
 */
public record VamanaGraph(int entryNode, int[][] neighbours) {
  public int size() {
    return neighbours.length;
  }

  /** Mean out-degree, for logs and benchmarks. */
  public double meanDegree() {
    long edges = 0;
    for (int[] list : neighbours) {
      edges += list.length;
    }
    return neighbours.length == 0 ? 0 : edges / (double) neighbours.length;
  }
}
