package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The text {@code plan --goal M1} prints, on a catalogue shaped like milestone M1 of the product
 * plan (section 3.1): generate, profile memory, profile QPS, tune, quantize, validate recall; about
 * 12 hours in all.
 */
public class PlanExplanationTest {
  private static final Fact<Boolean> GENERATOR = Fact.flag("generator.ready");
  private static final Fact<Boolean> DATASET = Fact.flag("dataset.1m.ready");
  private static final Fact<Boolean> INDEX = Fact.flag("index.1m.built");
  private static final Fact<Boolean> MEMORY = Fact.flag("memory.1m.profiled");
  private static final Fact<Boolean> QPS = Fact.flag("qps.1m.profiled");
  private static final Fact<Boolean> TUNED = Fact.flag("params.1m.tuned");
  private static final Fact<Boolean> QUANTIZED = Fact.flag("pq.1m.tested");
  private static final Fact<Boolean> PQ_CODEC = Fact.flag("pq.codec.available");
  private static final Fact<Double> RECALL = Fact.number("recall@10");
  private static final double HOUR = 3600;

  private static final Condition RECALL_TARGET = Condition.atLeast(RECALL, 0.95);
  private static final Goal M1 =
      Goal.of(
          "M1",
          Condition.is(MEMORY, true),
          Condition.is(QPS, true),
          Condition.is(TUNED, true),
          RECALL_TARGET);
  private static final WorldState START =
      WorldState.empty().with(GENERATOR, true).with(PQ_CODEC, true);

  private static final List<Action> M1_ACTIONS =
      List.of(
          step("A2.generate-1m", 1, GENERATOR, DATASET),
          Action.named("A6.memory-1m")
              .description("Build the 1M index and profile its memory")
              .requires(Condition.is(DATASET, true))
              .sets(INDEX, true)
              .sets(MEMORY, true)
              .estimatedCostSeconds(2 * HOUR)
              .build(),
          step("A7.qps-1m", 1, INDEX, QPS),
          step("A10.tune-1m", 4, QPS, TUNED),
          Action.named("A9.pq-1m")
              .requires(Condition.is(TUNED, true), Condition.is(PQ_CODEC, true))
              .sets(QUANTIZED, true)
              .estimatedCostSeconds(3 * HOUR)
              .build(),
          Action.named("A8.recall-1m")
              .description("Validate recall@10 against exact ground truth")
              .requires(Condition.is(QUANTIZED, true), Condition.is(INDEX, true))
              .sets(RECALL, 0.95)
              .estimatedCostSeconds(HOUR)
              .build());

  private static Action step(String name, double hours, Fact<Boolean> needs, Fact<Boolean> sets) {
    return Action.named(name)
        .requires(Condition.is(needs, true))
        .sets(sets, true)
        .estimatedCostSeconds(hours * HOUR)
        .build();
  }

  @Test
  public void m1PlanExplainsCostsOriginsAndReasons() {
    Plan plan = new AStarPlanner().plan(START, M1, M1_ACTIONS).orElseThrow();
    assertEquals(
        List.of(
            "A2.generate-1m",
            "A6.memory-1m",
            "A7.qps-1m",
            "A10.tune-1m",
            "A9.pq-1m",
            "A8.recall-1m"),
        plan.actionNames());
    assertEquals(12 * HOUR, plan.totalCostSeconds(), 0);

    String text = plan.explain();
    assertTrue(text, text.startsWith("Plan for goal M1: 6 steps, 12h 00m (43200 s)\n"));
    assertTrue(
        text, text.contains("Unmet at start:\n  - memory.1m.profiled = true (not measured)\n"));
    assertTrue(text, text.contains("  - recall@10 >= 0.95 (not measured)\n"));
    assertTrue(
        text,
        text.contains(
            "1. A2.generate-1m  [1h 00m]\n     needs generator.ready = true (held at start)\n"));
    assertTrue(
        text, text.contains("     enables step 2 (A6.memory-1m): dataset.1m.ready = true\n"));
    assertTrue(
        text,
        text.contains(
            "2. A6.memory-1m  [2h 00m]\n     Build the 1M index and profile its memory\n"));
    assertTrue(text, text.contains("     enables step 6 (A8.recall-1m): index.1m.built = true\n"));
    assertTrue(text, text.contains("     satisfies goal: memory.1m.profiled = true\n"));
    assertTrue(text, text.contains("     needs index.1m.built = true (from step 2)\n"));
    assertTrue(
        text,
        text.contains(
            "5. A9.pq-1m  [3h 00m]\n"
                + "     needs params.1m.tuned = true (from step 4)\n"
                + "     needs pq.codec.available = true (held at start)\n"
                + "     enables step 6 (A8.recall-1m): pq.1m.tested = true\n"));
    assertTrue(text, text.contains("     satisfies goal: recall@10 >= 0.95\n"));
    assertTrue(
        text,
        text.endsWith(
            "Goal M1 is expected to hold after step 6; the runner measures each step's outcome"
                + " and replans if it differs.\n"));
  }

  @Test
  public void observedCostIsShownBesideTheEstimate() {
    Plan plan =
        new AStarPlanner()
            .withObservedCosts(Map.of("A2.generate-1m", 1.5 * HOUR))
            .plan(START, M1, M1_ACTIONS)
            .orElseThrow();
    assertEquals(12.5 * HOUR, plan.totalCostSeconds(), 0);
    assertTrue(
        plan.explain(),
        plan.explain().contains("1. A2.generate-1m  [1h 30m (estimate was 1h 00m)]\n"));
  }

  @Test
  public void writingAGoalFactWithoutMeetingItIsMovingToward() {
    Fact<Double> recall = Fact.number("recall@10");
    Goal goal = Goal.of("G", Condition.atLeast(recall, 0.95));
    Action first = Action.named("first").sets(recall, 0.9).estimatedCostSeconds(1).build();
    Action second = Action.named("second").sets(recall, 0.96).estimatedCostSeconds(1).build();
    WorldState start = WorldState.empty();
    Plan plan =
        new Plan(
            goal,
            start,
            List.of(
                new Plan.Step(first, 1, first.applyTo(start)),
                new Plan.Step(second, 1, second.applyTo(first.applyTo(start)))));
    String text = plan.explain();
    assertTrue(text, text.contains("1. first  [1s]\n     moves toward goal: recall@10 >= 0.95\n"));
    assertTrue(text, text.contains("2. second  [1s]\n     satisfies goal: recall@10 >= 0.95\n"));
  }

  @Test
  public void emptyPlanSaysThereIsNothingToDo() {
    WorldState done = START.with(MEMORY, true).with(QPS, true).with(TUNED, true).with(RECALL, 0.97);
    String text = new AStarPlanner().plan(done, M1, M1_ACTIONS).orElseThrow().explain();
    assertEquals(
        "Goal M1 already holds; nothing to do.\n"
            + "  - memory.1m.profiled = true (measured true)\n"
            + "  - qps.1m.profiled = true (measured true)\n"
            + "  - params.1m.tuned = true (measured true)\n"
            + "  - recall@10 >= 0.95 (measured 0.97)\n",
        text);
  }

  @Test
  public void durationsUseTheTwoLargestUnits() {
    assertEquals("0.25s", DurationText.of(0.25));
    assertEquals("45s", DurationText.of(45));
    assertEquals("1m 15s", DurationText.of(75));
    assertEquals("1h 05m", DurationText.of(3900));
    assertEquals("12h 00m", DurationText.of(12 * HOUR));
    assertEquals("2d 04h", DurationText.of(2 * 86_400 + 4 * HOUR + 59));
  }
}
