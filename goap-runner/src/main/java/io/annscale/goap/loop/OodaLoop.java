package io.annscale.goap.loop;

import io.annscale.goap.act.Observation;
import io.annscale.goap.act.RunContext;
import io.annscale.goap.act.ScaleAction;
import io.annscale.goap.act.ScaleActions;
import io.annscale.goap.plan.AStarPlanner;
import io.annscale.goap.plan.Action;
import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.Fact;
import io.annscale.goap.plan.Goal;
import io.annscale.goap.plan.Plan;
import io.annscale.goap.plan.WorldState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plan, then observe-orient-decide-act until a milestone's goal holds or no plan reaches it (plan
 * section 4). Each round plans from the current state with the observed costs, classifies the plan
 * against the previous one (continue, replan, an inserted action such as a memory-saving format),
 * checks the first action's preconditions against the state, runs it (timeout, retries), verifies
 * its effects, merges what it observed into the state, records the cost and resources, orients
 * (anomalies, bottlenecks) and saves the journal. An action that fails for good is dropped from the
 * catalogue and the runner replans around it.
 */
public final class OodaLoop {
  /** How a run ended. */
  public enum Status {
    /**
     * The planning goal: the work done and the criteria the runner works toward met. The
     * milestone's verdict also judges the criteria no action moves.
     */
    GOAL_REACHED,
    /**
     * A criterion the runner works toward could not be met; the remaining work was done for the
     * report.
     */
    WORK_DONE_CRITERIA_MISSED,
    NO_PLAN,
    ROUND_LIMIT
  }

  static final int MAX_ROUNDS = 40;

  /** Name suffix of a milestone's work-only goal. */
  public static final String WORK_ONLY = " (work only)";

  private Goal goal;
  private Goal fallback;
  private final RunContext context;
  private final RunJournal journal;
  private final ObservedCosts costs;
  private final ActionRunner runner;
  private final Function<WorldState, List<ScaleAction>> catalogue;
  private final List<ResourceSnapshot> snapshots = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  public OodaLoop(
      Goal goal, RunContext context, RunJournal journal, ObservedCosts costs, ActionRunner runner) {
    this(
        goal,
        context,
        journal,
        costs,
        runner,
        state -> ScaleActions.catalogue(context.profile(), context.targetSpec(), state));
  }

  /** With a catalogue of one's own: tests drive the loop with scripted executors. */
  public OodaLoop(
      Goal goal,
      RunContext context,
      RunJournal journal,
      ObservedCosts costs,
      ActionRunner runner,
      Function<WorldState, List<ScaleAction>> catalogue) {
    this.goal = goal;
    this.context = context;
    this.journal = journal;
    this.costs = costs;
    this.runner = runner;
    this.catalogue = catalogue;
  }

  /**
   * The goal to finish with when no plan reaches the main one (e.g. the milestone's work without
   * the criteria no action can meet any more), so the run still validates, measures and reports.
   */
  public OodaLoop withFallback(Goal fallback) {
    this.fallback = fallback;
    return this;
  }

  public List<Finding> findings() {
    return findings;
  }

  public Status run(WorldState start) throws Exception {
    PrintWriter log = context.log();
    WorldState state = start;
    List<String> previous = List.of();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      if (goal.isSatisfiedBy(state)) {
        decide("planning goal " + goal.name() + " reached", state, "done");
        return fallback == null && goal.name().endsWith(WORK_ONLY)
            ? Status.WORK_DONE_CRITERIA_MISSED
            : Status.GOAL_REACHED;
      }
      Map<String, ScaleAction> available = available(state);
      Optional<Plan> plan =
          new AStarPlanner()
              .withObservedCosts(costs.seconds())
              .plan(state, goal, available.values().stream().map(ScaleAction::action).toList());
      if (plan.isEmpty() && fallback != null) {
        decide(
            "no plan reaches "
                + goal.name()
                + " from here (unmet: "
                + unmet(state)
                + "); finishing the remaining work for the report",
            state,
            "running");
        goal = fallback;
        fallback = null;
        previous = List.of();
        continue;
      }
      if (plan.isEmpty()) {
        decide(
            "stop: no plan reaches " + goal.name() + " from here; unmet: " + unmet(state),
            state,
            "no plan");
        return Status.NO_PLAN;
      }
      List<String> names = plan.get().actionNames();
      decide(
          classify(previous, names, state)
              + ": "
              + String.join(" -> ", names)
              + String.format(Locale.ROOT, " (%.0f s)", plan.get().totalCostSeconds()),
          state,
          "running");
      ScaleAction next = available.get(names.get(0));
      state = act(next, state);
      previous = names.subList(1, names.size());
      log.flush();
    }
    decide("stop: " + MAX_ROUNDS + " rounds without reaching the goal", state, "round limit");
    return Status.ROUND_LIMIT;
  }

  private Map<String, ScaleAction> available(WorldState state) {
    Set<String> failed = Set.copyOf(journal.content().failedActions());
    return catalogue.apply(state).stream()
        .filter(a -> !failed.contains(a.name()))
        .collect(
            Collectors.toMap(ScaleAction::name, a -> a, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /**
   * Decide: the plan goes on as before, or was replanned, or gained an action the last plan did not
   * have.
   */
  private static String classify(List<String> previous, List<String> plan, WorldState state) {
    if (previous.isEmpty()) {
      return "plan";
    }
    if (previous.equals(plan)) {
      return "continue";
    }
    List<String> inserted = plan.stream().filter(a -> !previous.contains(a)).toList();
    return inserted.isEmpty() ? "replan" : "insert " + String.join(", ", inserted) + "; replan";
  }

  private WorldState act(ScaleAction next, WorldState state) throws Exception {
    PrintWriter log = context.log();
    Action action = next.action();
    List<Condition> unmet =
        action.preconditions().stream().filter(c -> !c.isSatisfiedBy(state)).toList();
    if (!unmet.isEmpty()) {
      // the plan was made from this state, so this is a modelling error: never run on a false
      // premise
      throw new IllegalStateException(action.name() + ": preconditions do not hold: " + unmet);
    }
    log.printf(Locale.ROOT, "goap: >>> %s: %s%n", action.name(), action.description());
    log.flush();
    context.setState(state);
    ResourceSnapshot before = ResourceSnapshot.now();
    String startedAt = Instant.now().toString();
    ActionRunner.Outcome outcome = runner.run(next, context);
    System.gc(); // live heap after the action, so the growth slope is not garbage
    ResourceSnapshot after = ResourceSnapshot.now();
    snapshots.add(after);
    double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
    WorldState updated = state;
    String result;
    String summary;
    if (outcome.succeeded()) {
      Observation observation = outcome.observation();
      List<String> missing = missingEffects(action, observation);
      if (missing.isEmpty()) {
        updated = merge(state, action, observation.facts());
        costs.record(action.name(), seconds);
        result = "done";
      } else {
        journal.addFailedAction(action.name());
        result = "effects not achieved: " + missing;
      }
      summary = observation.summary();
    } else {
      journal.addFailedAction(action.name());
      result = "failed after " + outcome.attempts() + " attempt(s)";
      summary = String.valueOf(outcome.failure());
    }
    StepRecord step =
        stepRecord(
            action.name(), startedAt, seconds, outcome.attempts(), result, summary, before, after);
    List<Finding> found =
        new ArrayList<>(
            Orientation.findings(context.profile(), updated, snapshots, step, context.measured()));
    if (outcome.succeeded() && action.name().equals("soak") && !context.soaks().isEmpty()) {
      // the soak's own series, read by the leak and slide detectors
      found.addAll(Orientation.soakFindings(context.soaks().get(context.soaks().size() - 1)));
    }
    findings.addAll(found);
    journal.addStep(
        new StepRecord(
            step.action(),
            step.startedAt(),
            step.seconds(),
            step.attempts(),
            step.outcome(),
            step.summary(),
            step.heapUsedBytes(),
            step.residentBytes(),
            step.cpuShare(),
            step.readMegabytesPerSecond(),
            found.stream().map(Finding::toString).toList()));
    log.printf(
        Locale.ROOT, "goap: <<< %s %s in %.1f s: %s%n", action.name(), result, seconds, summary);
    found.forEach(f -> log.println("goap: orient: " + f));
    journal.save(updated, context.fanouts(), "running");
    return updated;
  }

  /** The flags the action promised as true that the observation does not confirm. */
  private static List<String> missingEffects(Action action, Observation observation) {
    List<String> missing = new ArrayList<>();
    for (var effect : action.effects().entrySet()) {
      Fact<?> fact = effect.getKey();
      if (fact.type() == Boolean.class
          && Boolean.TRUE.equals(effect.getValue())
          && !Boolean.TRUE.equals(observation.facts().get(fact))
          && !isCriterionFlag(fact)) {
        missing.add(fact.name());
      }
    }
    return missing;
  }

  /**
   * Criterion flags are expectations the measurement may refute; refuting them is what makes the
   * runner replan.
   */
  private static boolean isCriterionFlag(Fact<?> fact) {
    return fact.equals(io.annscale.goap.scale.ScaleFacts.MEMORY_WITHIN_BUDGET)
        || fact.equals(io.annscale.goap.scale.ScaleFacts.RECALL_ON_TARGET);
  }

  /**
   * The action's expected effects, then what it observed over them: an effect the executor did not
   * report (a counter, a flag it has no reason to restate) happened as planned; one it reported is
   * what really happened.
   */
  private static WorldState merge(WorldState state, Action action, Map<Fact<?>, Object> observed) {
    return state.withAll(action.effects()).withAll(observed);
  }

  private static StepRecord stepRecord(
      String action,
      String startedAt,
      double seconds,
      int attempts,
      String outcome,
      String summary,
      ResourceSnapshot before,
      ResourceSnapshot after) {
    int cores = Runtime.getRuntime().availableProcessors();
    double cpu =
        before.cpuNanos() >= 0 && seconds > 0
            ? (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds / cores
            : -1;
    double reads =
        before.readBytes() >= 0 && seconds > 0
            ? (after.readBytes() - before.readBytes()) / 1e6 / seconds
            : -1;
    return new StepRecord(
        action,
        startedAt,
        seconds,
        attempts,
        outcome,
        summary,
        after.heapUsedBytes(),
        after.residentBytes(),
        cpu,
        reads,
        List.of());
  }

  private void decide(String decision, WorldState state, String status) throws java.io.IOException {
    context.log().println("goap: decide: " + decision);
    context.log().flush();
    journal.addDecision(decision);
    journal.save(state, context.fanouts(), status);
  }

  private String unmet(WorldState state) {
    return goal.unsatisfied(state).stream()
        .map(c -> c.describe(state))
        .collect(Collectors.joining("; "));
  }
}
