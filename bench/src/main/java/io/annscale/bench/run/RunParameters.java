package io.annscale.bench.run;

import io.annscale.bench.truth.Metric;
import io.annscale.diskann.DiskAnnReadSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one embedded benchmark run is given; echoed into the result so a number can be
 * reproduced.
 *
 * @param truth exact neighbour ids ({@code .ivecs}), at least {@code k} per query
 * @param truthDistances their distances, or null; when given, recall treats ties at the k-th
 *     distance as hits
 * @param queryOversample PQ formats: the oversample each query asks for ({@code
 *     PqKnnFloatVectorQuery}), 0 to use the one stored in the index
 * @param fanouts search-list sizes (the query's {@code k}), each >= {@code k}
 * @param threads client thread counts to measure
 * @param minSeconds minimum measured time per (format, fanout, threads)
 * @param repeats measurements per (format, fanout, threads); the median QPS one is reported
 * @param warmupSeconds untimed queries per format before its first measurement, so the JIT has
 *     compiled the search path and the index files are in the page cache
 * @param seed the HNSW builder's seed (Lucene's {@code HnswGraphBuilder.randSeed}); PQ training has
 *     its own fixed seed
 * @param queryPattern how the measured queries are picked and paced; recall always uses every query
 *     once
 * @param formatOptions PQ sub-spaces (shared, and DiskANN's own), DiskANN R, L, W, HNSW merge
 *     threads (0: defaults); null in older results reads as defaults
 */
public record RunParameters(
    Path base,
    Path queries,
    Path truth,
    Path truthDistances,
    Metric metric,
    long count,
    List<VectorFormatChoice> formats,
    int maxConn,
    int beamWidth,
    int oversample,
    int queryOversample,
    List<Integer> fanouts,
    List<Integer> threads,
    int k,
    double minSeconds,
    int repeats,
    double warmupSeconds,
    double targetRecall,
    Path indexRoot,
    boolean rebuild,
    double ramBufferMb,
    long seed,
    QueryPattern queryPattern,
    FormatOptions formatOptions,
    DiskAnnReadSettings diskAnnRead) {

  public RunParameters {
    queryPattern = queryPattern == null ? QueryPattern.UNIFORM : queryPattern;
    formatOptions = formatOptions == null ? FormatOptions.DEFAULT : formatOptions;
    diskAnnRead = diskAnnRead == null ? DiskAnnReadSettings.DEFAULT : diskAnnRead;
  }

  /**
   * DiskANN indexes served with the default read settings (memory-mapped, each segment's cache).
   */
  public RunParameters(
      Path base,
      Path queries,
      Path truth,
      Path truthDistances,
      Metric metric,
      long count,
      List<VectorFormatChoice> formats,
      int maxConn,
      int beamWidth,
      int oversample,
      int queryOversample,
      List<Integer> fanouts,
      List<Integer> threads,
      int k,
      double minSeconds,
      int repeats,
      double warmupSeconds,
      double targetRecall,
      Path indexRoot,
      boolean rebuild,
      double ramBufferMb,
      long seed,
      QueryPattern queryPattern,
      FormatOptions formatOptions) {
    this(
        base,
        queries,
        truth,
        truthDistances,
        metric,
        count,
        formats,
        maxConn,
        beamWidth,
        oversample,
        queryOversample,
        fanouts,
        threads,
        k,
        minSeconds,
        repeats,
        warmupSeconds,
        targetRecall,
        indexRoot,
        rebuild,
        ramBufferMb,
        seed,
        queryPattern,
        formatOptions,
        DiskAnnReadSettings.DEFAULT);
  }

  /** Default format options. */
  public RunParameters(
      Path base,
      Path queries,
      Path truth,
      Path truthDistances,
      Metric metric,
      long count,
      List<VectorFormatChoice> formats,
      int maxConn,
      int beamWidth,
      int oversample,
      int queryOversample,
      List<Integer> fanouts,
      List<Integer> threads,
      int k,
      double minSeconds,
      int repeats,
      double warmupSeconds,
      double targetRecall,
      Path indexRoot,
      boolean rebuild,
      double ramBufferMb,
      long seed,
      QueryPattern queryPattern) {
    this(
        base,
        queries,
        truth,
        truthDistances,
        metric,
        count,
        formats,
        maxConn,
        beamWidth,
        oversample,
        queryOversample,
        fanouts,
        threads,
        k,
        minSeconds,
        repeats,
        warmupSeconds,
        targetRecall,
        indexRoot,
        rebuild,
        ramBufferMb,
        seed,
        queryPattern,
        FormatOptions.DEFAULT);
  }

  /** The build key of one format of this run. */
  public BuildKey buildKey(VectorFormatChoice format) throws java.io.IOException {
    return BuildKey.of(base, count, metric, format, maxConn, beamWidth, oversample, formatOptions);
  }

  /** Uniform queries. */
  public RunParameters(
      Path base,
      Path queries,
      Path truth,
      Path truthDistances,
      Metric metric,
      long count,
      List<VectorFormatChoice> formats,
      int maxConn,
      int beamWidth,
      int oversample,
      int queryOversample,
      List<Integer> fanouts,
      List<Integer> threads,
      int k,
      double minSeconds,
      int repeats,
      double warmupSeconds,
      double targetRecall,
      Path indexRoot,
      boolean rebuild,
      double ramBufferMb,
      long seed) {
    this(
        base,
        queries,
        truth,
        truthDistances,
        metric,
        count,
        formats,
        maxConn,
        beamWidth,
        oversample,
        queryOversample,
        fanouts,
        threads,
        k,
        minSeconds,
        repeats,
        warmupSeconds,
        targetRecall,
        indexRoot,
        rebuild,
        ramBufferMb,
        seed,
        QueryPattern.UNIFORM);
  }
}
