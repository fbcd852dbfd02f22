package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.PqBits;
import io.annscale.codec.pq.ProductQuantizer;
import io.annscale.codec.pq.ResidualProductQuantizer;
import java.util.Locale;

/**
 * Write-time parameters of {@link PqHnswVectorsFormat}; all of them are persisted per field, so
 * readers need none.
 *
 * @param bits code width per sub-space: {@link PqBits#EIGHT} (256 centroids) or {@link PqBits#FOUR}
 *     (16 centroids, two codes per byte)
 * @param subspaces number of PQ sub-spaces {@code m}, 1..dimension, or {@link #AUTO} for {@link
 *     ProductQuantizer#defaultSubspaces}; larger than the dimension is clamped to it
 * @param oversample the graph is searched for {@code k x oversample} candidates by PQ score, which
 *     are then reranked with exact scores; 1..{@value #MAX_OVERSAMPLE}
 * @param sampleSize at most this many vectors per segment train the codebooks, >= 1
 * @param coarseCentroids coarse centroids of the residual quantizer, 1..{@value
 *     ResidualProductQuantizer#MAX_COARSE_CENTROIDS}, or {@link #AUTO} for {@link
 *     ResidualProductQuantizer#defaultCoarseCount(int, int)} (by sample size and dimension); fewer
 *     when the training sample is smaller
 */
public record PqParameters(
    PqBits bits, int subspaces, int oversample, int sampleSize, int coarseCentroids) {
  /** Choose the sub-space count from the dimension. */
  public static final int AUTO = 0;

  /**
   * Upper bound of {@link #oversample}: beyond it the rerank costs more than an exact scan would
   * save.
   */
  public static final int MAX_OVERSAMPLE = 100;

  /**
   * Candidates per result reranked by default: recall@10 >= 0.95 without tuning on SIFT-like data
   * for PQ8 and PQ4 (siftsmall, k = 10, PQ8: oversample 2 gives 0.954, 3 gives 0.974, 5 gives
   * 0.993), with a margin for data whose clusters are tight relative to the quantization error.
   * Lower it for speed once measured.
   */
  public static final int DEFAULT_OVERSAMPLE = 5;

  /** PQ8, automatic sub-spaces, default oversample and training sample. */
  public static final PqParameters DEFAULT = of(PqBits.EIGHT);

  public PqParameters {
    if (bits == null) {
      throw new IllegalArgumentException("bits must be FOUR or EIGHT, not null");
    }
    if (subspaces < 0) {
      throw new IllegalArgumentException(
          "subspaces must be >= 1, or 0 for automatic; subspaces=" + subspaces);
    }
    if (oversample < 1 || oversample > MAX_OVERSAMPLE) {
      throw new IllegalArgumentException(
          "oversample must be in 1.." + MAX_OVERSAMPLE + "; oversample=" + oversample);
    }
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sampleSize must be >= 1; sampleSize=" + sampleSize);
    }
    if (coarseCentroids < 0 || coarseCentroids > ResidualProductQuantizer.MAX_COARSE_CENTROIDS) {
      throw new IllegalArgumentException(
          "coarseCentroids must be in 1.."
              + ResidualProductQuantizer.MAX_COARSE_CENTROIDS
              + ", or 0 for automatic; coarseCentroids="
              + coarseCentroids);
    }
  }

  /** Without a coarse-centroid count: chosen automatically. */
  public PqParameters(PqBits bits, int subspaces, int oversample, int sampleSize) {
    this(bits, subspaces, oversample, sampleSize, AUTO);
  }

  /** Defaults with the given code width. */
  public static PqParameters of(PqBits bits) {
    return new PqParameters(bits, AUTO, DEFAULT_OVERSAMPLE, ProductQuantizer.DEFAULT_SAMPLE_SIZE);
  }

  /** This with another oversample factor. */
  public PqParameters withOversample(int oversample) {
    return new PqParameters(bits, subspaces, oversample, sampleSize, coarseCentroids);
  }

  /** This with another sub-space count. */
  public PqParameters withSubspaces(int subspaces) {
    return new PqParameters(bits, subspaces, oversample, sampleSize, coarseCentroids);
  }

  /** This with another coarse-centroid count, or {@link #AUTO}. */
  public PqParameters withCoarseCentroids(int coarseCentroids) {
    return new PqParameters(bits, subspaces, oversample, sampleSize, coarseCentroids);
  }

  /** Coarse centroids for a training sample of {@code sampleCount} vectors of this dimension. */
  public int coarseCentroidsFor(int sampleCount, int dimension) {
    return coarseCentroids == AUTO
        ? ResidualProductQuantizer.defaultCoarseCount(sampleCount, dimension)
        : Math.max(1, Math.min(coarseCentroids, sampleCount));
  }

  /** Sub-spaces for a field of this dimension. */
  public int subspacesFor(int dimension) {
    return subspaces == AUTO
        ? ProductQuantizer.defaultSubspaces(dimension, bits)
        : Math.min(subspaces, dimension);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "pq=PQ%d, subspaces=%s, oversample=%d, sampleSize=%d, coarseCentroids=%s",
        bits.bits(),
        subspaces == AUTO ? "auto" : Integer.toString(subspaces),
        oversample,
        sampleSize,
        coarseCentroids == AUTO ? "auto" : Integer.toString(coarseCentroids));
  }
}
