package io.annscale.bench.solr;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A fault done to a local SolrCloud while {@link SolrFaultScenario} feeds and queries one of its
 * collections. A fault opens its {@link Window} when it takes effect and closes it once it is
 * healed (the scenario counts the queries in between), and returns when the cluster may recover.
 */
public interface SolrFault {
  /** How long a fault lasts at least: long enough for leader election and queries meanwhile. */
  double MIN_SECONDS = 5;

  /** The fault's name in logs and results, e.g. {@code node-stop}. */
  String name();

  /** Does the fault to {@code collection}'s cluster, opening and closing {@code window}. */
  void apply(LocalSolrCloud cluster, String collection, Window window, PrintWriter log)
      throws Exception;

  /** When a fault is in effect. */
  interface Window {
    void open();

    void close();
  }

  /** The node holding shard1's leader is stopped, then started again. */
  static SolrFault nodeStop() {
    return new NodeStopFault();
  }

  /**
   * The node holding shard1's leader is cut off from every client and node and from ZooKeeper (the
   * cluster must be {@link LocalSolrCloud#startPartitionable partitionable}) until ZooKeeper has
   * made another replica leader, then reconnected.
   */
  static SolrFault leaderPartition() {
    return new LeaderPartitionFault();
  }

  /**
   * ZooKeeper expires the session of the node holding shard1's leader, as it does for a node silent
   * longer than its session timeout; the node reconnects by itself.
   */
  static SolrFault sessionExpiry() {
    return new SessionExpiryFault();
  }

  /** Every node is stopped and started again in turn, each waiting for the last to recover. */
  static SolrFault rollingRestart() {
    return new RollingRestartFault();
  }

  /** Nothing done: the control run whose figures the faults' are read against. */
  static SolrFault none() {
    return new NoFault();
  }

  /** Every fault, in the order the reliability run does them. */
  static List<SolrFault> all() {
    return List.of(nodeStop(), leaderPartition(), sessionExpiry(), rollingRestart());
  }

  /** The fault named {@code name} ({@code none} for the control run), for command lines. */
  static SolrFault named(String name) {
    List<SolrFault> known =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(none()), all().stream()).toList();
    return known.stream()
        .filter(fault -> fault.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "fault '"
                        + name
                        + "': expected one of "
                        + known.stream().map(SolrFault::name).toList()));
  }

  /** Writes one line of the fault's progress. */
  static void report(PrintWriter log, String format, Object... args) {
    log.printf(Locale.ROOT, "fault: " + format + "%n", args);
    log.flush();
  }
}
