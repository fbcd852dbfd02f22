package io.annscale.bench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One (format, fanout, threads) setting, measured {@code qpsRuns.size()} times; QPS and latencies
 * are those of the run with the median QPS, so one disturbed run (another process, a thread
 * migrated between cores) does not decide the figure. Latencies in microseconds.
 *
 * @param recall recall@k (k is the run's {@code k}), mean over queries; {@code minRecall} the worst
 *     query's
 * @param recallAt1 recall@1 from the same results
 * @param recallAt100 recall@100 of the same searches asked for 100 results: measured when the
 *     fanout (search list) is at least 100 and the ground truth holds 100 neighbours, else -1
 *     (absent in older results: 0)
 * @param heapUsedBytes JVM heap in use after the measurement (not collected first: what the search
 *     left)
 * @param residentBytes process resident set after the measurement (heap, code, and the index pages
 *     touched)
 * @param meanSectors DiskANN: mean distinct 4 KiB sectors a query read through the Directory (cache
 *     hits not counted); 0 for other formats
 * @param p99Sectors DiskANN: their 99th percentile; 0 for other formats
 * @param vectorHeapBytes heap held by the index's vector readers ({@code
 *     KnnVectorsReader.ramBytesUsed}): for DiskANN the PQ records, codebooks and hot-node cache;
 *     resident memory = hot files + this; -1 when Lucene's reader cannot tell (counted as 0: its
 *     graph and vectors are off heap, in the hot files)
 */
public record SearchRecord(
    String format,
    int fanout,
    int threads,
    int k,
    int queries,
    long queriesRun,
    double qps,
    double meanMicros,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long p999Micros,
    long p9999Micros,
    double recall,
    double minRecall,
    double recallAt1,
    double recallAt100,
    long heapUsedBytes,
    long residentBytes,
    List<Double> qpsRuns,
    double meanSectors,
    long p99Sectors,
    long vectorHeapBytes) {

  /**
   * The record of a SolrCloud run: sectors are not visible through Solr (-1); memory is the nodes':
   * this process's heap and RSS when they run in it, else {@code nodesResidentBytes} (the node
   * processes' resident sets together, -1 for a remote cluster) and no heap figure.
   */
  public SearchRecord forSolrCloud(boolean nodesInThisProcess, long nodesResidentBytes) {
    return new SearchRecord(
        format,
        fanout,
        threads,
        k,
        queries,
        queriesRun,
        qps,
        meanMicros,
        p50Micros,
        p90Micros,
        p99Micros,
        p999Micros,
        p9999Micros,
        recall,
        minRecall,
        recallAt1,
        recallAt100,
        nodesInThisProcess ? heapUsedBytes : -1,
        nodesInThisProcess ? residentBytes : nodesResidentBytes,
        qpsRuns,
        -1,
        -1,
        vectorHeapBytes);
  }

  /** The same measurement under another name (a sweep labels each configuration of a format). */
  public SearchRecord withFormat(String label) {
    return new SearchRecord(
        label,
        fanout,
        threads,
        k,
        queries,
        queriesRun,
        qps,
        meanMicros,
        p50Micros,
        p90Micros,
        p99Micros,
        p999Micros,
        p9999Micros,
        recall,
        minRecall,
        recallAt1,
        recallAt100,
        heapUsedBytes,
        residentBytes,
        qpsRuns,
        meanSectors,
        p99Sectors,
        vectorHeapBytes);
  }

  public static SearchRecord of(
      VectorFormatChoice format,
      int fanout,
      int threads,
      int k,
      int queries,
      List<QueryRunner.Measurement> runs,
      double recall,
      double minRecall,
      double recallAt1,
      double recallAt100,
      long vectorHeapBytes) {
    List<QueryRunner.Measurement> byQps = new ArrayList<>(runs);
    byQps.sort(Comparator.comparingDouble(QueryRunner.Measurement::qps));
    QueryRunner.Measurement m = byQps.get(byQps.size() / 2);
    Histogram h = m.latencyMicros();
    return new SearchRecord(
        format.cliName(),
        fanout,
        threads,
        k,
        queries,
        m.queriesRun(),
        m.qps(),
        h.getMean(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getValueAtPercentile(99.99),
        recall,
        minRecall,
        recallAt1,
        recallAt100,
        Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(),
        Environment.residentBytes(),
        runs.stream().map(QueryRunner.Measurement::qps).toList(),
        m.sectorsPerQuery() == null ? 0 : m.sectorsPerQuery().getMean(),
        m.sectorsPerQuery() == null ? 0 : m.sectorsPerQuery().getValueAtPercentile(99),
        vectorHeapBytes);
  }
}
