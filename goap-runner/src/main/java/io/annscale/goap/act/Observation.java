package io.annscale.goap.act;

import io.annscale.goap.plan.Fact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an action established: the facts now true of the world (work flags and measurements,
 * replacing the action's expected effects) and a one-line summary for the log and the journal.
 */
public record Observation(Map<Fact<?>, Object> facts, String summary) {

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final Map<Fact<?>, Object> facts = new LinkedHashMap<>();

    public <T> Builder set(Fact<T> fact, T value) {
      facts.put(fact, fact.cast(value));
      return this;
    }

    public Builder setAll(Map<Fact<?>, Object> more) {
      facts.putAll(more);
      return this;
    }

    public Observation summary(String summary) {
      return new Observation(Map.copyOf(facts), summary);
    }
  }
}
