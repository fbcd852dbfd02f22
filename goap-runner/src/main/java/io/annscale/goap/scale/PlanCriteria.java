package io.annscale.goap.scale;

import java.util.List;
import java.util.Locale;

/**
 * A milestone's success criteria as the plan states them (section 3 and the summary in 10.1) with
 * the hardware the plan gives it (section 11.1), so that they can be scaled to the machine at hand:
 * QPS by cores, memory as bytes per vector (scale-free), latency by the profile's allowance for its
 * query path.
 *
 * @param planVectors the milestone's size in the plan
 * @param memoryBytesPerVector the plan's memory limit divided by its vectors (per node where the
 *     plan says so)
 * @param memoryText the plan's words for it
 * @param planCores cores of the plan's hardware for the milestone (all nodes)
 * @param planShards shards the plan's collection has (M3: one per node of its 3; M4: the 64 of its
 *     section 3.4)
 */
public record PlanCriteria(
    String milestone,
    String title,
    long planVectors,
    double memoryBytesPerVector,
    String memoryText,
    double recall,
    double qps,
    int planCores,
    double p99Millis,
    int planShards) {

  /** M1: memory <= 2 GB, QPS >= 10K, recall@10 >= 0.95, p99 <= 1 ms, on 16 cores. */
  public static final PlanCriteria M1 =
      new PlanCriteria(
          "M1", "1M-vector scale", 1_000_000, 2_000, "<= 2 GB at 1M", 0.95, 10_000, 16, 1, 1);

  /** M2: memory <= 20 GB, QPS >= 5K, recall@10 >= 0.92, p99 <= 2 ms, on 32 cores. */
  public static final PlanCriteria M2 =
      new PlanCriteria(
          "M2",
          "10M-vector scale: optimization",
          10_000_000,
          2_000,
          "<= 20 GB at 10M",
          0.92,
          5_000,
          32,
          2,
          1);

  /**
   * M3: memory per node <= 32 GB on 3 nodes, QPS >= 2K aggregate, recall@10 >= 0.90, p99 <= 5 ms,
   * migration < 1 h.
   */
  public static final PlanCriteria M3 =
      new PlanCriteria(
          "M3",
          "100M-vector scale: distribution",
          100_000_000,
          32e9 * 3 / 100_000_000,
          "<= 32 GB per node, 3 nodes at 100M",
          0.90,
          2_000,
          3 * 32,
          5,
          3);

  /**
   * M4: total memory <= 320 GB, QPS >= 1K, recall@10 >= 0.90, p99 <= 10 ms, zero data loss on node
   * failure.
   */
  public static final PlanCriteria M4 =
      new PlanCriteria(
          "M4",
          "1B-vector scale: hyperscale",
          1_000_000_000,
          320,
          "<= 320 GB at 1B",
          0.90,
          1_000,
          10 * 32,
          10,
          64);

  public static final List<PlanCriteria> ALL = List.of(M1, M2, M3, M4);

  /** The plan's shard-migration limit (M3): under an hour. */
  public static final double MIGRATION_LIMIT_SECONDS = 3_600;

  public static PlanCriteria named(String name) {
    return ALL.stream()
        .filter(c -> c.milestone().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown milestone '"
                        + name
                        + "'; known: "
                        + String.join(", ", ALL.stream().map(PlanCriteria::milestone).toList())));
  }

  /** The plan's QPS on its hardware, scaled to {@code cores}. */
  public double qpsOn(int cores) {
    return qps * cores / planCores;
  }

  /**
   * The disk index is one of this milestone's deliverables (plan 3.3 onwards), not only a fix for
   * memory.
   */
  public boolean deliversDiskIndex() {
    return planVectors >= M3.planVectors;
  }

  /** The milestone judges data loss when a node fails (plan 3.4). */
  public boolean testsNodeFailure() {
    return planVectors >= M4.planVectors;
  }

  /**
   * Vectors in one shard of the plan's collection: what a shard migration moves or splits there.
   */
  public double planShardVectors() {
    return (double) planVectors / planShards;
  }

  public String planScale() {
    return String.format(Locale.ROOT, "%,d vectors", planVectors);
  }
}
