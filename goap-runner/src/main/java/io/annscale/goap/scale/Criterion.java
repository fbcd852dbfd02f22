package io.annscale.goap.scale;

import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.WorldState;

/**
 * A milestone success criterion: a predicate on a measured metric, judged met or missed with the
 * measured figure.
 *
 * @param planned whether the planner works towards it (through {@link
 *     ScaleFacts#MEMORY_WITHIN_BUDGET} or {@link ScaleFacts#RECALL_ON_TARGET}); the others are
 *     judged, but no action can move them on a fixed machine
 */
public record Criterion(String name, Condition condition, boolean planned) {

  public boolean isMetIn(WorldState state) {
    return condition.isSatisfiedBy(state);
  }

  /**
   * E.g. {@code recall@10 of the selected configuration: selected.recall@10 >= 0.95 (measured
   * 0.97): met}.
   */
  public String verdict(WorldState state) {
    return name + ": " + condition.describe(state) + ": " + (isMetIn(state) ? "met" : "missed");
  }
}
