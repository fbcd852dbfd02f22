package io.annscale.bench.plan;

import io.annscale.codec.pq.ResidualAdcQuery;
import io.annscale.diskann.DiskAnnParameters;
import io.annscale.diskann.NodeBlockLayout;
import java.util.Set;

/**
 * The scalability plan's memory budget, from a measured {@link IndexFootprint}: per-vector costs
 * split into
 *
 * <ul>
 *   <li>vector payload that grows with the dimension: raw floats ({@code .vec}), int7 ({@code
 *       .veq}), PQ records ({@code .pqc}, DiskANN's {@code .dap}: codes that grow with the
 *       dimension at the default sub-space count, plus 6 fixed bytes), DiskANN's node blocks
 *       ({@code .dan}: vector and adjacency, whole blocks per sector);
 *   <li>graph, independent of the dimension ({@code .vex}, {@code .vem}: depends on M);
 *   <li>per segment: PQ coarse centroids and codebooks ({@code .pqm}, DiskANN's {@code .dam}; on
 *       heap at most twice their size), metadata.
 * </ul>
 *
 * Projected linearly in the vector count, as these files are laid out per vector; the per-segment
 * part needs the segment count, which for a force-merged index is one per shard. Heap: the PQ
 * metadata of every segment; for DiskANN also its PQ records ({@code .dap}, read into heap at open)
 * and its hot-node cache (the default budget: a share of each segment's node file, {@link
 * DiskAnnParameters#cacheBytesFor}).
 *
 * @param hotExtensions the files every query reads (must stay in the page cache for in-memory
 *     speed)
 */
public record MemoryPlan(IndexFootprint measured, Set<String> hotExtensions) {
  /** Bytes after the code in a PQ record (coarse centroid id and correction). */
  private static final double PQ_RECORD_TAIL = ResidualAdcQuery.recordBytes(0);

  /**
   * Per-segment files: PQ-HNSW's codebooks, DiskANN's metadata with its codebooks, Lucene's vector
   * metadata.
   */
  private static final Set<String> PER_SEGMENT = Set.of("pqm", "dam", "vemf", "vemq");

  /** Per-segment files read whole into heap, whose codebooks the readers keep twice at most. */
  private static final Set<String> HEAP_PER_SEGMENT = Set.of("pqm", "dam");

  /** Per-vector files read whole into heap at open: DiskANN's PQ records. */
  private static final Set<String> HEAP_PER_VECTOR = Set.of("dap");

  /** Per-vector bytes of one file kind at dimension {@code dimension}. */
  double perVector(String extension, int dimension) {
    double measuredBytes = measured.perVector(extension);
    double scale = dimension / (double) measured.dimension();
    return switch (extension) {
      case "vec", "veq" -> measuredBytes * scale;
      case "pqc", "dap" -> PQ_RECORD_TAIL + (measuredBytes - PQ_RECORD_TAIL) * scale;
      case "dan" -> measuredBytes * nodeBytes(dimension) / nodeBytes(measured.dimension());
      default -> PER_SEGMENT.contains(extension) ? 0 : measuredBytes; // graph
    };
  }

  /**
   * Bytes of node file one float32 node takes at {@code dimension} with DiskANN's default degree: a
   * block, or its share of a sector when several fit. A ratio of two of these scales the measured
   * file to another dimension.
   */
  static double nodeBytes(int dimension) {
    NodeBlockLayout layout =
        new NodeBlockLayout(dimension, Float.BYTES, DiskAnnParameters.DEFAULT.maxDegree());
    return layout.nodesPerSector() > 0
        ? NodeBlockLayout.SECTOR_BYTES / (double) layout.nodesPerSector()
        : layout.sectorsPerNode() * (double) NodeBlockLayout.SECTOR_BYTES;
  }

  private double measuredPerSegment(String extension) {
    return measured.bytesByExtension().getOrDefault(extension, 0L) / (double) measured.segments();
  }

  /**
   * Per-segment bytes: the files that do not grow with the vector count, scaled with the dimension.
   */
  double perSegment(int dimension) {
    double scale = dimension / (double) measured.dimension();
    double bytes = 0;
    for (String extension : PER_SEGMENT) {
      bytes += measuredPerSegment(extension);
    }
    return bytes * scale;
  }

  /**
   * Heap per segment, an upper bound: the PQ metadata is read whole; its codebooks are kept twice
   * (row- and column-major) and its coarse centroids once, so the heap holds between 1x and 2x its
   * bytes.
   */
  double heapPerSegment(int dimension) {
    double bytes = 0;
    for (String extension : HEAP_PER_SEGMENT) {
      bytes += 2 * measuredPerSegment(extension);
    }
    return bytes * dimension / measured.dimension();
  }

  /** DiskANN's default hot-node cache of one segment holding {@code vectorsPerSegment} vectors. */
  double cachePerSegment(double vectorsPerSegment, int dimension) {
    if (!measured.bytesByExtension().containsKey("dan")) {
      return 0;
    }
    return DiskAnnParameters.DEFAULT.cacheBytesFor(
        (long) (perVector("dan", dimension) * vectorsPerSegment));
  }

  /**
   * Heap the merge that builds the largest segment's DiskANN graph holds while it builds it (the
   * segments taken as equal), with the default parameters, by {@link
   * DiskAnnParameters#graphBuildHeapBytes} (which says what it leaves out); 0 for other formats. It
   * comes on top of {@link Budget#heapBytes}, on the node that merges, while the merge runs.
   */
  public double graphBuildHeap(long vectors, int dimension, int segments) {
    if (!measured.bytesByExtension().containsKey("dan")) {
      return 0;
    }
    long largest = (vectors + segments - 1) / segments;
    return DiskAnnParameters.DEFAULT.graphBuildHeapBytes(largest, dimension);
  }

  /** Totals for {@code vectors} vectors of {@code dimension} in {@code segments} segments. */
  public Budget budget(long vectors, int dimension, int segments) {
    double disk = 0;
    double hot = 0;
    double heap = 0;
    for (String extension : measured.bytesByExtension().keySet()) {
      double bytes = perVector(extension, dimension) * vectors;
      disk += bytes;
      if (hotExtensions.contains(extension)) {
        hot += bytes;
      }
      if (HEAP_PER_VECTOR.contains(extension)) {
        heap += bytes;
      }
    }
    disk += perSegment(dimension) * segments;
    heap +=
        (heapPerSegment(dimension) + cachePerSegment(vectors / (double) segments, dimension))
            * segments;
    return new Budget(vectors, dimension, segments, disk, hot, heap);
  }

  /**
   * Bytes for a planned size: on disk, hot (what must stay in the page cache for in-memory speed),
   * and heap. For DiskANN nothing is hot: its node file is read per query, from the page cache when
   * it fits, else from disk.
   */
  public record Budget(
      long vectors,
      int dimension,
      int segments,
      double diskBytes,
      double hotBytes,
      double heapBytes) {
    public double hotBytesPerVector() {
      return hotBytes / vectors;
    }
  }
}
