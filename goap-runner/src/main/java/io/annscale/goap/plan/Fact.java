package io.annscale.goap.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed key of the {@link WorldState}, such as {@code dataset.1m.ready} (a flag) or {@code
 * recall@10} (a number). The type lets the state reject a value that could never satisfy a
 * condition on the fact, at the moment it is set rather than when a plan silently fails to match.
 *
 * <p>Facts are equal when name and type are; keep names unique within a catalogue, since plans
 * print facts by name.
 *
 * @param name the name printed in plans and states, not blank
 * @param type the (non-primitive) class every value of this fact is an instance of
 * @param <T> the value type
 */
public record Fact<T>(String name, Class<T> type) {

  public Fact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("fact name must not be blank");
    }
    if (type.isPrimitive()) {
      throw new IllegalArgumentException("fact " + name + ": use the wrapper class, not " + type);
    }
  }

  /** A yes/no fact, e.g. whether a dataset has been generated. */
  public static Fact<Boolean> flag(String name) {
    return new Fact<>(name, Boolean.class);
  }

  /** A measured number, e.g. recall@10 or queries per second. */
  public static Fact<Double> number(String name) {
    return new Fact<>(name, Double.class);
  }

  /**
   * Checks a value where the compiler could not (effect maps, raw types).
   *
   * @throws IllegalArgumentException naming this fact if the value is null or not a {@link #type()}
   */
  public T cast(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("fact " + name + " cannot be set to null");
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "fact %s holds %s values, not %s (%s)",
              name,
              type.getSimpleName(),
              value.getClass().getSimpleName(),
              value));
    }
    return type.cast(value);
  }

  /**
   * A value as plans print it: finite numbers in plain notation without trailing zeros (0.95,
   * 10000).
   */
  static String format(Object value) {
    if (value instanceof Double d && Double.isFinite(d)) {
      // five significant digits: measured figures print as 387.64 or 0.9945, not 387.63527629434634
      return new BigDecimal(d)
          .round(new java.math.MathContext(5))
          .stripTrailingZeros()
          .toPlainString();
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
