package io.annscale.bench.plan;

import java.util.Set;

/**
 * The scalability plan's memory budget, from a measured {@link IndexFootprint}: per-vector costs
 * split into
 *
 * <ul>
 *   <li>vector payload that grows with the dimension: raw floats ({@code .vec}), int7 ({@code
 *       .veq}), PQ records ({@code .pqc}, whose codes grow with the dimension at the default
 *       sub-space count, plus 6 fixed bytes);
 *   <li>graph, independent of the dimension ({@code .vex}, {@code .vem}: depends on M);
 *   <li>per segment: PQ coarse centroids and codebooks ({@code .pqm}, on heap at most twice its
 *       size), metadata.
 * </ul>
 *
 * Projected linearly in the vector count, as these files are laid out per vector; the per-segment
 * part needs the segment count, which for a force-merged index is one per shard.
 *
 * @param hotExtensions the files every query reads (must stay in the page cache for in-memory
 *     speed)
 */
public record MemoryPlan(IndexFootprint measured, Set<String> hotExtensions) {
  /** Bytes after the code in a PQ record (coarse centroid id and correction). */
  private static final double PQ_RECORD_TAIL = 6;

  /** Per-vector bytes of one file kind at dimension {@code dimension}. */
  double perVector(String extension, int dimension) {
    double measuredBytes = measured.perVector(extension);
    double scale = dimension / (double) measured.dimension();
    return switch (extension) {
      case "vec", "veq" -> measuredBytes * scale;
      case "pqc" -> PQ_RECORD_TAIL + (measuredBytes - PQ_RECORD_TAIL) * scale;
      case "pqm", "vemf", "vemq" -> 0; // per segment, not per vector
      default -> measuredBytes; // graph
    };
  }

  /**
   * Per-segment bytes: the files that do not grow with the vector count, scaled with the dimension.
   */
  double perSegment(int dimension) {
    double scale = dimension / (double) measured.dimension();
    double bytes = 0;
    for (String extension : Set.of("pqm", "vemf", "vemq")) {
      bytes +=
          measured.bytesByExtension().getOrDefault(extension, 0L) / (double) measured.segments();
    }
    return bytes * scale;
  }

  /**
   * Heap per segment, an upper bound: the PQ metadata file is read whole; its codebooks are kept
   * twice (row- and column-major) and its coarse centroids once, so the heap holds between 1x and
   * 2x its bytes.
   */
  double heapPerSegment(int dimension) {
    double pqm = measured.bytesByExtension().getOrDefault("pqm", 0L) / (double) measured.segments();
    return 2 * pqm * dimension / measured.dimension();
  }

  /** Totals for {@code vectors} vectors of {@code dimension} in {@code segments} segments. */
  public Budget budget(long vectors, int dimension, int segments) {
    double disk = 0;
    double hot = 0;
    for (String extension : measured.bytesByExtension().keySet()) {
      double bytes = perVector(extension, dimension) * vectors;
      disk += bytes;
      if (hotExtensions.contains(extension)) {
        hot += bytes;
      }
    }
    disk += perSegment(dimension) * segments;
    return new Budget(
        vectors, dimension, segments, disk, hot, heapPerSegment(dimension) * segments);
  }

  /** Bytes for a planned size: on disk, hot (page cache), and heap. */
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
