/**
 * The Vamana graph of a DiskANN segment, independent of files: {@link
 * io.annscale.diskann.graph.VamanaGraphBuilder} inserts nodes (greedy search, robust prune,
 * back-edges) on exact scores, {@link io.annscale.diskann.graph.Medoid} picks the entry node, and
 * {@link io.annscale.diskann.graph.SectorPacking} orders nodes so that a 4 KiB sector holds a node
 * and its near neighbours. {@link io.annscale.diskann.DiskAnnVectorsFormat} writes the result into
 * node blocks.
 */
package io.annscale.diskann.graph;
