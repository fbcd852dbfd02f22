package io.annscale.goap.scale;

import static io.annscale.goap.scale.ScaleFacts.*;

import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.Goal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A milestone of the plan (section 3): the work that must be done, as a goal state for the planner, and the success
 * criteria judged on the measurements. Criteria with an action that can move them (memory: a format that saves it;
 * recall: longer search lists) enter the planning goal as flags the selection sets from the measurements, so a breach
 * makes the runner replan; the others are reported met or missed.
 */
public record Milestone(String name, String title, List<Condition> work, List<Criterion> criteria) {

  public static final List<String> NAMES = List.of("M1");

  /**
   * M1 (plan 3.1): baseline, memory profile, tuning, quantization, recall validation at the profile's size; on
   * SolrCloud also shard migration timed; a report. Criteria: memory, QPS, recall@10, p99.
   */
  public static Milestone m1(Profile profile, boolean solrCloud) {
    List<Condition> work = new ArrayList<>();
    for (var flag : List.of(DATASET_READY, MEASURED_LUCENE_HNSW, MEMORY_DOCUMENTED, PARAMS_TUNED, MEASURED_PQ8_HNSW,
        QUALITY_VALIDATED, REPORT_WRITTEN)) {
      work.add(Condition.is(flag, true));
    }
    if (solrCloud) {
      work.add(work.size() - 1, Condition.is(MIGRATION_MEASURED, true));
    }
    List<Criterion> criteria =
        List.of(
            new Criterion("memory per vector (plan: <= 2 GB per 1M vectors)",
                Condition.atMost(RESIDENT_BYTES_PER_VECTOR, profile.memoryBudgetBytesPerVector()), true),
            new Criterion("recall@10", Condition.atLeast(RECALL, profile.targetRecall()), true),
            new Criterion(String.format(Locale.ROOT, "QPS with %d clients (plan: >= 10,000 on a server)", profile.maxClients()),
                Condition.atLeast(QPS, profile.qpsTarget()), false),
            new Criterion("p99 latency, ms (plan: <= 1 ms in process)",
                Condition.atMost(P99_MILLIS, profile.p99TargetMillis()), false));
    return new Milestone("M1", String.format(Locale.ROOT, "1M-vector scale, profile %s (%,d x %d)", profile.name(),
        profile.vectors(), profile.dimension()), work, criteria);
  }

  public static Milestone named(String name, Profile profile, boolean solrCloud) {
    if (name.equalsIgnoreCase("M1")) {
      return m1(profile, solrCloud);
    }
    throw new IllegalArgumentException(
        "unknown milestone '" + name + "'; this runner knows " + String.join(", ", NAMES)
            + " (M2-M4 need the 10M+ tiers: see docs/goap.md)");
  }

  /** The work alone: what the runner finishes when a criterion cannot be met, so the report still has it all. */
  public Goal workGoal() {
    return new Goal(name + io.annscale.goap.loop.OodaLoop.WORK_ONLY, work);
  }

  /** The planner's goal: the work done, the selection within the memory budget and on the target recall. */
  public Goal goal() {
    List<Condition> conditions = new ArrayList<>(work);
    conditions.add(Condition.is(MEMORY_WITHIN_BUDGET, true));
    conditions.add(Condition.is(RECALL_ON_TARGET, true));
    return new Goal(name, conditions);
  }
}
