package io.annscale.bench.cli;

import io.annscale.bench.data.VectorFileInfo;
import io.annscale.bench.run.BenchmarkInputs;
import io.annscale.bench.run.Environment;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.solr.LocalSolrCloud;
import io.annscale.bench.solr.SolrFault;
import io.annscale.bench.solr.SolrFaultScenario;
import io.annscale.bench.truth.GroundTruth;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench faults}: the faults SolrCloud promises to survive, each on a fresh local SolrCloud
 * of 2 nodes in this JVM, for each format, while one client feeds a 2 x 2 collection at a steady
 * rate and another queries: what was acknowledged, found and lost, how many queries failed, how
 * long the replicas took to agree, and recall afterwards. Exits 3 when any run loses a document,
 * leaves replicas apart, answers fewer than 99.9% of its queries or does not complete (the cluster
 * did not come back from the fault); the runs after such a one are not made.
 */
@Command(
    name = "faults",
    mixinStandardHelpOptions = true,
    description = {
      "Faults under load on a local SolrCloud (2 nodes in this JVM, a collection of 2 shards x 2 replicas per",
      "format): node-stop (shard1's leader stopped for 5 s), leader-partition (the leader cut off clients, nodes",
      "and ZooKeeper until another replica leads, then 5 s more), session-expiry (ZooKeeper expires the leader's",
      "session), rolling-restart (every node restarted in turn). One client ingests at --rate while another",
      "queries; afterwards every replica is counted against the acknowledged documents of its shard.",
      "Exit status 3 when a run loses a document, leaves replicas apart or answers < 99.9% of its queries."
    })
public final class BenchFaultsCommand implements Callable<Integer> {
  /** Exit status of a run in which some fault cost a document or queries. */
  static final int FAULT_COST_EXIT_CODE = BenchCompareCommand.REGRESSION_EXIT_CODE;

  @Spec CommandSpec spec;

  @Mixin BenchDataOptions data;

  @Option(
      names = "--faults",
      split = ",",
      defaultValue = "none,node-stop,leader-partition,session-expiry,rolling-restart",
      description =
          "Faults to run, in order; none is the control run, the same load without a fault (default: ${DEFAULT-VALUE}).")
  List<String> faults;

  @Option(
      names = "--formats",
      split = ",",
      defaultValue = "lucene-hnsw,pq8-hnsw,diskann",
      description =
          "Formats, each through its configset; lucene-hnsw is stock Solr (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(
      names = "--documents",
      converter = CountConverter.class,
      description = "Documents each run feeds, the first of --base (default: all of --base).")
  Long documents;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--rate",
      defaultValue = "2000",
      description =
          "Documents per second the client feeds; slow enough that ingestion outlasts the fault (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--zk-session-timeout-ms",
      defaultValue = "10000",
      description =
          "The nodes' ZooKeeper session timeout in the leader-partition run: a cut node is dropped after it (default: ${DEFAULT-VALUE}; Solr's own default 30000).")
  int zkSessionTimeoutMillis;

  @Option(
      names = "--configsets",
      description =
          "The repository's configsets/ folder (default: found above the working directory).")
  Path configsets;

  @Option(
      names = "--cluster-dir",
      defaultValue = "target/faults/cluster",
      description = "Where the nodes keep their data, emptied first (default: ${DEFAULT-VALUE}).")
  Path clusterDir;

  @Option(
      names = {"-o", "--output"},
      description = "Result JSON: the environment, the parameters and every run's outcome.")
  Path output;

  /** What a result file holds. */
  record Result(
      Environment environment,
      List<String> faults,
      List<String> formats,
      SolrFaultScenario.Load load,
      int zkSessionTimeoutMillis,
      List<SolrFaultScenario.Outcome> outcomes,
      String error) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    List<SolrFault> chosenFaults = faults.stream().map(SolrFault::named).toList();
    List<VectorFormatChoice> chosenFormats =
        formats.stream().map(VectorFormatChoice::parse).toList();
    BenchDataOptions.Data files = data.resolve(log);
    long available = VectorFileInfo.read(files.base()).count();
    int count = (int) Math.min(documents == null ? available : documents, available);
    SolrFaultScenario.Load load = new SolrFaultScenario.Load(count, batchSize, rate);
    float[][] queries = BenchmarkInputs.readQueries(files.base(), files.queries());
    // the truth covers the whole base: recall is measured only when every base vector is fed
    GroundTruth truth =
        count == available ? GroundTruth.read(files.truth(), files.truthDistances()) : null;
    if (truth == null) {
      log.printf(
          java.util.Locale.ROOT,
          "bench faults: %d of %d base vectors fed: recall afterwards is not measured%n",
          count,
          available);
    }
    log.println("bench faults: " + Json.line(load));
    List<SolrFaultScenario.Outcome> outcomes = new ArrayList<>();
    String error = null;
    runs:
    for (SolrFault fault : chosenFaults) {
      try (LocalSolrCloud cluster = startFor(fault)) {
        for (VectorFormatChoice format : chosenFormats) {
          try {
            outcomes.add(
                SolrFaultScenario.run(
                    cluster,
                    fault,
                    format,
                    configsets,
                    files.base(),
                    queries,
                    truth,
                    load,
                    files.metric(),
                    log));
          } catch (Exception e) {
            // a fault the cluster did not come back from (a shard left without a leader, replicas
            // that never recover) is a finding, not a crash: say it, keep what was measured
            error = fault.name() + " on " + format.cliName() + " did not complete: " + e;
            log.println("bench faults: " + error);
          }
          if (output != null) {
            write(chosenFaults, chosenFormats, load, outcomes, error);
          }
          if (error != null) {
            break runs;
          }
        }
      }
    }
    log.println("bench faults: fault, format, acknowledged / found / lost, queries answered");
    boolean allPassed = true;
    for (SolrFaultScenario.Outcome outcome : outcomes) {
      allPassed &= outcome.passed();
      log.printf(
          java.util.Locale.ROOT,
          "  %-16s %-12s %,d / %,d / %d   %.2f%% of %,d   %s%n",
          outcome.fault(),
          outcome.format(),
          outcome.acknowledged(),
          outcome.found(),
          outcome.lost(),
          100 * outcome.answeredShare(),
          outcome.queries(),
          outcome.passed() ? "survived" : "NOT SURVIVED");
    }
    if (output != null) {
      log.println("bench faults: result in " + output);
    }
    LocalSolrCloud.logFile().ifPresent(file -> log.println("bench faults: Solr's log in " + file));
    log.flush();
    return allPassed && error == null ? 0 : FAULT_COST_EXIT_CODE;
  }

  private LocalSolrCloud startFor(SolrFault fault) throws Exception {
    Path dir = clusterDir.resolve(fault.name());
    return fault.name().equals(SolrFault.leaderPartition().name())
        ? LocalSolrCloud.startPartitionable(2, dir, zkSessionTimeoutMillis)
        : LocalSolrCloud.start(2, dir);
  }

  private void write(
      List<SolrFault> chosenFaults,
      List<VectorFormatChoice> chosenFormats,
      SolrFaultScenario.Load load,
      List<SolrFaultScenario.Outcome> outcomes,
      String error)
      throws java.io.IOException {
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Json.MAPPER
        .writerWithDefaultPrettyPrinter()
        .writeValue(
            output.toFile(),
            new Result(
                Environment.current(),
                chosenFaults.stream().map(SolrFault::name).toList(),
                chosenFormats.stream().map(VectorFormatChoice::cliName).toList(),
                load,
                zkSessionTimeoutMillis,
                List.copyOf(outcomes),
                error));
  }
}
