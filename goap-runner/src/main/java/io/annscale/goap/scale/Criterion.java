package io.annscale.goap.scale;

import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.WorldState;

/**
 * A milestone success criterion: a predicate on a measured metric, judged met or missed with the
 * measured figure, or not judged at all when the tier cannot measure it honestly (say, a throughput
 * threshold for a billion vectors checked on 50,000).
 *
 * @param planned whether the planner works towards it (through {@link
 *     ScaleFacts#MEMORY_WITHIN_BUDGET} or {@link ScaleFacts#RECALL_ON_TARGET}); the others are
 *     judged, but no action can move them on a fixed machine
 * @param notJudgedBecause why this tier does not judge it, or {@code null} when it does
 */
public record Criterion(
    String name, Condition condition, boolean planned, String notJudgedBecause) {

  /** What a criterion comes to on a run's measurements. */
  public enum Verdict {
    MET("met"),
    MISSED("missed"),
    NOT_JUDGED("not judged at this tier");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** A criterion this tier judges. */
  public Criterion(String name, Condition condition, boolean planned) {
    this(name, condition, planned, null);
  }

  public boolean isJudged() {
    return notJudgedBecause == null;
  }

  public Verdict verdictIn(WorldState state) {
    if (!isJudged()) {
      return Verdict.NOT_JUDGED;
    }
    return condition.isSatisfiedBy(state) ? Verdict.MET : Verdict.MISSED;
  }

  /**
   * E.g. {@code recall@10 (plan: >= 0.95): selected.recall@10 >= 0.95 (measured 0.97): met}, or for
   * a criterion the tier does not judge, the measured figure and the reason.
   */
  public String verdict(WorldState state) {
    Verdict v = verdictIn(state);
    String text = name + ": " + condition.describe(state) + ": " + v.text();
    return v == Verdict.NOT_JUDGED ? text + " (" + notJudgedBecause + ")" : text;
  }
}
