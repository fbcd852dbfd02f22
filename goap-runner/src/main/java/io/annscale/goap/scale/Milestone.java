package io.annscale.goap.scale;

import static io.annscale.goap.scale.ScaleFacts.*;

import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.Goal;
import io.annscale.goap.plan.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A milestone of the plan (section 3): the work that must be done, as a goal state for the planner,
 * and the success criteria judged on the measurements. Criteria with an action that can move them
 * (memory: a format that saves it; recall: longer search lists) enter the planning goal as flags
 * the selection sets from the measurements, so a breach makes the runner replan; the others are
 * reported met or missed.
 */
public record Milestone(String name, String title, List<Condition> work, List<Criterion> criteria) {

  public static final List<String> NAMES = List.of("M1", "M2", "M3", "M4");

  /** The soak's largest accepted live-heap growth: the OODA loop's leak threshold. */
  public static final double SOAK_HEAP_LIMIT_MB_PER_HOUR = 100;

  /** The soak's largest accepted QPS fall per hour, as a share of its mean. */
  public static final double SOAK_QPS_CHANGE_LIMIT = -0.10;

  /**
   * M1 (plan 3.1): baseline, memory profile, tuning, quantization, recall validation at the
   * profile's size; on SolrCloud also shard migration timed; a report. Criteria: memory, recall@10,
   * QPS, p99.
   */
  public static Milestone m1(Profile profile, boolean solrCloud) {
    return build(profile, solrCloud, List.of());
  }

  /**
   * The milestone of the profile: M1 and M2 (plan 3.2: the same work, the 10M thresholds) on any
   * target; M3 (plan 3.3: the disk index measured, shard migration under an hour at the plan's
   * size) and M4 (3.4: also a node stopped mid-ingestion with no acknowledged document lost) need
   * SolrCloud, M4 a local one whose nodes the runner may stop.
   */
  public static Milestone named(String name, Profile profile, boolean solrCloud) {
    if (!NAMES.contains(name.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "unknown milestone '" + name + "'; this runner knows " + String.join(", ", NAMES));
    }
    if (!profile.milestone().equalsIgnoreCase(name)) {
      throw new IllegalArgumentException(
          "profile " + profile.name() + " was made for " + profile.milestone() + ", not " + name);
    }
    PlanCriteria plan = profile.plan();
    List<io.annscale.goap.plan.Fact<Boolean>> extraWork = new ArrayList<>();
    if (plan.deliversDiskIndex()) {
      extraWork.add(MEASURED_DISKANN);
    }
    if (plan.testsNodeFailure()) {
      extraWork.add(FAULT_TESTED);
      extraWork.add(SOAKED);
    }
    return build(
        profile, extraWork.isEmpty() ? solrCloud : requireSolrCloud(name, solrCloud), extraWork);
  }

  private static boolean requireSolrCloud(String name, boolean solrCloud) {
    if (!solrCloud) {
      throw new IllegalArgumentException(
          name
              + " is about distribution (shards, migration, node failure): run it with"
              + " --target local-solrcloud or --target solrcloud --zk-host ...");
    }
    return true;
  }

  private static Milestone build(
      Profile profile, boolean solrCloud, List<io.annscale.goap.plan.Fact<Boolean>> extraWork) {
    PlanCriteria plan = profile.plan();
    int cores = Runtime.getRuntime().availableProcessors();
    String speedNotJudged = speedNotJudgedBecause(profile, cores);
    List<Condition> work = new ArrayList<>();
    for (var flag :
        List.of(
            DATASET_READY,
            MEASURED_LUCENE_HNSW,
            MEMORY_DOCUMENTED,
            PARAMS_TUNED,
            MEASURED_PQ8_HNSW,
            QUALITY_VALIDATED)) {
      work.add(Condition.is(flag, true));
    }
    for (var flag : extraWork) {
      work.add(Condition.is(flag, true));
    }
    if (solrCloud) {
      work.add(Condition.is(MIGRATION_MEASURED, true));
    }
    work.add(Condition.is(REPORT_WRITTEN, true));
    List<Criterion> criteria =
        new ArrayList<>(
            List.of(
                new Criterion(
                    "memory per vector (plan: " + plan.memoryText() + ")",
                    Condition.atMost(
                        RESIDENT_BYTES_PER_VECTOR, profile.memoryBudgetBytesPerVector()),
                    true),
                new Criterion(
                    String.format(Locale.ROOT, "recall@10 (plan: >= %.2f)", plan.recall()),
                    Condition.atLeast(RECALL, profile.targetRecall()),
                    true),
                new Criterion(
                    String.format(
                        Locale.ROOT,
                        "QPS with %d clients (plan: >= %,.0f on %d cores, scaled to %d)",
                        profile.maxClients(),
                        plan.qps(),
                        plan.planCores(),
                        cores),
                    Condition.atLeast(QPS, profile.qpsTarget()),
                    false,
                    speedNotJudged),
                new Criterion(
                    String.format(
                        Locale.ROOT,
                        "p99 latency, ms (plan: <= %.0f ms in process, x%.0f for HTTP)",
                        plan.p99Millis(),
                        Profile.HTTP_LATENCY_ALLOWANCE),
                    Condition.atMost(P99_MILLIS, profile.p99TargetMillis()),
                    false,
                    speedNotJudged)));
    if (extraWork.contains(MEASURED_DISKANN)) {
      criteria.add(
          new Criterion(
              String.format(
                  Locale.ROOT,
                  "shard migration, projected to a shard of the plan's %,d vectors in %d shards (plan: < 1 hour)",
                  plan.planVectors(),
                  plan.planShards()),
              Condition.atMost(MIGRATION_PROJECTED_SECONDS, PlanCriteria.MIGRATION_LIMIT_SECONDS),
              false));
    }
    if (extraWork.contains(FAULT_TESTED)) {
      criteria.add(
          new Criterion(
              "acknowledged documents lost when a node fails mid-ingestion (plan: zero data loss)",
              Condition.atMost(DOCUMENTS_LOST, 0),
              false));
    }
    if (extraWork.contains(SOAKED)) {
      String soakNotJudged =
          profile.soakMinutes() >= Profile.SOAK_JUDGED_MINUTES
              ? null
              : String.format(
                  Locale.ROOT,
                  "a %.0f-minute soak cannot tell a leak or a slide from noise (judged from %.0f"
                      + " minutes; the laptop-1m tier soaks for an hour)",
                  profile.soakMinutes(),
                  Profile.SOAK_JUDGED_MINUTES);
      criteria.add(
          new Criterion(
              "heap growth over the soak (settled heap after full collections, after against before), MB/h (plan: no leak in its long run; < 100 MB/h)",
              Condition.atMost(SOAK_HEAP_GROWTH_MB_PER_HOUR, SOAK_HEAP_LIMIT_MB_PER_HOUR),
              false,
              soakNotJudged));
      criteria.add(
          new Criterion(
              "QPS change over the soak, share of its mean per hour (plan: stable; > -10%)",
              Condition.atLeast(SOAK_QPS_CHANGE_PER_HOUR, SOAK_QPS_CHANGE_LIMIT),
              false,
              soakNotJudged));
    }
    return new Milestone(
        plan.milestone(),
        String.format(
            Locale.ROOT,
            "%s, profile %s (%,d x %d, %s)",
            plan.title(),
            profile.name(),
            profile.vectors(),
            profile.dimension(),
            profile.data().label()),
        work,
        List.copyOf(criteria));
  }

  /**
   * Why the tier's QPS and latency say nothing about the plan's, or {@code null} when they do. The
   * plan's thresholds are per core of its hardware at its size; a search over fewer vectors per
   * core is faster (a graph search's work grows with the index), so a tier with fewer vectors per
   * core than the plan's would pass a threshold it says nothing about. Memory per vector and recall
   * are judged at every size.
   */
  static String speedNotJudgedBecause(Profile profile, int cores) {
    PlanCriteria plan = profile.plan();
    double planPerCore = (double) plan.planVectors() / plan.planCores();
    double tierPerCore = (double) profile.vectors() / cores;
    if (tierPerCore >= planPerCore) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%,d vectors on %d cores is %,.0f per core, where the plan's %,d on %d cores are"
            + " %,.0f per core; the threshold is judged from %,.0f vectors on this machine",
        profile.vectors(),
        cores,
        tierPerCore,
        plan.planVectors(),
        plan.planCores(),
        planPerCore,
        Math.ceil(planPerCore * cores));
  }

  /**
   * The milestone's verdict once its work is done: reached only when every criterion is judged and
   * met.
   */
  public MilestoneVerdict verdict(WorldState state) {
    return MilestoneVerdict.of(criteria, state);
  }

  /**
   * The work alone: what the runner finishes when a criterion cannot be met, so the report still
   * has it all.
   */
  public Goal workGoal() {
    return new Goal(name + io.annscale.goap.loop.OodaLoop.WORK_ONLY, work);
  }

  /**
   * The planner's goal: the work done, the selection within the memory budget and on the target
   * recall. Reaching it is not reaching the milestone: that also needs the criteria no action can
   * move ({@link #verdict}).
   */
  public Goal goal() {
    List<Condition> conditions = new ArrayList<>(work);
    conditions.add(Condition.is(MEMORY_WITHIN_BUDGET, true));
    conditions.add(Condition.is(RECALL_ON_TARGET, true));
    return new Goal(name, conditions);
  }
}
