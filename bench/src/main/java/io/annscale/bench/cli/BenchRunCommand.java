package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.dataset.AnnBenchmarksFile;
import io.annscale.bench.report.HtmlReport;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.FormatOptions;
import io.annscale.bench.run.QueryPattern;
import io.annscale.bench.run.ResultTables;
import io.annscale.bench.run.RunParameters;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.solr.ExistingSolrCloud;
import io.annscale.bench.solr.LocalSolrCloud;
import io.annscale.bench.solr.SolrCloudBenchmark;
import io.annscale.bench.solr.SolrCloudParameters;
import io.annscale.bench.solr.SolrCloudTarget;
import io.annscale.bench.solr.SolrConfigsets;
import io.annscale.bench.truth.Metric;
import io.annscale.codec.hnswpq.PqParameters;
import io.annscale.diskann.DiskAnnIo;
import io.annscale.diskann.HotNodeCacheBudget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench run}: the benchmark of several vector formats on one data set, embedded or on
 * SolrCloud.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Build one Lucene index per format on the same base vectors (cached by parameters), then measure build",
      "time, size, hot bytes per vector, QPS and latency per thread count, and recall against exact ground truth",
      "at each search-list size. Prints tables; writes the full result as JSON.",
      "With --local-cluster N or --zk-host, the same on SolrCloud: a collection per format from its configset,",
      "NRT ingestion through SolrJ (docs/s, queries during ingestion), {!annknn} queries, optional --migrate."
    })
public final class BenchRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      description =
          "An ann-benchmarks .hdf5 file (train, test, neighbors, the metric in its 'distance' attribute), in place of --base, --queries, --truth and --metric.")
  Path dataset;

  @Option(
      names = "--extract-dir",
      description =
          "Where an .hdf5 data set's members are written as vector files (default: hdf5/ under $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path extractDir;

  @Option(
      names = "--base",
      description =
          "Base vectors (.fvecs .bvecs .fbin .u8bin .i8bin); with --queries and --truth unless --dataset.")
  Path base;

  @Option(names = "--queries", description = "Query vectors.")
  Path queries;

  @Option(
      names = "--truth",
      description = "Exact neighbour ids (.ivecs/.ibin), e.g. from `groundtruth`.")
  Path truth;

  @Option(
      names = "--truth-distances",
      description = "Their distances (.fvecs): ties at the k-th distance count as hits.")
  Path truthDistances;

  @Option(
      names = "--metric",
      description = "euclidean, cosine or dot_product (default: euclidean, or the --dataset's).")
  String metric;

  @Option(
      names = "--base-limit",
      converter = CountConverter.class,
      description = "Index only the first N base vectors.")
  Long baseLimit;

  @Option(
      names = "--formats",
      defaultValue = "lucene-hnsw,lucene-hnsw-int7,pq8-hnsw",
      description =
          "Comma-separated; the first is the baseline of the ratios (default: ${DEFAULT-VALUE}). Known: lucene-hnsw, lucene-hnsw-int7, pq8-hnsw, pq4-hnsw, diskann.")
  String formats;

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
          "Embedded HNSW formats: threads building the force-merge's graph (Lucene's numMergeWorkers); not part of the index key, recorded with the build; 0 = Lucene's single thread.")
  int mergeWorkers;

  @Option(
      names = "--fanouts",
      split = ",",
      defaultValue = "10,20,40,80,160",
      description = "Search-list sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> fanouts;

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,2",
      description = "Client threads (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(
      names = "--query-pattern",
      defaultValue = "uniform",
      description =
          "uniform (closed loop, every query in turn), zipf:S (closed loop, Zipf-skewed draws) or"
              + " burst:RATE:SECONDS (open loop at RATE queries/s; latency from each query's scheduled time) (default: ${DEFAULT-VALUE}).")
  String queryPattern;

  @Option(
      names = {"-k", "--k"},
      defaultValue = "10",
      description = "Results per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--min-seconds",
      defaultValue = "3",
      description = "Minimum measured time per setting (default: ${DEFAULT-VALUE}).")
  double minSeconds;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description =
          "Measurements per setting; the median QPS is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description = "Untimed queries per format before measuring (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(
      names = "--target-recall",
      defaultValue = "0.95",
      description = "Recall at which formats are compared (default: ${DEFAULT-VALUE}).")
  double targetRecall;

  @Option(
      names = "--index-dir",
      description =
          "Where indexes are built and cached (default: indexes/ beside the data folder, ~/.cache/annscale/indexes).")
  Path indexDir;

  @Option(
      names = "--rebuild",
      description =
          "Build even when a cached index matches; needed after a format's defaults"
              + " changed in the code, since the cache key holds the options given, not the defaults they resolve to.")
  boolean rebuild;

  @Option(
      names = "--ram-buffer-mb",
      defaultValue = "1024",
      description = "IndexWriter RAM buffer (default: ${DEFAULT-VALUE}).")
  double ramBufferMb;

  @Option(
      names = "--fork",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Measure each format in its own JVM, so none inherits another's JIT profile (default: ${DEFAULT-VALUE}).")
  boolean fork;

  @Option(
      names = "--diskann-io",
      defaultValue = "mmap",
      description =
          "How DiskANN reads node blocks: mmap (through the page cache) or direct (O_DIRECT, bypassing it); sets -D"
              + DiskAnnIo.PROPERTY
              + " (default: ${DEFAULT-VALUE}).")
  String diskAnnIo;

  @Option(
      names = "--diskann-cache-mb",
      paramLabel = "MiB",
      description =
          "DiskANN hot-node cache budget for searching, in place of the one each index was built with; sets -D"
              + HotNodeCacheBudget.PROPERTY
              + " (default: the index's).")
  String diskAnnCacheMb;

  @Option(
      names = "--local-cluster",
      paramLabel = "N",
      description =
          "Target a SolrCloud of N real Solr nodes and a ZooKeeper started in this JVM (data under --cluster-dir) instead of embedded Lucene.")
  Integer localCluster;

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
      names = "--cluster-dir",
      description =
          "--local-cluster: where the nodes keep their data (default: target/bench/solrcloud; emptied first).")
  Path clusterDir;

  @Option(
      names = "--report",
      description = "Also write the HTML report with PNG charts into this folder.")
  Path report;

  @Option(
      names = {"-o", "--out"},
      description = "Result JSON (default: target/bench/results/run-<time>.json).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    if (!diskAnnIo.equals("mmap") && !diskAnnIo.equals("direct")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--diskann-io must be mmap or direct; --diskann-io=" + diskAnnIo);
    }
    if (diskAnnCacheMb != null) {
      try {
        HotNodeCacheBudget.parseMib(diskAnnCacheMb);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--diskann-cache-mb must be a number of MiB >= 0; --diskann-cache-mb="
                + diskAnnCacheMb);
      }
    }
    // read by DiskANN readers in this JVM and passed on to the forked ones
    System.setProperty(DiskAnnIo.PROPERTY, diskAnnIo);
    if (diskAnnCacheMb != null) {
      System.setProperty(HotNodeCacheBudget.PROPERTY, diskAnnCacheMb.trim());
    }
    resolveInputs(log);
    RunParameters parameters = parameters();
    log.println("bench run: " + Json.line(parameters));
    log.flush();
    EmbeddedBenchmark.Result result;
    if (localCluster != null || zkHost != null) {
      result = runOnSolrCloud(parameters, log);
    } else {
      result =
          fork
              ? new ForkedBenchmark(parameters, log).run()
              : new EmbeddedBenchmark(parameters, log).run();
    }
    ResultTables.print(result, log);
    Path file =
        out != null
            ? out
            : Path.of(
                "target",
                "bench",
                "results",
                "run-"
                    + LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                    + ".json");
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
    log.println("bench run: result -> " + file);
    if (report != null) {
      log.println(
          "bench run: report -> "
              + HtmlReport.write(result, "annscale bench: " + file.getFileName(), report));
    }
    return 0;
  }

  private EmbeddedBenchmark.Result runOnSolrCloud(RunParameters parameters, PrintWriter log)
      throws Exception {
    if (localCluster != null && zkHost != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --local-cluster or --zk-host, not both");
    }
    for (VectorFormatChoice format : parameters.formats()) {
      SolrConfigsets.configsetFor(
          format); // fails early, naming the format, before a cluster starts
    }
    if (parameters.formatOptions().mergeWorkers() != 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--merge-workers "
              + mergeWorkers
              + " applies to embedded runs; SolrCloud merges with its cores' own settings");
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
    if (localCluster != null && replicas > localCluster) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--replicas "
              + replicas
              + " needs at least as many nodes; --local-cluster "
              + localCluster);
    }
    Path dir = clusterDir != null ? clusterDir : Path.of("target", "bench", "solrcloud");
    SolrCloudParameters solr =
        new SolrCloudParameters(
            localCluster == null ? 0 : localCluster,
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
            dir);
    log.println("bench run: SolrCloud " + Json.line(solr));
    log.flush();
    try (SolrCloudTarget target =
        localCluster != null
            ? LocalSolrCloud.start(localCluster, dir.toAbsolutePath())
            : ExistingSolrCloud.connect(zkHost)) {
      return new SolrCloudBenchmark(parameters, solr, target, log).run();
    } finally {
      if (localCluster != null) {
        LocalSolrCloud.logFile()
            .filter(Files::exists)
            .ifPresent(file -> log.println("bench run: Solr's log -> " + file));
        log.flush();
      }
    }
  }

  /**
   * --dataset, or --base, --queries and --truth (each may name an .hdf5 member); the metric they
   * imply.
   */
  private void resolveInputs(PrintWriter log) throws java.io.IOException {
    if (dataset != null) {
      if (base != null || queries != null || truth != null || truthDistances != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--dataset "
                + dataset
                + " gives the base, queries and truth; leave out --base, --queries, --truth and --truth-distances");
      }
      if (!AnnBenchmarksFile.isHdf5(dataset)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--dataset " + dataset + ": expected an ann-benchmarks .hdf5 file");
      }
      AnnBenchmarksFile.Extracted data =
          AnnBenchmarksFile.extract(
              dataset, extractDir != null ? extractDir : DataPaths.hdf5Cache());
      if (metric != null && Metric.parse(metric) != data.metric()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--metric "
                + metric
                + " disagrees with --dataset "
                + dataset
                + ", whose distance attribute says "
                + data.metric());
      }
      log.printf(
          Locale.ROOT,
          "bench run: --dataset %s: %d base, %d queries, top %d, dimension %d, %s -> %s%n",
          dataset,
          data.baseCount(),
          data.queryCount(),
          data.k(),
          data.dimension(),
          data.metric(),
          data.base().getParent());
      base = data.base();
      queries = data.queries();
      truth = data.truth();
      truthDistances = data.truthDistances();
      metric = data.metric().toString();
      return;
    }
    if (base == null || queries == null || truth == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --dataset FILE.hdf5, or --base, --queries and --truth");
    }
    Path hdf5 = DataPaths.hdf5File(base);
    if (metric == null && hdf5 != null) {
      metric = AnnBenchmarksFile.metric(hdf5).toString();
    }
    if (truthDistances == null && DataPaths.hdf5File(truth) != null) {
      truthDistances = DataPaths.vectors(truth, "distances");
    }
    base = DataPaths.vectors(base, "train");
    queries = DataPaths.vectors(queries, "test");
    truth = DataPaths.vectors(truth, "neighbors");
    if (metric == null) {
      metric = Metric.EUCLIDEAN.toString();
    }
  }

  private RunParameters parameters() throws java.io.IOException {
    List<VectorFormatChoice> choices = VectorFormatChoice.parseList(formats);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("--formats: give at least one format");
    }
    for (int fanout : fanouts) {
      if (fanout < k) {
        throw new IllegalArgumentException("--fanouts " + fanout + ": must be >= -k " + k);
      }
    }
    for (int t : threads) {
      if (t < 1) {
        throw new IllegalArgumentException("--threads " + t + ": must be >= 1");
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats " + repeats + ": must be >= 1");
    }
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
    long count = VectorFileInfo.read(base).count();
    if (baseLimit != null) {
      count = Math.min(count, baseLimit);
    }
    Path root = indexDir != null ? indexDir : DataDirectory.root().resolveSibling("indexes");
    return new RunParameters(
        base,
        queries,
        truth,
        truthDistances,
        Metric.parse(metric),
        count,
        choices,
        maxConn,
        beamWidth,
        oversample,
        queryOversample,
        List.copyOf(fanouts),
        List.copyOf(threads),
        k,
        minSeconds,
        repeats,
        warmupSeconds,
        targetRecall,
        root,
        rebuild,
        ramBufferMb,
        HnswGraphBuilder.randSeed,
        QueryPattern.parse(queryPattern),
        new FormatOptions(
            pqSubspaces,
            diskAnnPqSubspaces,
            diskAnnMaxDegree,
            diskAnnBuildList,
            diskAnnBeamWidth,
            mergeWorkers,
            pqCoarse,
            diskAnnBuildPasses));
  }
}
