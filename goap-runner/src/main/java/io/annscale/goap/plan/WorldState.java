package io.annscale.goap.plan;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is known about the project at one moment: an immutable map from {@link Fact} to value. The
 * planner uses states as search-node identities, so equality is by content and the hash code is
 * computed once.
 *
 * <p>A fact that is absent is unknown (not measured yet); it satisfies no {@link Condition}.
 */
public final class WorldState {
  private static final WorldState EMPTY = new WorldState(Map.of());

  private final Map<Fact<?>, Object> values;
  private final int hash;

  private WorldState(Map<Fact<?>, Object> values) {
    this.values = Collections.unmodifiableMap(values);
    this.hash = values.hashCode();
  }

  /** The state in which nothing is known. */
  public static WorldState empty() {
    return EMPTY;
  }

  /** The value of a fact, or empty if it has not been set. */
  public <T> Optional<T> get(Fact<T> fact) {
    Objects.requireNonNull(fact, "fact");
    return Optional.ofNullable(values.get(fact)).map(fact.type()::cast);
  }

  /** Whether the fact has a value. */
  public boolean has(Fact<?> fact) {
    return values.containsKey(fact);
  }

  /** The facts that have a value. */
  public Set<Fact<?>> facts() {
    return values.keySet();
  }

  /**
   * This state with one fact set.
   *
   * @throws IllegalArgumentException naming the fact if the value is null or of the wrong type
   *     (raw-type callers)
   */
  public <T> WorldState with(Fact<T> fact, T value) {
    Objects.requireNonNull(fact, "fact");
    return withAll(Collections.singletonMap(fact, value));
  }

  /**
   * This state with every entry of {@code changes} set; returns {@code this} when nothing changes.
   *
   * @throws IllegalArgumentException naming the fact if a value is null or not of the fact's type
   */
  public WorldState withAll(Map<Fact<?>, ?> changes) {
    Map<Fact<?>, Object> next = null;
    for (Map.Entry<Fact<?>, ?> change : changes.entrySet()) {
      Fact<?> fact = Objects.requireNonNull(change.getKey(), "fact");
      Object value = fact.cast(change.getValue());
      if (!value.equals(values.get(fact))) {
        if (next == null) {
          next = new HashMap<>(values);
        }
        next.put(fact, value);
      }
    }
    return next == null ? this : new WorldState(next);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WorldState that && hash == that.hash && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Facts sorted by name, e.g. {@code {dataset.1m.ready=true, recall@10=0.93}}. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Fact<?>, Object> e) -> e.getKey().name())
                .thenComparing(e -> e.getKey().type().getName()))
        .map(e -> e.getKey().name() + "=" + Fact.format(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
