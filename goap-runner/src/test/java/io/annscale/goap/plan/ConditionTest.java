package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.Test;

/** Conditions and goals: what they accept, which facts they read and how they describe a state. */
public class ConditionTest {
  private static final Fact<Boolean> READY = Fact.flag("dataset.1m.ready");
  private static final Fact<Double> RECALL = Fact.number("recall@10");
  private static final Fact<Double> MEMORY = Fact.number("memory.gb");

  @Test
  public void thresholdsAcceptTheBoundaryAndRejectUnmeasured() {
    Condition recall = Condition.atLeast(RECALL, 0.95);
    assertTrue(recall.isSatisfiedBy(WorldState.empty().with(RECALL, 0.95)));
    assertFalse(recall.isSatisfiedBy(WorldState.empty().with(RECALL, 0.9499)));
    assertFalse(recall.isSatisfiedBy(WorldState.empty()));
    Condition memory = Condition.atMost(MEMORY, 2);
    assertTrue(memory.isSatisfiedBy(WorldState.empty().with(MEMORY, 2.0)));
    assertFalse(memory.isSatisfiedBy(WorldState.empty().with(MEMORY, 2.01)));
    assertFalse(memory.isSatisfiedBy(WorldState.empty()));
    assertEquals(Set.of(RECALL), recall.facts());
  }

  @Test
  public void isNeedsTheExactValue() {
    Condition ready = Condition.is(READY, true);
    assertTrue(ready.isSatisfiedBy(WorldState.empty().with(READY, true)));
    assertFalse(ready.isSatisfiedBy(WorldState.empty().with(READY, false)));
    assertFalse(
        "unknown is not false", Condition.is(READY, false).isSatisfiedBy(WorldState.empty()));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void isRejectsAValueOfTheWrongType() {
    Fact raw = RECALL;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Condition.is(raw, true));
    assertTrue(e.getMessage(), e.getMessage().contains("recall@10"));
  }

  @Test
  public void describesWhatTheStateSays() {
    Condition recall = Condition.atLeast(RECALL, 0.95);
    assertEquals("recall@10 >= 0.95", recall.toString());
    assertEquals(
        "recall@10 >= 0.95 (measured 0.93)",
        recall.describe(WorldState.empty().with(RECALL, 0.93)));
    assertEquals("recall@10 >= 0.95 (not measured)", recall.describe(WorldState.empty()));
    assertEquals(
        "memory.gb <= 2 (measured 1.5)",
        Condition.atMost(MEMORY, 2).describe(WorldState.empty().with(MEMORY, 1.5)));
    assertEquals(
        "dataset.1m.ready = true (measured false)",
        Condition.is(READY, true).describe(WorldState.empty().with(READY, false)));
  }

  @Test
  public void customConditionReadsItsDeclaredFacts() {
    Condition ratio =
        Condition.of(
            "recall per GB >= 0.5",
            Set.of(RECALL, MEMORY),
            s -> s.get(RECALL).orElse(0.0) / s.get(MEMORY).orElse(Double.POSITIVE_INFINITY) >= 0.5);
    WorldState measured = WorldState.empty().with(RECALL, 0.9).with(MEMORY, 1.5);
    assertTrue(ratio.isSatisfiedBy(measured));
    assertEquals(
        "recall per GB >= 0.5 (memory.gb measured 1.5, recall@10 not measured)",
        ratio.describe(WorldState.empty().with(MEMORY, 1.5)));
    assertTrue(ratio.readsAnyOf(Set.of(MEMORY, READY)));
    assertFalse(ratio.readsAnyOf(Set.of(READY)));
    assertThrows(
        IllegalArgumentException.class, () -> Condition.of("reads nothing", Set.of(), s -> true));
  }

  @Test
  public void goalListsItsUnmetConditionsInOrder() {
    Condition ready = Condition.is(READY, true);
    Condition recall = Condition.atLeast(RECALL, 0.95);
    Condition memory = Condition.atMost(MEMORY, 2);
    Goal m1 = Goal.of("M1", ready, recall, memory);
    WorldState state = WorldState.empty().with(READY, true).with(MEMORY, 3.0);
    assertEquals(List.of(recall, memory), m1.unsatisfied(state));
    assertFalse(m1.isSatisfiedBy(state));
    WorldState done = state.with(RECALL, 0.96).with(MEMORY, 1.9);
    assertTrue(m1.isSatisfiedBy(done));
    assertEquals(List.of(), m1.unsatisfied(done));
    assertThrows(IllegalArgumentException.class, () -> Goal.of("empty"));
    assertThrows(IllegalArgumentException.class, () -> Goal.of(" ", ready));
  }
}
