package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Hand-built planning cases, each small enough to know the right answer by reading it. */
public class AStarPlannerTest {
  private static final Fact<Boolean> PREPARED = Fact.flag("prepared");
  private static final Fact<Boolean> DONE = Fact.flag("done");
  private static final Goal GOAL_DONE = Goal.of("done", Condition.is(DONE, true));
  private static final WorldState START =
      WorldState.empty().with(PREPARED, false).with(DONE, false);

  private final AStarPlanner planner = new AStarPlanner();

  private static Action finishDirectly(double seconds) {
    return Action.named("finish-directly").sets(DONE, true).estimatedCostSeconds(seconds).build();
  }

  private static final Action PREPARE =
      Action.named("prepare").sets(PREPARED, true).estimatedCostSeconds(2).build();
  private static final Action FINISH_PREPARED =
      Action.named("finish-prepared")
          .requires(Condition.is(PREPARED, true))
          .sets(DONE, true)
          .estimatedCostSeconds(3)
          .build();

  @Test
  public void cheaperLongerPathBeatsDearerShortOne() {
    Plan plan =
        planner
            .plan(START, GOAL_DONE, List.of(finishDirectly(10), PREPARE, FINISH_PREPARED))
            .orElseThrow();
    assertEquals(List.of("prepare", "finish-prepared"), plan.actionNames());
    assertEquals(5, plan.totalCostSeconds(), 0);
    assertEquals(START.with(PREPARED, true), plan.steps().get(0).stateAfter());
    assertEquals(START.with(PREPARED, true).with(DONE, true), plan.finalState());
  }

  @Test
  public void shortPathWinsWhenItIsCheaper() {
    Plan plan =
        planner
            .plan(START, GOAL_DONE, List.of(finishDirectly(4), PREPARE, FINISH_PREPARED))
            .orElseThrow();
    assertEquals(List.of("finish-directly"), plan.actionNames());
    assertEquals(4, plan.totalCostSeconds(), 0);
  }

  @Test
  public void goalNoActionWritesIsUnreachable() {
    assertEquals(Optional.empty(), planner.plan(START, GOAL_DONE, List.of(PREPARE)));
    assertEquals(Optional.empty(), planner.plan(START, GOAL_DONE, List.of()));
  }

  @Test
  public void goalBehindAnUnsatisfiablePreconditionIsUnreachable() {
    Fact<Boolean> never = Fact.flag("never");
    Action blocked =
        Action.named("blocked")
            .requires(Condition.is(never, true))
            .sets(DONE, true)
            .estimatedCostSeconds(1)
            .build();
    assertEquals(Optional.empty(), planner.plan(START, GOAL_DONE, List.of(PREPARE, blocked)));
  }

  @Test
  public void numberBelowTheThresholdDoesNotReachTheGoal() {
    Fact<Double> recall = Fact.number("recall@10");
    Goal goal = Goal.of("M1", Condition.atLeast(recall, 0.95));
    Action weak = Action.named("weak").sets(recall, 0.90).estimatedCostSeconds(1).build();
    Action strong = Action.named("strong").sets(recall, 0.97).estimatedCostSeconds(8).build();
    assertEquals(Optional.empty(), planner.plan(WorldState.empty(), goal, List.of(weak)));
    Plan plan = planner.plan(WorldState.empty(), goal, List.of(weak, strong)).orElseThrow();
    assertEquals(List.of("strong"), plan.actionNames());
  }

  @Test
  public void goalAlreadySatisfiedGivesEmptyPlanOfCostZero() {
    WorldState done = START.with(DONE, true);
    Plan plan = planner.plan(done, GOAL_DONE, List.of(finishDirectly(1))).orElseThrow();
    assertTrue(plan.steps().isEmpty());
    assertEquals(0, plan.totalCostSeconds(), 0);
    assertEquals(done, plan.finalState());
  }

  @Test
  public void observedCostsChangeTheChosenPlan() {
    List<Action> actions = List.of(finishDirectly(4), PREPARE, FINISH_PREPARED);
    assertEquals(
        List.of("finish-directly"),
        planner.plan(START, GOAL_DONE, actions).orElseThrow().actionNames());

    Plan replanned =
        planner
            .withObservedCosts(
                Map.of("finish-directly", 3600.0, "some-other-milestone-action", 1.0))
            .plan(START, GOAL_DONE, actions)
            .orElseThrow();
    assertEquals(List.of("prepare", "finish-prepared"), replanned.actionNames());
    assertEquals(5, replanned.totalCostSeconds(), 0);

    Plan observedStepCost =
        planner
            .withObservedCosts(Map.of("prepare", 0.5))
            .plan(START, GOAL_DONE, actions)
            .orElseThrow();
    assertEquals(List.of("prepare", "finish-prepared"), observedStepCost.actionNames());
    assertEquals(0.5, observedStepCost.steps().get(0).costSeconds(), 0);
    assertEquals(3.5, observedStepCost.totalCostSeconds(), 0);
  }

  @Test
  public void invalidObservedOrModelledCostsAreRejected() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> planner.withObservedCosts(Map.of("prepare", 0.0)));
    assertTrue(zero.getMessage(), zero.getMessage().contains("prepare"));
    assertThrows(
        IllegalArgumentException.class, () -> planner.withObservedCosts(Map.of("prepare", -1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> planner.withObservedCosts(Map.of("prepare", Double.NaN)));
    assertThrows(
        IllegalArgumentException.class,
        () -> planner.withObservedCosts(Map.of("prepare", Double.POSITIVE_INFINITY)));

    IllegalArgumentException modelled =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                planner
                    .withCostModel(a -> 0)
                    .plan(START, GOAL_DONE, List.of(PREPARE, FINISH_PREPARED)));
    assertTrue(modelled.getMessage(), modelled.getMessage().contains("finish-prepared"));
  }

  @Test
  public void duplicateActionNamesAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> planner.plan(START, GOAL_DONE, List.of(finishDirectly(1), finishDirectly(2))));
    assertTrue(e.getMessage(), e.getMessage().contains("finish-directly"));
  }

  @Test
  public void equalCostPlansAreBrokenByActionNameWhateverTheInputOrder() {
    // Same end state: the alphabetically first action is generated first and the other is no
    // improvement.
    Action beta = Action.named("beta").sets(DONE, true).estimatedCostSeconds(5).build();
    Action alpha = Action.named("alpha").sets(DONE, true).estimatedCostSeconds(5).build();
    assertEquals(
        List.of("alpha"),
        planner.plan(START, GOAL_DONE, List.of(beta, alpha)).orElseThrow().actionNames());
    assertEquals(
        List.of("alpha"),
        planner.plan(START, GOAL_DONE, List.of(alpha, beta)).orElseThrow().actionNames());

    // Different end states with equal f and g: the open set's own tie-break decides.
    Action betaMarks =
        Action.named("beta")
            .sets(DONE, true)
            .sets(Fact.flag("b"), true)
            .estimatedCostSeconds(5)
            .build();
    Action alphaMarks =
        Action.named("alpha")
            .sets(DONE, true)
            .sets(Fact.flag("a"), true)
            .estimatedCostSeconds(5)
            .build();
    for (List<Action> actions :
        List.of(List.of(betaMarks, alphaMarks), List.of(alphaMarks, betaMarks))) {
      assertEquals(
          List.of("alpha"), planner.plan(START, GOAL_DONE, actions).orElseThrow().actionNames());
    }
  }

  @Test
  public void runawaySearchStopsWithAClearMessage() {
    List<Action> actions = independentSwitches(10); // 2^10 = 1024 reachable states
    assertThrows(IllegalArgumentException.class, () -> planner.withMaxExpansions(0));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> planner.withMaxExpansions(1023).plan(START, GOAL_DONE, actions));
    assertTrue(e.getMessage(), e.getMessage().contains("goal done"));
    assertTrue(e.getMessage(), e.getMessage().contains("1023"));
    assertTrue(e.getMessage(), e.getMessage().contains("maxExpansions"));
    assertFalse(
        "1024 expansions visit every state",
        planner.withMaxExpansions(1024).plan(START, GOAL_DONE, actions).isPresent());
  }

  @Test
  public void exhaustedSearchWithinTheLimitReportsNoPlan() {
    // 2^14 reachable states, all expanded under the default limit, none satisfies the goal.
    assertFalse(planner.plan(START, GOAL_DONE, independentSwitches(14)).isPresent());
  }

  /**
   * {@code n} actions each switching on one flag, and a finisher that writes the goal fact but
   * needs a flag no action sets: the heuristic cannot prune, so the search must visit all 2^n
   * states to learn there is no plan.
   */
  private static List<Action> independentSwitches(int n) {
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      actions.add(
          Action.named("switch-" + i)
              .sets(Fact.flag("s" + i), true)
              .estimatedCostSeconds(1)
              .build());
    }
    actions.add(
        Action.named("finish")
            .requires(Condition.is(Fact.flag("never"), true))
            .sets(DONE, true)
            .estimatedCostSeconds(1)
            .build());
    return actions;
  }
}
