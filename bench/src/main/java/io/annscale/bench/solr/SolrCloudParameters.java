package io.annscale.bench.solr;

import java.nio.file.Path;

/**
 * How a SolrCloud run lays out and feeds its collections; echoed into the result.
 *
 * @param localNodes Solr nodes started locally, 0 for an existing cluster
 * @param nodesInThisJvm local nodes run in the benchmark's JVM (solr-test-framework's
 *     MiniSolrCloudCluster, for tests and fault scenarios that stop nodes) rather than each in a
 *     JVM of its own
 * @param nodeHeap heap of each local node in its own JVM (e.g. {@code 4g})
 * @param nodeOptions more JVM options for each local node in its own JVM, as {@code SOLR_OPTS}
 *     gives an installed node (e.g. {@code -Dsolr.http1=true})
 * @param zkHost the existing cluster's ZooKeeper, null for a local one
 * @param batchSize documents per update request
 * @param ingestThreads concurrent update requests
 * @param ingestQueryClients clients querying without pause during ingestion (0: none)
 * @param forceMerge optimize to one segment per core after ingestion (not what an NRT collection
 *     does)
 * @param migrate after the searches, time SPLITSHARD of shard1 and MOVEREPLICA of a shard2 replica
 * @param splitMethod SPLITSHARD's {@code splitMethod}: {@code rewrite} (Solr's default: the halves'
 *     segments are written again, so their vector graphs are rebuilt) or {@code link} (hard links
 *     plus deletions, no rewrite)
 * @param keepCollections leave the collections in place afterwards, and measure a collection that
 *     already holds every base vector again without ingesting (e.g. the runner measuring more
 *     search-list sizes)
 * @param filterPercents after the plain searches, search again with a filter query keeping each of
 *     these percentages of the documents ({@link SolrQueries#filter}), against the exact top k of
 *     the documents it keeps; empty for none
 * @param loadClients after the plain searches, the load curve at the smallest fanout reaching the
 *     target recall: closed-loop runs with each of these client counts, then an open loop at half
 *     the peak ({@link SolrLoadCurve}); empty for none
 */
public record SolrCloudParameters(
    int localNodes,
    boolean nodesInThisJvm,
    String nodeHeap,
    java.util.List<String> nodeOptions,
    String zkHost,
    int shards,
    int replicas,
    int batchSize,
    int ingestThreads,
    int ingestQueryClients,
    boolean forceMerge,
    boolean migrate,
    String splitMethod,
    boolean keepCollections,
    Path configsets,
    Path clusterDir,
    java.util.List<Integer> filterPercents,
    java.util.List<Integer> loadClients) {

  /** Solr's split methods. */
  public static final java.util.List<String> SPLIT_METHODS = java.util.List.of("rewrite", "link");

  public SolrCloudParameters {
    nodeOptions = nodeOptions == null ? java.util.List.of() : java.util.List.copyOf(nodeOptions);
    filterPercents =
        filterPercents == null ? java.util.List.of() : java.util.List.copyOf(filterPercents);
    loadClients = loadClients == null ? java.util.List.of() : java.util.List.copyOf(loadClients);
    for (int clients : loadClients) {
      if (clients < 1) {
        throw new IllegalArgumentException("--load-clients " + clients + ": clients are >= 1");
      }
    }
    for (int percent : filterPercents) {
      if (percent < 1 || percent > 99) {
        throw new IllegalArgumentException(
            "--filters " + percent + ": a percentage of the documents, 1..99");
      }
    }
    if (!SPLIT_METHODS.contains(splitMethod)) {
      throw new IllegalArgumentException(
          "--split-method " + splitMethod + ": expected one of " + SPLIT_METHODS);
    }
  }
}
