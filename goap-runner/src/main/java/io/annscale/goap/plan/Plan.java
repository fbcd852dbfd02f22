package io.annscale.goap.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The planner's answer: the actions to run in order, what each is assumed to cost and the state
 * expected after it. An empty plan means the goal already holds.
 *
 * @param goal the goal the plan reaches
 * @param start the state the plan starts from
 * @param steps the steps in execution order
 */
public record Plan(Goal goal, WorldState start, List<Step> steps) {

  /**
   * One action of a plan.
   *
   * @param action the action to run
   * @param costSeconds the cost the planner used for it (observed or estimated), in seconds
   * @param stateAfter the state expected once the action's effects come true
   */
  public record Step(Action action, double costSeconds, WorldState stateAfter) {
    public Step {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(stateAfter, "stateAfter");
      if (!(costSeconds > 0) || Double.isInfinite(costSeconds)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "step %s: cost must be finite seconds > 0, got %s",
                action.name(),
                costSeconds));
      }
    }
  }

  public Plan {
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(start, "start");
    steps = List.copyOf(steps);
  }

  /** The sum of the steps' costs, in seconds; 0 for an empty plan. */
  public double totalCostSeconds() {
    double total = 0;
    for (Step step : steps) {
      total += step.costSeconds();
    }
    return total;
  }

  /**
   * The start state followed by the state after each step: {@code states().get(i)} is the state
   * before step i+1.
   */
  public List<WorldState> states() {
    List<WorldState> states = new ArrayList<>(steps.size() + 1);
    states.add(start);
    for (Step step : steps) {
      states.add(step.stateAfter());
    }
    return states;
  }

  /** The state expected once every step has run. */
  public WorldState finalState() {
    return steps.isEmpty() ? start : steps.get(steps.size() - 1).stateAfter();
  }

  /** The action names in order, e.g. for logs and tests. */
  public List<String> actionNames() {
    return steps.stream().map(s -> s.action().name()).toList();
  }

  /**
   * A multi-line account of the plan for people: per step the action and its cost, where each
   * precondition comes from, which later steps it enables and which goal conditions it moves
   * toward.
   */
  public String explain() {
    return PlanExplanation.of(this);
  }
}
