package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.Test;

/**
 * A* against exhaustive search on many random problems: the same cost whenever a plan exists, no
 * plan exactly when none exists, and every plan valid when replayed on the bitmask model, which
 * shares no code with the planner. A failure message carries the problem's seed and full
 * description.
 */
public class PlannerOptimalityTest {
  private static final int PROBLEMS = 200;
  private static final long FIRST_SEED = 0x9a30c4eL;
  private static final int BRUTE_FORCE_DEPTH = 6;
  private static final double EPS = 1e-9;

  private final AStarPlanner planner = new AStarPlanner();

  @Test
  public void planCostEqualsExhaustiveSearchOnRandomProblems() {
    int solved = 0;
    int unsolvable = 0;
    int alreadyHeld = 0;
    int longestPlan = 0;
    int threeStepsOrMore = 0;
    for (int i = 0; i < PROBLEMS; i++) {
      RandomBooleanProblem problem = RandomBooleanProblem.generate(FIRST_SEED + i);
      Optional<Plan> plan =
          planner.plan(problem.state(problem.start), problem.goal, problem.actions);
      double optimal = problem.optimalCost(problem.start);
      double bruteForce = problem.cheapestSequenceCost(problem.start, BRUTE_FORCE_DEPTH);
      if (optimal == Double.POSITIVE_INFINITY) {
        assertFalse(
            "A* found a plan where uniform-cost search found none:\n" + problem, plan.isPresent());
        assertEquals(
            "brute force found a plan where uniform-cost search found none:\n" + problem,
            Double.POSITIVE_INFINITY,
            bruteForce,
            0);
        unsolvable++;
        continue;
      }
      assertTrue(
          "A* found no plan, uniform-cost search one costing " + optimal + ":\n" + problem,
          plan.isPresent());
      assertEquals(
          "plan " + plan.get().actionNames() + " is not optimal:\n" + problem,
          optimal,
          plan.get().totalCostSeconds(),
          EPS);
      assertTrue(
          "brute force beat A*:\n" + problem, bruteForce >= plan.get().totalCostSeconds() - EPS);
      if (plan.get().steps().size() <= BRUTE_FORCE_DEPTH) {
        assertEquals(
            "brute force disagrees:\n" + problem, bruteForce, plan.get().totalCostSeconds(), EPS);
      }
      assertValidReplay(problem, plan.get());
      if (plan.get().steps().isEmpty()) {
        alreadyHeld++;
      } else {
        solved++;
      }
      longestPlan = Math.max(longestPlan, plan.get().steps().size());
      threeStepsOrMore += plan.get().steps().size() >= 3 ? 1 : 0;
    }
    // The generator must produce every kind of case, or the assertions above test little.
    String mix =
        String.format(
            Locale.ROOT,
            "solved=%d unsolvable=%d alreadyHeld=%d threeStepsOrMore=%d longest=%d",
            solved,
            unsolvable,
            alreadyHeld,
            threeStepsOrMore,
            longestPlan);
    assertTrue(mix, solved >= PROBLEMS / 2);
    assertTrue(mix, unsolvable >= PROBLEMS / 20);
    assertTrue(mix, alreadyHeld >= 1);
    assertTrue(mix, threeStepsOrMore >= PROBLEMS / 10);
    assertTrue(mix, longestPlan >= 4);
  }

  @Test
  public void samePlanWhateverTheOrderOfTheActions() {
    for (int i = 0; i < PROBLEMS; i++) {
      RandomBooleanProblem problem = RandomBooleanProblem.generate(FIRST_SEED + i);
      WorldState start = problem.state(problem.start);
      Optional<List<String>> expected =
          planner.plan(start, problem.goal, problem.actions).map(Plan::actionNames);
      List<Action> shuffled = new ArrayList<>(problem.actions);
      Collections.shuffle(shuffled, new Random(problem.seed));
      assertEquals(
          problem.toString(),
          expected,
          planner.plan(start, problem.goal, shuffled).map(Plan::actionNames));
      Collections.reverse(shuffled);
      assertEquals(
          problem.toString(),
          expected,
          planner.plan(start, problem.goal, shuffled).map(Plan::actionNames));
    }
  }

  /**
   * Replays the plan on the bitmask model: every precondition holds in turn and the goal holds at
   * the end.
   */
  private static void assertValidReplay(RandomBooleanProblem problem, Plan plan) {
    int state = problem.start;
    double cost = 0;
    for (int i = 0; i < plan.steps().size(); i++) {
      Plan.Step step = plan.steps().get(i);
      RandomBooleanProblem.BitAction action = problem.bitAction(step.action().name());
      assertTrue(
          "step " + (i + 1) + " " + action.name() + " is not applicable:\n" + problem,
          action.applicableIn(state));
      state = action.applyTo(state);
      cost += action.cost();
      assertEquals(
          "state after step " + (i + 1) + ":\n" + problem, problem.state(state), step.stateAfter());
      assertEquals(action.cost(), step.costSeconds(), 0);
    }
    assertTrue("goal does not hold after the plan:\n" + problem, problem.goalHolds(state));
    assertTrue(problem.goal.isSatisfiedBy(plan.finalState()));
    assertEquals(cost, plan.totalCostSeconds(), EPS);
  }
}
