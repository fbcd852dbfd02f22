package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.report.SoakCharts;
import io.annscale.bench.run.BenchmarkInputs;
import io.annscale.bench.run.Environment;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.solr.ForkedSolrCloud;
import io.annscale.bench.solr.LocalSolrCloud;
import io.annscale.bench.solr.SolrCloudTarget;
import io.annscale.bench.solr.SolrSoak;
import io.annscale.bench.truth.GroundTruth;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench soak}: a collection loaded on a local SolrCloud, then queried and re-indexed for a
 * set time, its heap, resident memory, open files, segments, QPS and p99 sampled at an interval;
 * the series, their fitted slopes per hour and two charts are the result.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = {
      "A soak on a local SolrCloud (2 shards x 1 replica): --documents are loaded and their merges left to",
      "settle, then clients query without pause while one re-indexes the documents in turn at --rate (NRT",
      "updates) for --minutes; every --sample-seconds the nodes' live heap (and their heap after a full",
      "collection), resident memory and open files, the segments and the interval's QPS and p99 are recorded.",
      "Prints each sample and each series' fitted slope per hour; -o writes the JSON,",
      "--report the charts soak-queries.png and soak-resources.png."
    })
public final class BenchSoakCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchDataOptions data;

  @Option(
      names = "--format",
      defaultValue = "diskann",
      description = "The format, through its configset (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--documents",
      converter = CountConverter.class,
      description =
          "Documents loaded and re-indexed, the first of --base (default: all of --base).")
  Long documents;

  @Option(
      names = "--minutes",
      defaultValue = "60",
      description = "How long queries and re-indexing run (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--sample-seconds",
      defaultValue = "60",
      description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
  double sampleSeconds;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Documents re-indexed per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--query-clients",
      defaultValue = "1",
      description = "Clients querying without pause (default: ${DEFAULT-VALUE}).")
  int queryClients;

  @Option(
      names = "--fanout",
      defaultValue = "40",
      description = "Search list of every query (default: ${DEFAULT-VALUE}).")
  int fanout;

  @Option(
      names = "--settle-seconds",
      defaultValue = "3600",
      description =
          "How long to wait after the load for its merges to settle before the clock starts; 0 starts at once"
              + " (default: ${DEFAULT-VALUE}).")
  long settleSeconds;

  @Option(
      names = "--full-gc",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Force a full collection in every node's JVM at each sample and record the heap used after it; also"
              + " measures the settled heap before and after the soak, which a leak is judged on (default: ${DEFAULT-VALUE}).")
  boolean fullGc;

  @Option(
      names = "--nodes",
      defaultValue = "2",
      description = "Solr nodes started here (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--nodes-in-this-jvm",
      description =
          "Run the nodes in this JVM (MiniSolrCloudCluster) instead of each in its own; its heap is then the nodes' and the client's together.")
  boolean nodesInThisJvm;

  @Option(
      names = "--node-heap",
      defaultValue = "4g",
      description = "Heap of each node's own JVM (default: ${DEFAULT-VALUE}).")
  String nodeHeap;

  @Option(
      names = "--configsets",
      description =
          "The repository's configsets/ folder (default: found above the working directory).")
  Path configsets;

  @Option(
      names = "--cluster-dir",
      defaultValue = "target/soak/cluster",
      description = "Where the nodes keep their data, emptied first (default: ${DEFAULT-VALUE}).")
  Path clusterDir;

  @Option(
      names = {"-o", "--output"},
      description = "Result JSON: the environment and the soak's samples and trends.")
  Path output;

  @Option(names = "--report", description = "Folder for the soak's charts.")
  Path report;

  /** What a result file holds. */
  record Result(Environment environment, SolrSoak.Outcome soak) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    VectorFormatChoice chosen = VectorFormatChoice.parse(format);
    BenchDataOptions.Data files = data.resolve(log);
    long available = VectorFileInfo.read(files.base()).count();
    int count = (int) Math.min(documents == null ? available : documents, available);
    SolrSoak.Settings settings =
        new SolrSoak.Settings(
            count,
            minutes,
            sampleSeconds,
            rate,
            batchSize,
            queryClients,
            fanout,
            settleSeconds,
            fullGc);
    if (!nodesInThisJvm) {
      ForkedSolrCloud.checkHeap(nodeHeap);
    }
    float[][] queries = BenchmarkInputs.readQueries(files.base(), files.queries());
    GroundTruth truth =
        count == available ? GroundTruth.read(files.truth(), files.truthDistances()) : null;
    log.println("bench soak: " + Json.line(settings));
    log.flush();
    SolrSoak.Outcome outcome;
    Path dir = clusterDir.toAbsolutePath();
    try (SolrCloudTarget cluster =
        nodesInThisJvm
            ? LocalSolrCloud.start(nodes, dir)
            : ForkedSolrCloud.start(nodes, dir, nodeHeap, List.of())) {
      outcome =
          SolrSoak.run(
              cluster,
              chosen,
              configsets,
              files.base(),
              queries,
              truth,
              settings,
              files.metric(),
              log);
    }
    SolrSoak.HeapGrowth growth = outcome.heapGrowth();
    log.printf(
        Locale.ROOT,
        "bench soak: %s, %,d documents re-indexed, %d queries failed, recall@10 %.4f before and %.4f after;"
            + " heap %s%n",
        outcome.format(),
        outcome.acknowledged(),
        outcome.failedQueries(),
        outcome.recallBefore(),
        outcome.recallAfter(),
        growth == null
            ? "growth not measured"
            : String.format(
                Locale.ROOT, "%s %+.1f MB/h", growth.measure(), growth.megabytesPerHour()));
    if (output != null) {
      if (output.toAbsolutePath().getParent() != null) {
        Files.createDirectories(output.toAbsolutePath().getParent());
      }
      Json.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValue(output.toFile(), new Result(Environment.current(), outcome));
      log.println("bench soak: result in " + output);
    }
    if (report != null) {
      log.println("bench soak: charts " + SoakCharts.write(outcome, report));
    }
    log.flush();
    return 0;
  }
}
