package io.annscale.goap.plan;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A named test of the {@link WorldState}: an action's precondition or one part of a {@link Goal}.
 * Besides the test, a condition declares the facts it reads; the planner's heuristic relies on that
 * declaration (only an action that writes one of those facts can make an unmet condition true), so
 * the test must read no other fact.
 *
 * <p>A condition on a fact that has no value is not satisfied: unknown is never good enough.
 */
public final class Condition {
  private final String text;
  private final Set<Fact<?>> facts;
  private final Predicate<WorldState> test;

  private Condition(String text, Set<Fact<?>> facts, Predicate<WorldState> test) {
    this.text = Objects.requireNonNull(text, "text");
    this.facts = Set.copyOf(facts);
    this.test = Objects.requireNonNull(test, "test");
    if (text.isBlank() || this.facts.isEmpty()) {
      throw new IllegalArgumentException(
          "a condition needs a text and at least one fact, got '" + text + "'");
    }
  }

  /** The fact has exactly this value, e.g. {@code dataset.1m.ready = true}. */
  public static <T> Condition is(Fact<T> fact, T value) {
    T expected = fact.cast(value);
    return new Condition(
        fact.name() + " = " + Fact.format(expected),
        Set.of(fact),
        state -> state.get(fact).map(expected::equals).orElse(false));
  }

  /** The number is at least {@code min}, e.g. {@code recall@10 >= 0.95}. */
  public static Condition atLeast(Fact<Double> fact, double min) {
    return new Condition(
        fact.name() + " >= " + Fact.format(min),
        Set.of(fact),
        state -> state.get(fact).map(v -> v >= min).orElse(false));
  }

  /** The number is at most {@code max}, e.g. {@code memory.gb <= 2}. */
  public static Condition atMost(Fact<Double> fact, double max) {
    return new Condition(
        fact.name() + " <= " + Fact.format(max),
        Set.of(fact),
        state -> state.get(fact).map(v -> v <= max).orElse(false));
  }

  /**
   * Any other test.
   *
   * @param text how plans print the condition
   * @param reads every fact the test reads, at least one; the test must read no other
   */
  public static Condition of(String text, Set<Fact<?>> reads, Predicate<WorldState> test) {
    return new Condition(text, reads, test);
  }

  /** Whether the condition holds in the state. */
  public boolean isSatisfiedBy(WorldState state) {
    return test.test(state);
  }

  /** The facts the test reads. */
  public Set<Fact<?>> facts() {
    return facts;
  }

  /** Whether setting these facts could change the outcome of this condition. */
  public boolean readsAnyOf(Set<Fact<?>> written) {
    for (Fact<?> fact : facts) {
      if (written.contains(fact)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The condition with what the state says about its facts, e.g. {@code recall@10 >= 0.95 (measured
   * 0.93)} or {@code recall@10 >= 0.95 (not measured)}.
   */
  public String describe(WorldState state) {
    if (facts.size() == 1) {
      Fact<?> fact = facts.iterator().next();
      return text
          + " ("
          + state.get(fact).map(v -> "measured " + Fact.format(v)).orElse("not measured")
          + ")";
    }
    return text
        + facts.stream()
            .sorted(Comparator.comparing(Fact::name))
            .map(
                f ->
                    f.name()
                        + state
                            .get(f)
                            .map(v -> " measured " + Fact.format(v))
                            .orElse(" not measured"))
            .collect(Collectors.joining(", ", " (", ")"));
  }

  @Override
  public String toString() {
    return text;
  }
}
