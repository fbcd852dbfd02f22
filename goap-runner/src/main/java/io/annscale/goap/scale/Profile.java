package io.annscale.goap.scale;

import java.util.List;
import java.util.Locale;

/**
 * What a milestone's tier means on a given machine: how many vectors, how the cluster is laid out, how long each
 * measurement runs, and the criteria's thresholds. The plan's M1 thresholds (QPS >= 10,000, p99 <= 1 ms) describe
 * an in-process index on a server; a 2-core machine answering through Solr's HTTP API is held to the plan's QPS
 * scaled by its cores (10,000 x cores / 64) and to a p99 the HTTP path can meet. Recall and memory per vector are
 * scale-free and kept as the plan states them.
 *
 * @param memoryBudgetBytesPerVector resident bytes per vector allowed: the plan's 2 GB per 1M vectors = 2,000
 */
public record Profile(
    String name,
    String description,
    long vectors,
    int dimension,
    int queries,
    int nodes,
    int shards,
    int replicas,
    List<Integer> fanouts,
    List<Integer> clients,
    double minSeconds,
    int repeats,
    double targetRecall,
    double memoryBudgetBytesPerVector,
    double qpsTarget,
    double p99TargetMillis) {

  public static final List<String> NAMES = List.of("quick", "laptop-1m");

  /** Minutes on a 2-core machine: 20K x 128, 2 Solr nodes, a short sweep. README's main command. */
  public static Profile quick() {
    return new Profile("quick", "M1's measurements at 20K x 128 on a 2-node local SolrCloud, in minutes", 20_000, 128,
        200, 2, 2, 1, List.of(10, 20, 40, 80), List.of(1, 2), 1.0, 1, 0.95, 2_000, scaledQps(), 20);
  }

  /** M1 at its real size on this kind of machine: 1M x 128, 2 nodes, the full sweep (an hour or more). */
  public static Profile laptop1m() {
    return new Profile("laptop-1m", "M1 at 1M x 128 on a 2-node local SolrCloud (about an hour on 2 cores)", 1_000_000,
        128, 1_000, 2, 2, 1, List.of(10, 20, 40, 80, 160), List.of(1, 2), 3.0, 3, 0.95, 2_000, scaledQps(), 20);
  }

  public static Profile named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quick" -> quick();
      case "laptop-1m" -> laptop1m();
      default -> throw new IllegalArgumentException("unknown profile '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** This profile with another memory budget (e.g. to see the runner insert the memory-saving format). */
  public Profile withMemoryBudget(double bytesPerVector) {
    if (!(bytesPerVector > 0)) {
      throw new IllegalArgumentException("memory budget must be > 0 bytes per vector, got " + bytesPerVector);
    }
    return new Profile(name, description, vectors, dimension, queries, nodes, shards, replicas, fanouts, clients,
        minSeconds, repeats, targetRecall, bytesPerVector, qpsTarget, p99TargetMillis);
  }

  /** The plan's 10,000 QPS, for a 64-core server, scaled to this machine's cores. */
  private static double scaledQps() {
    return 10_000.0 * Runtime.getRuntime().availableProcessors() / 64;
  }

  public int maxClients() {
    return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
  }
}
