package io.annscale.bench.run;

import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.codec.pq.ResidualProductQuantizer;
import io.annscale.diskann.DiskAnnParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Format parameters beyond HNSW's M and beam: PQ sub-spaces (PQ-HNSW and DiskANN codes, or
 * DiskANN's alone), DiskANN's max degree R and build list L (build time) and beam width W (query
 * time), and the threads of an HNSW format's merges (how the index is built, not its parameters). 0
 * means the format's default.
 *
 * @param diskAnnPqSubspaces DiskANN's sub-spaces in place of {@code pqSubspaces}: its codes are all
 *     a search has in memory, so one run may give them more bytes than PQ-HNSW's, which are
 *     reranked exactly
 * @param pqCoarse coarse centroids of the residual quantizer (PQ-HNSW and DiskANN codes)
 * @param diskAnnBuildPasses DiskANN's insertion passes, 1 or 2
 */
public record FormatOptions(
    int pqSubspaces,
    int diskAnnPqSubspaces,
    int diskAnnMaxDegree,
    int diskAnnBuildList,
    int diskAnnBeamWidth,
    int mergeWorkers,
    int pqCoarse,
    int diskAnnBuildPasses) {
  public static final FormatOptions DEFAULT = new FormatOptions(0, 0, 0, 0, 0, 0, 0, 0);

  /** Most merge threads accepted: a bound against typos, far above any core count this runs on. */
  public static final int MAX_MERGE_WORKERS = 256;

  private static final int MAX_SUBSPACES = 1_024;

  public FormatOptions {
    check("--pq-subspaces", pqSubspaces, MAX_SUBSPACES);
    check("--diskann-pq-subspaces", diskAnnPqSubspaces, MAX_SUBSPACES);
    check("--diskann-max-degree", diskAnnMaxDegree, DiskAnnParameters.MAX_DEGREE);
    check("--diskann-build-list", diskAnnBuildList, DiskAnnParameters.MAX_SEARCH_LIST_SIZE);
    check("--diskann-beam-width", diskAnnBeamWidth, DiskAnnParameters.MAX_BEAM_WIDTH);
    check("--merge-workers", mergeWorkers, MAX_MERGE_WORKERS);
    check("--pq-coarse", pqCoarse, ResidualProductQuantizer.MAX_COARSE_CENTROIDS);
    check("--diskann-build-passes", diskAnnBuildPasses, 2);
  }

  /** With the quantizer's own coarse-centroid count. */
  public FormatOptions(
      int pqSubspaces,
      int diskAnnPqSubspaces,
      int diskAnnMaxDegree,
      int diskAnnBuildList,
      int diskAnnBeamWidth,
      int mergeWorkers) {
    this(
        pqSubspaces,
        diskAnnPqSubspaces,
        diskAnnMaxDegree,
        diskAnnBuildList,
        diskAnnBeamWidth,
        mergeWorkers,
        0,
        0);
  }

  /** Threads building a merged graph: 1 unless more were asked for. */
  public int mergeThreads() {
    return Math.max(1, mergeWorkers);
  }

  private static void check(String option, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          option + " " + value + ": must be in 1.." + max + ", or 0 for the format's default");
    }
  }

  /** PQ parameters with the sub-spaces and coarse centroids applied. */
  public PqParameters apply(PqParameters pq) {
    PqParameters p = pqSubspaces == 0 ? pq : pq.withSubspaces(pqSubspaces);
    return pqCoarse == 0 ? p : p.withCoarseCentroids(pqCoarse);
  }

  /**
   * DiskANN build parameters with R, L and the codes' sub-spaces applied, and a graph for every
   * segment however small: a benchmark of the format measures its graph search, where a collection
   * leaves segments under {@link DiskAnnParameters#DEFAULT_GRAPH_THRESHOLD} vectors without one.
   */
  public DiskAnnParameters diskAnn() {
    DiskAnnParameters p = DiskAnnParameters.DEFAULT.withGraphThreshold(0);
    p = diskAnnMaxDegree == 0 ? p : p.withMaxDegree(diskAnnMaxDegree);
    p = diskAnnBuildList == 0 ? p : p.withBuildListSize(diskAnnBuildList);
    p = diskAnnBuildPasses == 0 ? p : p.withBuildPasses(diskAnnBuildPasses);
    int subspaces = diskAnnSubspaces();
    p = subspaces == 0 ? p : p.withPq(p.pq().withSubspaces(subspaces));
    return pqCoarse == 0 ? p : p.withPq(p.pq().withCoarseCentroids(pqCoarse));
  }

  private int diskAnnSubspaces() {
    return diskAnnPqSubspaces != 0 ? diskAnnPqSubspaces : pqSubspaces;
  }

  /**
   * Only what changes the index this format builds (the beam width is query-time; merge threads
   * change how a graph is built, not its parameters): a build key's options.
   */
  public FormatOptions forBuild(VectorFormatChoice format) {
    boolean diskAnn = format == VectorFormatChoice.DISKANN;
    // DiskANN's own sub-spaces go where --pq-subspaces would: the same index has the same key
    // either way
    int subspaces = diskAnn ? diskAnnSubspaces() : format.isProductQuantized() ? pqSubspaces : 0;
    int coarse = diskAnn || format.isProductQuantized() ? pqCoarse : 0;
    return new FormatOptions(
        subspaces,
        0,
        diskAnn ? diskAnnMaxDegree : 0,
        diskAnn ? diskAnnBuildList : 0,
        0,
        0,
        coarse,
        diskAnn ? diskAnnBuildPasses : 0);
  }

  /**
   * What of these options changes the index the format builds, as a short name part ("" when
   * nothing does): e.g. {@code R32-L75-m16} for DiskANN, {@code m16} for PQ-HNSW. The beam width is
   * query-time and not part of it.
   */
  public String buildLabel(VectorFormatChoice format) {
    FormatOptions build = forBuild(format);
    List<String> parts = new ArrayList<>();
    if (build.diskAnnMaxDegree != 0) {
      parts.add("R" + build.diskAnnMaxDegree);
    }
    if (build.diskAnnBuildList != 0) {
      parts.add("L" + build.diskAnnBuildList);
    }
    if (build.pqSubspaces != 0) {
      parts.add("m" + build.pqSubspaces);
    }
    if (build.pqCoarse != 0) {
      parts.add("c" + build.pqCoarse);
    }
    if (build.diskAnnBuildPasses != 0) {
      parts.add("p" + build.diskAnnBuildPasses);
    }
    return String.join("-", parts);
  }
}
