package io.annscale.bench.cli;

import io.annscale.bench.solr.ExistingSolrCloud;
import io.annscale.bench.solr.ForkedSolrCloud;
import io.annscale.bench.solr.LocalSolrCloud;
import io.annscale.bench.solr.SolrCloudParameters;
import io.annscale.bench.solr.SolrCloudTarget;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a benchmark runs when not embedded: a SolrCloud started here or an existing one, the
 * collections' layout, how documents are sent, and what happens after the searches.
 */
final class SolrCloudOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--local-cluster",
      paramLabel = "N",
      description =
          "Target a SolrCloud of N Solr nodes started here, each in its own JVM with the annscale plugin jar in its solr home's lib/ and ZooKeeper in the first node, as bin/solr start -c runs them (data under --cluster-dir), instead of embedded Lucene.")
  Integer localCluster;

  @Option(
      names = "--node-heap",
      defaultValue = "4g",
      paramLabel = "SIZE",
      description = "--local-cluster: heap of each Solr node's JVM (default: ${DEFAULT-VALUE}).")
  String nodeHeap;

  @Option(
      names = "--node-opts",
      paramLabel = "OPTIONS",
      description =
          "--local-cluster: more JVM options for each Solr node, space-separated, as SOLR_OPTS gives an installed node (e.g. \"-Dsolr.http1=true\").")
  String nodeOptions;

  @Option(
      names = "--nodes-in-this-jvm",
      description =
          "--local-cluster: run the nodes and ZooKeeper inside the benchmark's JVM (solr-test-framework's MiniSolrCloudCluster) instead of in JVMs of their own.")
  boolean nodesInThisJvm;

  @Option(
      names = "--zk-host",
      paramLabel = "HOST:PORT[/CHROOT]",
      description =
          "Target an existing SolrCloud through its ZooKeeper; its nodes need the annscale plugin (docs/solr.md).")
  String zkHost;

  @Option(
      names = "--shards",
      defaultValue = "2",
      description = "SolrCloud: shards per collection (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(
      names = "--replicas",
      defaultValue = "1",
      description = "SolrCloud: replicas per shard (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "SolrCloud: documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--ingest-threads",
      defaultValue = "2",
      description = "SolrCloud: concurrent update requests (default: ${DEFAULT-VALUE}).")
  int ingestThreads;

  @Option(
      names = "--ingest-query-clients",
      defaultValue = "1",
      description =
          "SolrCloud: clients querying without pause during ingestion, 0 for none (default: ${DEFAULT-VALUE}).")
  int ingestQueryClients;

  @Option(
      names = "--force-merge",
      description = "SolrCloud: optimize each core to one segment after ingestion.")
  boolean forceMerge;

  @Option(
      names = "--migrate",
      description =
          "SolrCloud: after the searches, time SPLITSHARD and MOVEREPLICA while a client queries.")
  boolean migrate;

  @Option(
      names = "--split-method",
      defaultValue = "rewrite",
      description =
          "SolrCloud --migrate: SPLITSHARD's splitMethod, rewrite (Solr's default; graphs rebuilt) or link (hard links + deletions) (default: ${DEFAULT-VALUE}).")
  String splitMethod;

  @Option(
      names = "--keep-collections",
      description =
          "SolrCloud: leave the benchmark's collections in place; a collection already holding every base vector is measured without ingesting again.")
  boolean keepCollections;

  @Option(
      names = "--configsets",
      description =
          "SolrCloud: the repository's configsets/ folder (default: found above the working directory).")
  Path configsets;

  @Option(
      names = "--load-clients",
      split = ",",
      paramLabel = "N",
      description =
          "SolrCloud: the load curve at each format's smallest fanout reaching --target-recall: closed-loop runs with these client counts (e.g. 1,2,8,32,128), then an open loop at half the peak QPS with its p99.")
  java.util.List<Integer> loadClients;

  @Option(
      names = "--filters",
      split = ",",
      paramLabel = "PERCENT",
      description =
          "SolrCloud: also search with a filter query (fq) keeping each of these percentages of the documents, e.g. 50,10,1, against the exact top k of what it keeps; stock {!knn} takes the same fq as a pre-filter.")
  java.util.List<Integer> filters;

  @Option(
      names = "--cluster-dir",
      description =
          "--local-cluster: where the nodes keep their data (default: target/bench/solrcloud; emptied first).")
  Path clusterDir;

  /** True if the benchmark runs on SolrCloud rather than embedded Lucene. */
  boolean targetsSolrCloud() {
    return localCluster != null || zkHost != null;
  }

  /** The options as parameters; fails naming the option and value on a layout that cannot run. */
  SolrCloudParameters parameters() {
    if (localCluster != null && zkHost != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --local-cluster or --zk-host, not both");
    }
    if (shards < 1
        || replicas < 1
        || batchSize < 1
        || ingestThreads < 1
        || ingestQueryClients < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "--shards %d, --replicas %d, --batch-size %d, --ingest-threads %d must be >= 1 and --ingest-query-clients %d >= 0",
              shards,
              replicas,
              batchSize,
              ingestThreads,
              ingestQueryClients));
    }
    if (localCluster != null && !nodesInThisJvm) {
      try {
        ForkedSolrCloud.checkHeap(nodeHeap);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (localCluster != null && replicas > localCluster) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--replicas "
              + replicas
              + " needs at least as many nodes; --local-cluster "
              + localCluster);
    }
    return new SolrCloudParameters(
        localCluster == null ? 0 : localCluster,
        nodesInThisJvm,
        nodeHeap,
        nodeOptions == null || nodeOptions.isBlank()
            ? java.util.List.of()
            : java.util.List.of(nodeOptions.trim().split("\\s+")),
        zkHost,
        shards,
        replicas,
        batchSize,
        ingestThreads,
        ingestQueryClients,
        forceMerge,
        migrate,
        splitMethod,
        keepCollections,
        configsets,
        clusterDir != null ? clusterDir : Path.of("target", "bench", "solrcloud"),
        filters == null ? java.util.List.of() : filters,
        loadClients == null ? java.util.List.of() : loadClients);
  }

  /** The cluster the parameters name: started here, or reached through its ZooKeeper. */
  static SolrCloudTarget connect(SolrCloudParameters solr) throws Exception {
    if (solr.localNodes() == 0) {
      return ExistingSolrCloud.connect(solr.zkHost());
    }
    Path dir = solr.clusterDir().toAbsolutePath();
    return solr.nodesInThisJvm()
        ? LocalSolrCloud.start(solr.localNodes(), dir)
        : ForkedSolrCloud.start(solr.localNodes(), dir, solr.nodeHeap(), solr.nodeOptions());
  }
}
