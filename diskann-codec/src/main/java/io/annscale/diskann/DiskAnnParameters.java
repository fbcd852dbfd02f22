package io.annscale.diskann;

import io.annscale.codec.GraphMergePolicy;
import io.annscale.codec.hnswpq.PqFieldEntry;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.diskann.graph.VamanaGraphBuilder;
import java.util.Locale;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Write-time parameters of {@link DiskAnnVectorsFormat}. All of them are persisted per field, so a
 * reader opened by SPI name needs none; the search-time ones ({@code searchListSize}, {@code
 * beamWidth}) can be overridden per query with {@link DiskAnnKnnFloatVectorQuery}.
 *
 * @param maxDegree Vamana's {@code R}: most neighbours per node, 1..{@value #MAX_DEGREE}
 * @param buildListSize Vamana's {@code L} while building, >= 1; larger gives a better graph, slower
 *     build
 * @param alpha the robust-prune slack of the second pass, 1.0..{@value #MAX_ALPHA}; above 1 keeps
 *     longer edges
 * @param searchListSize default search-list size at query time, >= 1 (the query's {@code k} if
 *     larger)
 * @param beamWidth node blocks read per search round, 1..{@value #MAX_BEAM_WIDTH}
 * @param cacheMegabytes heap per segment and field for the blocks of the nodes nearest the entry
 *     point, >= 0, or {@link #AUTO_CACHE} for a share of the segment's node file ({@link
 *     #cacheBytesFor})
 * @param pq the product quantizer whose codes steer the search (its oversample is unused here)
 * @param buildThreads workers of one merged segment's graph build, >= 1, run on the executor the
 *     format is given or on Lucene's intra-merge executor
 * @param buildPasses insertion passes over a segment's nodes, 1 or 2: one with {@code alpha}, as
 *     Microsoft's DiskANN builds, or the paper's two (alpha 1, then {@code alpha}) at about twice
 *     the graph work
 * @param graphThreshold fewest vectors a merged segment needs for a graph, >= 0; a smaller one
 *     keeps its vectors without a graph and is searched exactly, as is every flushed segment (a
 *     flush never builds a graph, so indexing threads never wait on one: see {@link
 *     GraphMergePolicy})
 */
public record DiskAnnParameters(
    int maxDegree,
    int buildListSize,
    float alpha,
    int searchListSize,
    int beamWidth,
    int cacheMegabytes,
    PqParameters pq,
    int buildThreads,
    int buildPasses,
    int graphThreshold) {
  public static final int MAX_DEGREE = 512;

  /**
   * Segments below 10,000 vectors get no graph: an exact scan of 10,000 384-d vectors costs about
   * as much as one graph search of a large segment, and needs no build at all.
   */
  public static final int DEFAULT_GRAPH_THRESHOLD = 10_000;

  public static final float MAX_ALPHA = 2f;
  public static final int MAX_BEAM_WIDTH = 64;
  public static final int MAX_SEARCH_LIST_SIZE = 100_000;

  /**
   * The hot-node cache takes {@link #AUTO_CACHE_SHARE} of the node file, at most {@link
   * #AUTO_CACHE_MAX_BYTES}.
   */
  public static final int AUTO_CACHE = -1;

  /**
   * 1% of the node file: the sectors nearest the entry point, which every search reads first. A
   * fixed budget would be most of a small segment's memory (16 MiB is 284 bytes per vector at 59K x
   * 384) and nothing for a large one; with reads through the page cache it saves little either way,
   * with direct I/O it saves the first reads.
   */
  public static final double AUTO_CACHE_SHARE = 0.01;

  /** The automatic cache's cap per segment and field. */
  public static final long AUTO_CACHE_MAX_BYTES = 64L << 20;

  /**
   * DiskANN's defaults: R 64, L 100, alpha 1.2, W 4; PQ8; a hot-node cache of 1% of the node file;
   * as many build workers as cores; one insertion pass. On 100K real text embeddings
   * (docs/benchmarks/real-data.md) the second pass cost 39% more build time (117.3 s against 84.3
   * s) for 13% more queries per second at recall 0.95.
   */
  public static final DiskAnnParameters DEFAULT =
      new DiskAnnParameters(
          64,
          100,
          1.2f,
          100,
          4,
          AUTO_CACHE,
          PqParameters.DEFAULT,
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          1,
          DEFAULT_GRAPH_THRESHOLD);

  public DiskAnnParameters {
    check("maxDegree", maxDegree, 1, MAX_DEGREE);
    check("buildListSize", buildListSize, 1, MAX_SEARCH_LIST_SIZE);
    if (!(alpha >= 1f && alpha <= MAX_ALPHA)) {
      throw new IllegalArgumentException("alpha must be in 1.0.." + MAX_ALPHA + "; alpha=" + alpha);
    }
    check("searchListSize", searchListSize, 1, MAX_SEARCH_LIST_SIZE);
    check("beamWidth", beamWidth, 1, MAX_BEAM_WIDTH);
    check("cacheMegabytes", cacheMegabytes, AUTO_CACHE, 1 << 20);
    if (pq == null) {
      throw new IllegalArgumentException("pq must not be null");
    }
    check("buildThreads", buildThreads, 1, 1024);
    check("buildPasses", buildPasses, 1, 2);
    check("graphThreshold", graphThreshold, 0, Integer.MAX_VALUE);
  }

  /** With the {@link #DEFAULT_GRAPH_THRESHOLD}. */
  public DiskAnnParameters(
      int maxDegree,
      int buildListSize,
      float alpha,
      int searchListSize,
      int beamWidth,
      int cacheMegabytes,
      PqParameters pq,
      int buildThreads,
      int buildPasses) {
    this(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        DEFAULT_GRAPH_THRESHOLD);
  }

  static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be in %d..%d; %s=%d", name, min, max, name, value));
    }
  }

  public DiskAnnParameters withMaxDegree(int value) {
    return new DiskAnnParameters(
        value,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withBuildListSize(int value) {
    return new DiskAnnParameters(
        maxDegree,
        value,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withAlpha(float value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        value,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withSearchListSize(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        value,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withBeamWidth(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        value,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  /**
   * Heap a merge holds while it builds the graph of {@code vectors} float vectors of {@code
   * dimension}: their heap copy ({@code 4 x dimension} bytes each), their PQ records (which steer
   * the build's searches from {@code PqBuildScores.MIN_DIMENSION} dimensions up), a COSINE field's
   * inverse norms (4 bytes each, counted for every similarity), the build order's two ints each,
   * the lists with the score of every edge, and each build worker's visit stamps. The PQ training
   * sample, the codebooks and the record encoder's batch (at most 32 MiB) come on top, bounded by
   * the sample size, not by the vector count; so do the disk order's two ints per vector and the
   * graph's final copies of its lists (in slots, then renamed to ordinals), made beside them, not
   * counted. A byte field is charged for a heap copy it does not make.
   */
  public long graphBuildHeapBytes(long vectors, int dimension) {
    long perVector =
        HeapFloatVectors.bytesUsed(1, dimension)
            + PqFieldEntry.recordBytes(pq.bits(), pq.subspacesFor(dimension))
            + HeapFloatBuildScores.bytesUsed(1, VectorSimilarityFunction.COSINE)
            + BuildOrder.BYTES_PER_VECTOR
            + VamanaGraphBuilder.bytesPerNode(maxDegree)
            + (long) buildThreads * Integer.BYTES;
    return vectors * perVector;
  }

  /** The cache budget a segment with a node file of {@code nodeFileBytes} stores. */
  public long cacheBytesFor(long nodeFileBytes) {
    return cacheMegabytes == AUTO_CACHE
        ? Math.min(AUTO_CACHE_MAX_BYTES, (long) (nodeFileBytes * AUTO_CACHE_SHARE))
        : (long) cacheMegabytes << 20;
  }

  public DiskAnnParameters withCacheMegabytes(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        value,
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withPq(PqParameters value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        value,
        buildThreads,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withBuildThreads(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        value,
        buildPasses,
        graphThreshold);
  }

  public DiskAnnParameters withBuildPasses(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        value,
        graphThreshold);
  }

  public DiskAnnParameters withGraphThreshold(int value) {
    return new DiskAnnParameters(
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes,
        pq,
        buildThreads,
        buildPasses,
        value);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "R=%d, L=%d, alpha=%.2f, searchList=%d, beamWidth=%d, cache=%s, %s, buildThreads=%d, buildPasses=%d, graphThreshold=%d",
        maxDegree,
        buildListSize,
        alpha,
        searchListSize,
        beamWidth,
        cacheMegabytes == AUTO_CACHE ? "1% of nodes" : cacheMegabytes + "MB",
        pq,
        buildThreads,
        buildPasses,
        graphThreshold);
  }
}
