package io.annscale.goap.scale;

import io.annscale.goap.plan.Fact;
import java.util.List;
import java.util.Optional;

/**
 * The facts of the scale-validation world. Work flags say what has been done; {@link
 * #MEMORY_WITHIN_BUDGET} and {@link #RECALL_ON_TARGET} are the planner's view of the criteria it
 * can act on; numbers are measurements of the configuration currently selected as the answer to the
 * milestone (best QPS at the target recall within the memory budget), written by the actions that
 * measure or select.
 */
public final class ScaleFacts {
  public static final Fact<Boolean> DATASET_READY = Fact.flag("dataset.ready");
  public static final Fact<Boolean> TARGET_READY = Fact.flag("target.ready");
  public static final Fact<Boolean> TARGET_IS_SOLRCLOUD = Fact.flag("target.solrcloud");
  public static final Fact<Boolean> MEASURED_LUCENE_HNSW = Fact.flag("measured.lucene-hnsw");
  public static final Fact<Boolean> MEASURED_PQ8_HNSW = Fact.flag("measured.pq8-hnsw");
  public static final Fact<Boolean> MEASURED_DISKANN = Fact.flag("measured.diskann");
  public static final Fact<Boolean> MEMORY_DOCUMENTED = Fact.flag("metrics.memory.documented");
  public static final Fact<Boolean> PARAMS_TUNED = Fact.flag("params.tuned");
  public static final Fact<Boolean> QUALITY_VALIDATED = Fact.flag("quality.validated");
  public static final Fact<Boolean> MIGRATION_MEASURED = Fact.flag("migration.measured");
  public static final Fact<Boolean> REPORT_WRITTEN = Fact.flag("report.written");

  /** The node-failure test ran (M4). */
  public static final Fact<Boolean> FAULT_TESTED = Fact.flag("fault.tested");

  /** The soak ran: queries and NRT re-indexing for a set time, sampled (M4). */
  public static final Fact<Boolean> SOAKED = Fact.flag("soak.done");

  /**
   * Whether the selected configuration fits the memory budget; the planner's view of the memory
   * criterion.
   */
  public static final Fact<Boolean> MEMORY_WITHIN_BUDGET = Fact.flag("memory.within-budget");

  /**
   * Whether a measured setting reaches the target recall; the planner's view of the recall
   * criterion.
   */
  public static final Fact<Boolean> RECALL_ON_TARGET = Fact.flag("recall.on-target");

  /** Recall@10 of the selected configuration. */
  public static final Fact<Double> RECALL = Fact.number("selected.recall@10");

  /** Its QPS with the profile's largest client count. */
  public static final Fact<Double> QPS = Fact.number("selected.qps");

  /** Its p99 latency in milliseconds. */
  public static final Fact<Double> P99_MILLIS = Fact.number("selected.p99.ms");

  /**
   * Its memory that must stay resident (hot index files + vector readers' heap), bytes per vector.
   */
  public static final Fact<Double> RESIDENT_BYTES_PER_VECTOR =
      Fact.number("selected.resident.bytes/vector");

  /** How many times the search lists were raised because no setting reached the target recall. */
  public static final Fact<Double> SEARCH_LIST_RAISES = Fact.number("tuning.search-list.raises");

  /** The longest shard migration (SPLITSHARD or MOVEREPLICA) measured, seconds. */
  public static final Fact<Double> MIGRATION_SECONDS = Fact.number("migration.seconds");

  /**
   * That time projected linearly to a shard of the milestone's plan size (its vectors over its
   * shards).
   */
  public static final Fact<Double> MIGRATION_PROJECTED_SECONDS =
      Fact.number("migration.projected.seconds");

  /**
   * Acknowledged documents missing from a replica after a node was stopped and restarted
   * mid-ingestion.
   */
  public static final Fact<Double> DOCUMENTS_LOST = Fact.number("fault.documents.lost");

  /** The soak's heap growth ({@code SolrSoak.Outcome.heapGrowth}) in MB per hour. */
  public static final Fact<Double> SOAK_HEAP_GROWTH_MB_PER_HOUR =
      Fact.number("soak.heap.growth.mb/h");

  /** The soak's QPS, fitted slope as a share of its mean per hour (-0.1: 10% less an hour). */
  public static final Fact<Double> SOAK_QPS_CHANGE_PER_HOUR = Fact.number("soak.qps.change/h");

  /** Minutes the soak ran. */
  public static final Fact<Double> SOAK_MINUTES = Fact.number("soak.minutes");

  public static final List<Fact<?>> ALL =
      List.of(
          DATASET_READY,
          TARGET_READY,
          TARGET_IS_SOLRCLOUD,
          MEASURED_LUCENE_HNSW,
          MEASURED_PQ8_HNSW,
          MEASURED_DISKANN,
          MEMORY_DOCUMENTED,
          PARAMS_TUNED,
          QUALITY_VALIDATED,
          MIGRATION_MEASURED,
          REPORT_WRITTEN,
          FAULT_TESTED,
          MEMORY_WITHIN_BUDGET,
          RECALL_ON_TARGET,
          RECALL,
          QPS,
          P99_MILLIS,
          RESIDENT_BYTES_PER_VECTOR,
          SEARCH_LIST_RAISES,
          MIGRATION_SECONDS,
          MIGRATION_PROJECTED_SECONDS,
          DOCUMENTS_LOST,
          SOAKED,
          SOAK_HEAP_GROWTH_MB_PER_HOUR,
          SOAK_QPS_CHANGE_PER_HOUR,
          SOAK_MINUTES);

  /** Every flag that records work done: false at the start of a run. */
  public static final List<Fact<Boolean>> WORK_FLAGS =
      List.of(
          DATASET_READY,
          TARGET_READY,
          MEASURED_LUCENE_HNSW,
          MEASURED_PQ8_HNSW,
          MEASURED_DISKANN,
          MEMORY_DOCUMENTED,
          PARAMS_TUNED,
          QUALITY_VALIDATED,
          MIGRATION_MEASURED,
          REPORT_WRITTEN,
          FAULT_TESTED,
          SOAKED);

  private ScaleFacts() {}

  /** The fact of this name, for reading a saved state. */
  public static Optional<Fact<?>> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The "measured" flag of a format's profiling action. */
  public static Fact<Boolean> measured(String format) {
    return switch (format) {
      case "lucene-hnsw" -> MEASURED_LUCENE_HNSW;
      case "pq8-hnsw" -> MEASURED_PQ8_HNSW;
      case "diskann" -> MEASURED_DISKANN;
      default -> throw new IllegalArgumentException("no measured flag for format " + format);
    };
  }
}
