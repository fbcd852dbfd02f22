package io.annscale.bench.cli;

import io.annscale.bench.run.FormatOptions;
import io.annscale.codec.hnswpq.PqParameters;
import picocli.CommandLine.Option;

/**
 * The formats' parameters a benchmark may override: HNSW's M and beam, PQ's sub-spaces, coarse
 * centroids and oversampling, DiskANN's graph and beam, and how many threads build a merged HNSW
 * graph. 0 leaves a parameter at the format's default.
 */
final class FormatBuildOptions {
  @Option(
      names = "--maxconn",
      defaultValue = "16",
      description = "HNSW M (default: ${DEFAULT-VALUE}).")
  int maxConn;

  @Option(
      names = "--beam-width",
      defaultValue = "100",
      description = "HNSW construction beam (default: ${DEFAULT-VALUE}).")
  int beamWidth;

  @Option(
      names = "--oversample",
      defaultValue = "0",
      description = "PQ candidates reranked per result; 0 = the format's default.")
  int oversample;

  @Option(
      names = "--query-oversample",
      defaultValue = "0",
      description =
          "PQ formats: oversample asked for at query time (PqKnnFloatVectorQuery), no rebuild; 0 = the index's.")
  int queryOversample;

  @Option(
      names = "--pq-subspaces",
      defaultValue = "0",
      description =
          "PQ-HNSW and DiskANN codes: sub-spaces m; 0 = the format's default (dim/4 for PQ8).")
  int pqSubspaces;

  @Option(
      names = "--diskann-pq-subspaces",
      defaultValue = "0",
      description =
          "DiskANN codes only: sub-spaces m, in place of --pq-subspaces (PQ-HNSW keeps that); 0 = --pq-subspaces, else the format's default.")
  int diskAnnPqSubspaces;

  @Option(
      names = "--pq-coarse",
      defaultValue = "0",
      description =
          "PQ-HNSW and DiskANN codes: coarse centroids of the residual quantizer; 0 = the format's default (by sample size and dimension).")
  int pqCoarse;

  @Option(
      names = "--diskann-build-passes",
      defaultValue = "0",
      description =
          "DiskANN: insertion passes over a segment's nodes, 1 (alpha only) or 2 (alpha 1, then alpha); 0 = the format's default (1).")
  int diskAnnBuildPasses;

  @Option(
      names = "--diskann-max-degree",
      defaultValue = "0",
      description = "DiskANN: max out-degree R; 0 = the format's default (64).")
  int diskAnnMaxDegree;

  @Option(
      names = "--diskann-build-list",
      defaultValue = "0",
      description = "DiskANN: build list size L; 0 = the format's default (100).")
  int diskAnnBuildList;

  @Option(
      names = "--diskann-beam-width",
      defaultValue = "0",
      description =
          "DiskANN: node blocks read per search round W (query time); 0 = the index's (4).")
  int diskAnnBeamWidth;

  @Option(
      names = "--merge-workers",
      defaultValue = "0",
      description =
          "Embedded: threads building the HNSW formats' force-merged graph (Lucene's numMergeWorkers) and every DiskANN graph, flush or merge; not part of the index key, recorded with the build; 0 = one thread, as Lucene builds.")
  int mergeWorkers;

  /** Fails, naming the option, on an oversample out of range. */
  void validate() {
    if (queryOversample < 0 || queryOversample > PqParameters.MAX_OVERSAMPLE) {
      throw new IllegalArgumentException(
          "--query-oversample "
              + queryOversample
              + ": must be in 0.."
              + PqParameters.MAX_OVERSAMPLE);
    }
    if (oversample < 0) {
      throw new IllegalArgumentException("--oversample " + oversample + ": must be >= 0");
    }
  }

  /** The parameters beyond M, beam and oversampling; checked by {@link FormatOptions} itself. */
  FormatOptions formatOptions() {
    return new FormatOptions(
        pqSubspaces,
        diskAnnPqSubspaces,
        diskAnnMaxDegree,
        diskAnnBuildList,
        diskAnnBeamWidth,
        mergeWorkers,
        pqCoarse,
        diskAnnBuildPasses);
  }
}
