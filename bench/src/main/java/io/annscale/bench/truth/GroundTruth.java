package io.annscale.bench.truth;

import io.annscale.bench.data.VectorFileFormat;
import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.data.VectorFileReader;
import io.annscale.bench.data.VectorFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The exact top-{@code k} of every query: neighbour ids nearest first, and optionally their
 * distances (see {@link Metric} for what a distance is). Stored as an {@code .ivecs} of ids plus an
 * {@code .fvecs} of distances.
 *
 * @param ids {@code ids[q][r]} is the base ordinal of query {@code q}'s rank-{@code r} neighbour
 * @param distances same shape as {@code ids}, or null when unknown
 */
public record GroundTruth(int[][] ids, float[][] distances) {

  public GroundTruth {
    if (distances != null && distances.length != ids.length) {
      throw new IllegalArgumentException(
          "distances for " + distances.length + " queries but ids for " + ids.length);
    }
  }

  public int queryCount() {
    return ids.length;
  }

  /** Neighbours kept per query (the smallest row length). */
  public int k() {
    int k = Integer.MAX_VALUE;
    for (int[] row : ids) {
      k = Math.min(k, row.length);
    }
    return ids.length == 0 ? 0 : k;
  }

  public boolean hasDistances() {
    return distances != null;
  }

  /**
   * The truth of the first {@code queries} queries, for runs that use a prefix of the query file.
   */
  public GroundTruth prefix(int queries) {
    if (queries < 0 || queries > ids.length) {
      throw new IllegalArgumentException(
          "prefix of " + queries + " queries; the ground truth has " + ids.length);
    }
    return new GroundTruth(
        java.util.Arrays.copyOf(ids, queries),
        distances == null ? null : java.util.Arrays.copyOf(distances, queries));
  }

  /**
   * Writes ids to {@code idsFile} (.ivecs or .ibin) and, if known and a path is given, distances to
   * a float file.
   */
  public void write(Path idsFile, Path distancesFile) throws IOException {
    int k = k();
    try (VectorFileWriter w = VectorFileWriter.create(idsFile, k)) {
      for (int[] row : ids) {
        w.writeInts(row.length == k ? row : java.util.Arrays.copyOf(row, k));
      }
      w.commit();
    }
    if (distancesFile != null && distances != null) {
      try (VectorFileWriter w = VectorFileWriter.create(distancesFile, k)) {
        for (float[] row : distances) {
          w.write(row, 0, 1);
        }
        w.commit();
      }
    }
  }

  /** Reads ids (.ivecs/.ibin) and, if {@code distancesFile} is not null, the matching distances. */
  public static GroundTruth read(Path idsFile, Path distancesFile) throws IOException {
    VectorFileInfo info = VectorFileInfo.read(idsFile);
    int[][] ids = new int[Math.toIntExact(info.count())][info.dimension()];
    try (VectorFileReader r = VectorFileReader.open(info, info.count())) {
      for (int[] row : ids) {
        r.readInts(row, 1);
      }
    }
    float[][] distances = null;
    if (distancesFile != null) {
      VectorFileInfo dInfo = VectorFileInfo.read(distancesFile);
      if (dInfo.format().elementType != VectorFileFormat.FVECS.elementType
          || dInfo.count() != info.count()
          || dInfo.dimension() != info.dimension()) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s (%d x %d %s) does not match the ids in %s (%d x %d)",
                distancesFile,
                dInfo.count(),
                dInfo.dimension(),
                dInfo.format().elementType,
                idsFile,
                info.count(),
                info.dimension()));
      }
      distances = new float[ids.length][info.dimension()];
      try (VectorFileReader r = VectorFileReader.open(dInfo, dInfo.count())) {
        for (float[] row : distances) {
          r.read(row, 1);
        }
      }
    }
    return new GroundTruth(ids, distances);
  }
}
