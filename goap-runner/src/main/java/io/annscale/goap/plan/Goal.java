package io.annscale.goap.plan;

import java.util.List;
import java.util.Objects;

/**
 * A milestone as the planner sees it: a name (M1, M2, ...) and the conditions that must all hold.
 *
 * @param name the name printed in plans, not blank
 * @param conditions at least one; all must hold
 */
public record Goal(String name, List<Condition> conditions) {

  public Goal {
    Objects.requireNonNull(name, "name");
    conditions = List.copyOf(conditions);
    if (name.isBlank() || conditions.isEmpty()) {
      throw new IllegalArgumentException(
          "a goal needs a name and at least one condition, got '" + name + "'");
    }
  }

  public static Goal of(String name, Condition... conditions) {
    return new Goal(name, List.of(conditions));
  }

  /** Whether every condition holds in the state. */
  public boolean isSatisfiedBy(WorldState state) {
    return conditions.stream().allMatch(c -> c.isSatisfiedBy(state));
  }

  /** The conditions that do not hold in the state, in declaration order. */
  public List<Condition> unsatisfied(WorldState state) {
    return conditions.stream().filter(c -> !c.isSatisfiedBy(state)).toList();
  }
}
