package io.annscale.goap.plan;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Plan} as the text {@code annscale plan} prints: the unmet goal conditions, then
 * for every step its cost, the origin of each precondition (the start state or an earlier step),
 * the later steps it enables and the goal conditions it moves toward or satisfies. The "why" of a
 * step is that last part.
 */
final class PlanExplanation {
  private static final int FROM_START = 0;
  private static final int NOT_MET = -1;

  private final Plan plan;
  private final List<WorldState> states;
  private final StringBuilder out = new StringBuilder();

  private PlanExplanation(Plan plan) {
    this.plan = plan;
    this.states = plan.states();
  }

  static String of(Plan plan) {
    return new PlanExplanation(plan).render();
  }

  private String render() {
    Goal goal = plan.goal();
    if (plan.steps().isEmpty()) {
      line("Goal %s already holds; nothing to do.", goal.name());
      goal.conditions().forEach(c -> line("  - %s", c.describe(plan.start())));
      return out.toString();
    }
    line(
        "Plan for goal %s: %d step%s, %s (%s s)",
        goal.name(),
        plan.steps().size(),
        plan.steps().size() == 1 ? "" : "s",
        DurationText.of(plan.totalCostSeconds()),
        Fact.format(plan.totalCostSeconds()));
    line("Unmet at start:");
    goal.unsatisfied(plan.start()).forEach(c -> line("  - %s", c.describe(plan.start())));
    for (int step = 1; step <= plan.steps().size(); step++) {
      renderStep(step);
    }
    line(
        "Goal %s is expected to hold after step %d; the runner measures each step's outcome and replans if it"
            + " differs.",
        goal.name(), plan.steps().size());
    return out.toString();
  }

  /**
   * @param step 1-based step number
   */
  private void renderStep(int step) {
    Plan.Step current = plan.steps().get(step - 1);
    Action action = current.action();
    String estimate =
        current.costSeconds() == action.estimatedCostSeconds()
            ? ""
            : " (estimate was " + DurationText.of(action.estimatedCostSeconds()) + ")";
    line("%d. %s  [%s%s]", step, action.name(), DurationText.of(current.costSeconds()), estimate);
    if (!action.description().isEmpty()) {
      line("     %s", action.description());
    }
    for (Condition precondition : action.preconditions()) {
      int origin = origin(precondition, step);
      String from =
          origin == NOT_MET
              ? "NOT MET"
              : origin == FROM_START ? "held at start" : "from step " + origin;
      line("     needs %s (%s)", precondition, from);
    }
    for (int later = step + 1; later <= plan.steps().size(); later++) {
      for (Condition precondition : plan.steps().get(later - 1).action().preconditions()) {
        if (origin(precondition, later) == step) {
          line(
              "     enables step %d (%s): %s",
              later, plan.steps().get(later - 1).action().name(), precondition);
        }
      }
    }
    WorldState before = states.get(step - 1);
    WorldState after = states.get(step);
    for (Condition condition : plan.goal().conditions()) {
      if (condition.readsAnyOf(action.effects().keySet())) {
        boolean satisfies = !condition.isSatisfiedBy(before) && condition.isSatisfiedBy(after);
        line("     %s goal: %s", satisfies ? "satisfies" : "moves toward", condition);
      }
    }
  }

  /**
   * Where a precondition of a step comes from: {@link #FROM_START} if it has held since the start,
   * the number of the step after which it started to hold for good, or {@link #NOT_MET}.
   */
  private int origin(Condition precondition, int step) {
    if (!precondition.isSatisfiedBy(states.get(step - 1))) {
      return NOT_MET;
    }
    int since = step - 1;
    while (since > 0 && precondition.isSatisfiedBy(states.get(since - 1))) {
      since--;
    }
    return since;
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
