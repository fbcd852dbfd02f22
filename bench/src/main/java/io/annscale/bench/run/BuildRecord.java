package io.annscale.bench.run;

import io.annscale.bench.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What building one index cost, and what it occupies.
 *
 * @param buildSeconds ingest plus force-merge, wall time
 * @param indexBytes all files of the index
 * @param hotBytes files search reads every query: graph plus the vectors or codes it is scored on
 * @param reused true when the index came from the cache rather than being built in this run
 * @param runs how many {@code bench run}s built it: more than 1 when a stopped build was resumed
 *     (0: not recorded)
 * @param mergeWorkers threads that built the HNSW graph of the force-merge (0: not recorded, or not
 *     an HNSW format; DiskANN's builds use all cores)
 */
public record BuildRecord(
    BuildKey key,
    double ingestSeconds,
    double mergeSeconds,
    double buildSeconds,
    long indexBytes,
    long hotBytes,
    double bytesPerVector,
    double hotBytesPerVector,
    boolean reused,
    int runs,
    int mergeWorkers) {

  /** Merge threads not recorded. */
  public BuildRecord(
      BuildKey key,
      double ingestSeconds,
      double mergeSeconds,
      double buildSeconds,
      long indexBytes,
      long hotBytes,
      double bytesPerVector,
      double hotBytesPerVector,
      boolean reused,
      int runs) {
    this(
        key,
        ingestSeconds,
        mergeSeconds,
        buildSeconds,
        indexBytes,
        hotBytes,
        bytesPerVector,
        hotBytesPerVector,
        reused,
        runs,
        0);
  }

  static BuildRecord measure(BuildKey key, Path dir, double ingestSeconds, double mergeSeconds)
      throws IOException {
    return measure(key, List.of(dir), ingestSeconds, mergeSeconds);
  }

  /**
   * Sizes summed over index directories that together hold one copy of the data (e.g. one replica
   * per shard): the files of each directory's latest commit ({@link IndexFiles}), or every file
   * where there is no commit.
   */
  public static BuildRecord measure(
      BuildKey key, List<Path> dirs, double ingestSeconds, double mergeSeconds) throws IOException {
    long total = 0;
    long hot = 0;
    for (Path dir : dirs) {
      if (IndexFiles.hasCommit(dir)) {
        IndexFiles.Sizes sizes = IndexFiles.of(dir, key.format().hotExtensions());
        total += sizes.totalBytes();
        hot += sizes.hotBytes();
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          long size = Files.isRegularFile(file) ? Files.size(file) : 0;
          total += size;
          int dot = name.lastIndexOf('.');
          if (dot >= 0 && key.format().hotExtensions().contains(name.substring(dot + 1))) {
            hot += size;
          }
        }
      }
    }
    double n = Math.max(1, key.count());
    return new BuildRecord(
        key,
        ingestSeconds,
        mergeSeconds,
        ingestSeconds + mergeSeconds,
        total,
        hot,
        total / n,
        hot / n,
        false,
        1);
  }

  /**
   * This record marked as measured on an index built earlier (its build times are not this run's).
   */
  public BuildRecord asReusedRecord() {
    return asReused();
  }

  BuildRecord asReused() {
    return new BuildRecord(
        key,
        ingestSeconds,
        mergeSeconds,
        buildSeconds,
        indexBytes,
        hotBytes,
        bytesPerVector,
        hotBytesPerVector,
        true,
        runs,
        mergeWorkers);
  }

  BuildRecord withRuns(int value) {
    return new BuildRecord(
        key,
        ingestSeconds,
        mergeSeconds,
        buildSeconds,
        indexBytes,
        hotBytes,
        bytesPerVector,
        hotBytesPerVector,
        reused,
        value,
        mergeWorkers);
  }

  BuildRecord withMergeWorkers(int value) {
    return new BuildRecord(
        key,
        ingestSeconds,
        mergeSeconds,
        buildSeconds,
        indexBytes,
        hotBytes,
        bytesPerVector,
        hotBytesPerVector,
        reused,
        runs,
        value);
  }

  void write(Path file) throws IOException {
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }

  static BuildRecord read(Path file) throws IOException {
    return Json.MAPPER.readValue(file.toFile(), BuildRecord.class);
  }
}
