package io.annscale.goap.scale;

import io.annscale.goap.plan.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A milestone's verdict on a run's measurements: reached only when every criterion is judged and
 * met. A criterion the tier cannot judge keeps the milestone from being reached without counting as
 * missed.
 *
 * @param missed the criteria judged and missed
 * @param notJudged the criteria this tier does not judge
 */
public record MilestoneVerdict(int criteria, List<Criterion> missed, List<Criterion> notJudged) {
  /**
   * {@code run}'s exit status when a criterion is missed, as {@code bench compare}'s on a
   * regression.
   */
  public static final int EXIT_CRITERION_MISSED =
      io.annscale.bench.cli.BenchCompareCommand.REGRESSION_EXIT_CODE;

  public static MilestoneVerdict of(List<Criterion> criteria, WorldState state) {
    List<Criterion> missed = new ArrayList<>();
    List<Criterion> notJudged = new ArrayList<>();
    for (Criterion c : criteria) {
      switch (c.verdictIn(state)) {
        case MISSED -> missed.add(c);
        case NOT_JUDGED -> notJudged.add(c);
        case MET -> {}
      }
    }
    return new MilestoneVerdict(criteria.size(), List.copyOf(missed), List.copyOf(notJudged));
  }

  public boolean reached() {
    return missed.isEmpty() && notJudged.isEmpty();
  }

  /** E.g. "not reached: 2 of 4 criteria missed (QPS ..., p99 ...)". */
  public String summary() {
    if (reached()) {
      return String.format(Locale.ROOT, "reached: all %d criteria met", criteria);
    }
    StringBuilder s = new StringBuilder("not reached: ");
    if (!missed.isEmpty()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%d of %d criteria missed (%s)",
              missed.size(),
              criteria,
              names(missed)));
    }
    if (!notJudged.isEmpty()) {
      s.append(missed.isEmpty() ? "" : "; ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%d not judged at this tier (%s)",
                  notJudged.size(),
                  names(notJudged)));
    }
    return s.toString();
  }

  /** 0 when no criterion is missed, {@value #EXIT_CRITERION_MISSED} when one is. */
  public int exitCode() {
    return missed.isEmpty() ? 0 : EXIT_CRITERION_MISSED;
  }

  private static String names(List<Criterion> list) {
    return String.join("; ", list.stream().map(c -> shortName(c.name())).toList());
  }

  /** A criterion's name without the plan's wording in parentheses. */
  private static String shortName(String name) {
    int paren = name.indexOf(" (");
    return paren < 0 ? name : name.substring(0, paren);
  }
}
