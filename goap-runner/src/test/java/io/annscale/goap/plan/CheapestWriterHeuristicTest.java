package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The heuristic on the random problems, checked on every state of each: never above the true cost
 * to the goal (admissible), never dropping by more than an action's cost across that action
 * (consistent, which is what lets A* expand each state once), and +infinity only where the goal
 * really is unreachable (pruning loses no plan).
 */
public class CheapestWriterHeuristicTest {
  private static final int PROBLEMS = 200;
  private static final long FIRST_SEED = 0x9a30c4eL;
  private static final double EPS = 1e-9;

  @Test
  public void admissibleConsistentAndPrunesOnlyUnreachableStates() {
    int informative = 0;
    int pruned = 0;
    for (int i = 0; i < PROBLEMS; i++) {
      RandomBooleanProblem problem = RandomBooleanProblem.generate(FIRST_SEED + i);
      CheapestWriterHeuristic heuristic =
          new CheapestWriterHeuristic(problem.goal, problem.actions, CostModel.ESTIMATES);
      for (int state = 0; state < problem.stateCount(); state++) {
        double h = heuristic.estimate(problem.state(state));
        double optimal = problem.optimalCost(state);
        String where =
            "state " + problem.state(state) + " h=" + h + " optimal=" + optimal + "\n" + problem;
        assertTrue("inadmissible: " + where, h <= optimal + EPS);
        if (h == Double.POSITIVE_INFINITY) {
          assertEquals(
              "pruned a state that can reach the goal: " + where,
              Double.POSITIVE_INFINITY,
              optimal,
              0);
          pruned++;
        } else if (h > 0) {
          informative++;
        }
        if (problem.goalHolds(state)) {
          assertEquals("nonzero at a goal state: " + where, 0, h, 0);
        }
        for (RandomBooleanProblem.BitAction action : problem.bitActions) {
          if (action.applicableIn(state)) {
            double hNext = heuristic.estimate(problem.state(action.applyTo(state)));
            assertTrue(
                "inconsistent across " + action.name() + ": " + where,
                h <= action.cost() + hNext + EPS);
          }
        }
      }
    }
    assertTrue("the heuristic is almost always 0: " + informative, informative > 1000);
    assertTrue("the heuristic never prunes: " + pruned, pruned > 100);
  }

  @Test
  public void largestOfTheCheapestWritersOfTheUnmetConditions() {
    Fact<Boolean> a = Fact.flag("a");
    Fact<Boolean> b = Fact.flag("b");
    Fact<Double> recall = Fact.number("recall@10");
    Goal goal =
        Goal.of("g", Condition.is(a, true), Condition.is(b, true), Condition.atLeast(recall, 0.9));
    Action cheapA = Action.named("cheap-a").sets(a, true).estimatedCostSeconds(2).build();
    Action dearA = Action.named("dear-a").sets(a, true).estimatedCostSeconds(7).build();
    Action writesB = Action.named("b").sets(b, true).estimatedCostSeconds(5).build();
    Action measure = Action.named("measure").sets(recall, 0.95).estimatedCostSeconds(3).build();
    CheapestWriterHeuristic heuristic =
        new CheapestWriterHeuristic(
            goal, List.of(cheapA, dearA, writesB, measure), CostModel.ESTIMATES);

    assertEquals(5, heuristic.estimate(WorldState.empty()), 0);
    assertEquals(3, heuristic.estimate(WorldState.empty().with(b, true)), 0);
    assertEquals(2, heuristic.estimate(WorldState.empty().with(b, true).with(recall, 0.95)), 0);
    assertEquals(
        0,
        heuristic.estimate(WorldState.empty().with(a, true).with(b, true).with(recall, 0.95)),
        0);

    CheapestWriterHeuristic observed =
        new CheapestWriterHeuristic(
            goal,
            List.of(cheapA, dearA, writesB, measure),
            CostModel.observed(Map.of("cheap-a", 20.0)));
    assertEquals(7, observed.estimate(WorldState.empty()), 0);

    CheapestWriterHeuristic noRecallWriter =
        new CheapestWriterHeuristic(goal, List.of(cheapA, writesB), CostModel.ESTIMATES);
    assertEquals(Double.POSITIVE_INFINITY, noRecallWriter.estimate(WorldState.empty()), 0);
  }
}
