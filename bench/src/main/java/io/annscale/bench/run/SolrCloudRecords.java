package io.annscale.bench.run;

import java.util.List;

/**
 * What a SolrCloud run measures besides builds and searches.
 *
 * @param shards shards per collection
 * @param replicas replicas per shard
 * @param nodes live Solr nodes at the start
 * @param ingests one per format: NRT ingestion through SolrJ
 * @param migrations shard migrations timed after the searches (empty unless asked for)
 * @param trivialQueries per format and client count: the trivial query ({@code q=id:<id>}, 10 rows)
 *     on the same collection, timed like the searches: Solr's fixed cost per request
 */
public record SolrCloudRecords(
    int shards,
    int replicas,
    int nodes,
    List<IngestRecord> ingests,
    List<MigrationRecord> migrations,
    List<TrivialQueryRecord> trivialQueries,
    List<LoadRecord> loads) {

  /** Results written before trivial queries or loads were measured read as having none. */
  public SolrCloudRecords {
    trivialQueries = trivialQueries == null ? List.of() : trivialQueries;
    loads = loads == null ? List.of() : loads;
  }

  /**
   * One point of a format's load curve at one setting (its smallest fanout reaching the target
   * recall): {@code clients} closed-loop clients, or an open loop offering {@code offeredQps} with
   * {@code clients} workers, latencies from when each query was due (microseconds).
   */
  public record LoadRecord(
      String format,
      int fanout,
      double recall,
      boolean openLoop,
      int clients,
      double offeredQps,
      double qps,
      long p50Micros,
      long p99Micros,
      long maxMicros) {}

  /**
   * The trivial query on a format's collection with {@code threads} closed-loop clients: the median
   * of the run's repeats by QPS, its latencies in microseconds.
   */
  public record TrivialQueryRecord(
      String format, int threads, double qps, long p50Micros, long p99Micros) {}

  /**
   * Indexing through SolrJ with the configset's near-real-time commits (soft commit every second),
   * while {@code queryClients} clients query without pause.
   *
   * @param docsPerSecond documents acknowledged per second of ingestion (before the final hard
   *     commit)
   * @param searchableSeconds from the last acknowledgement until a search finds every document,
   *     through the collection's soft commits alone (-1: not within 5 minutes)
   * @param refusedBatches batches the cluster refused and that were sent again
   * @param queriesDuringIngest queries answered during ingestion; {@code failedQueries} those that
   *     failed
   * @param qpsDuringIngest their rate; p50/p99 their latency (microseconds); 0 without query
   *     clients
   * @param updateP50Micros an update request's latency as its client waits (a batch of {@code
   *     batchSize} documents, retries included), median; p99 and max beside it
   * @param settledSeconds from the final commit until the merges settled (the same segments twice
   *     in a row, no graph merge owed); searches are measured after; -1: not seen (a remote
   *     cluster, or not within an hour)
   * @param leaderSegments segments in each shard leader's latest commit once settled, what every
   *     query searches; empty when the index directories are not visible (a remote cluster)
   */
  public record IngestRecord(
      String format,
      long documents,
      double ingestSeconds,
      double docsPerSecond,
      double searchableSeconds,
      double commitSeconds,
      long refusedBatches,
      int queryClients,
      long queriesDuringIngest,
      long failedQueries,
      double qpsDuringIngest,
      long p50MicrosDuringIngest,
      long p99MicrosDuringIngest,
      long updateP50Micros,
      long updateP99Micros,
      long updateMaxMicros,
      double settledSeconds,
      List<Integer> leaderSegments) {

    /** Results written before segments were recorded read as having none. */
    public IngestRecord {
      leaderSegments = leaderSegments == null ? List.of() : leaderSegments;
    }
  }

  /**
   * One collection operation, timed until the collection is active again, with recall@k measured
   * before and after.
   *
   * @param operation {@code SPLITSHARD shard1} or {@code MOVEREPLICA ...}
   */
  public record MigrationRecord(
      String format,
      String operation,
      double seconds,
      long documentsAfter,
      double recallBefore,
      double recallAfter,
      long queriesDuring,
      long failedQueriesDuring) {}
}
