package io.annscale.goap.plan;

import java.util.Collection;
import java.util.List;

/**
 * The A* estimate of the cost still to pay from a state: over the goal conditions that do not hold,
 * the largest of "the cheapest action that writes a fact the condition reads".
 *
 * <p>Admissible because any plan must, for every unmet condition, run at least one action that
 * writes one of its facts (a condition's truth depends only on the facts it reads), so it costs at
 * least the largest of those minimums. Consistent too: an action that makes a condition true writes
 * one of its facts, so it costs at least that condition's minimum. A condition no action can write
 * gives +infinity: the goal is unreachable from the state and the planner prunes it.
 */
final class CheapestWriterHeuristic {
  private final List<Condition> conditions;
  private final double[] cheapestWriter;

  /**
   * @param costs the cost model the search uses; must return finite values > 0
   */
  CheapestWriterHeuristic(Goal goal, Collection<Action> actions, CostModel costs) {
    this.conditions = goal.conditions();
    this.cheapestWriter = new double[conditions.size()];
    for (int i = 0; i < conditions.size(); i++) {
      double cheapest = Double.POSITIVE_INFINITY;
      for (Action action : actions) {
        if (conditions.get(i).readsAnyOf(action.effects().keySet())) {
          cheapest = Math.min(cheapest, costs.secondsFor(action));
        }
      }
      cheapestWriter[i] = cheapest;
    }
  }

  /**
   * A lower bound, in seconds, on the cost of reaching the goal from the state; +infinity if it
   * cannot be.
   */
  double estimate(WorldState state) {
    double estimate = 0;
    for (int i = 0; i < cheapestWriter.length; i++) {
      if (!conditions.get(i).isSatisfiedBy(state)) {
        estimate = Math.max(estimate, cheapestWriter[i]);
      }
    }
    return estimate;
  }
}
