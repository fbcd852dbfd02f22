package io.annscale.goap.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Something the runner can do, as the planner sees it: when it may run (preconditions), what it is
 * expected to change (effects) and roughly how long it takes. Effects are the expected outcome used
 * for planning; the runner measures the real outcome afterwards and replans when the two differ.
 *
 * <p>Immutable; build with {@link #named(String)}.
 */
public final class Action {
  private final String name;
  private final String description;
  private final List<Condition> preconditions;
  private final Map<Fact<?>, Object> effects;
  private final double estimatedCostSeconds;

  private Action(Builder builder) {
    this.name = builder.name;
    this.description = builder.description;
    this.preconditions = List.copyOf(builder.preconditions);
    this.effects = Collections.unmodifiableMap(new LinkedHashMap<>(builder.effects));
    this.estimatedCostSeconds = builder.estimatedCostSeconds;
  }

  /**
   * Starts an action; the name identifies it in plans and in the observed-cost record, so keep it
   * stable.
   */
  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** One line saying what the action does, for plan explanations; may be empty. */
  public String description() {
    return description;
  }

  public List<Condition> preconditions() {
    return preconditions;
  }

  /** The expected values of the facts this action sets, in the order they were declared. */
  public Map<Fact<?>, Object> effects() {
    return effects;
  }

  /** The planning estimate of how long the action takes, in seconds, finite and > 0. */
  public double estimatedCostSeconds() {
    return estimatedCostSeconds;
  }

  /** Whether every precondition holds in the state. */
  public boolean isApplicableIn(WorldState state) {
    for (Condition precondition : preconditions) {
      if (!precondition.isSatisfiedBy(state)) {
        return false;
      }
    }
    return true;
  }

  /** The state after this action, assuming its effects come true. Does not check preconditions. */
  public WorldState applyTo(WorldState state) {
    return state.withAll(effects);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Collects an action's parts; {@link #build()} validates them. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private final List<Condition> preconditions = new ArrayList<>();
    private final Map<Fact<?>, Object> effects = new LinkedHashMap<>();
    private double estimatedCostSeconds = Double.NaN;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("action name must not be blank");
      }
      this.name = name;
    }

    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds preconditions; all must hold before the action may run. */
    public Builder requires(Condition... conditions) {
      for (Condition condition : conditions) {
        preconditions.add(Objects.requireNonNull(condition, "condition"));
      }
      return this;
    }

    /**
     * Adds an expected effect; a later value for the same fact replaces an earlier one.
     *
     * @throws IllegalArgumentException naming the fact if the value is null or of the wrong type
     */
    public <T> Builder sets(Fact<T> fact, T value) {
      effects.put(Objects.requireNonNull(fact, "fact"), fact.cast(value));
      return this;
    }

    /**
     * @param seconds the planning estimate of the duration, finite and > 0
     */
    public Builder estimatedCostSeconds(double seconds) {
      this.estimatedCostSeconds = seconds;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the cost is missing, not finite or not > 0, or there are
     *     no effects (an action that changes nothing can never help a plan)
     */
    public Action build() {
      if (!(estimatedCostSeconds > 0) || Double.isInfinite(estimatedCostSeconds)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "action %s: estimated cost must be a finite number of seconds > 0, got %s",
                name,
                estimatedCostSeconds));
      }
      if (effects.isEmpty()) {
        throw new IllegalArgumentException("action " + name + " has no effects");
      }
      return new Action(this);
    }
  }
}
