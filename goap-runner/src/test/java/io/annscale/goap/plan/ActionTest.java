package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Actions: validation at build time, applicability and the expected state after. */
public class ActionTest {
  private static final Fact<Boolean> READY = Fact.flag("dataset.1m.ready");
  private static final Fact<Double> RECALL = Fact.number("recall@10");

  private static Action.Builder measureRecall() {
    return Action.named("A8.recall-1m")
        .description("Measure recall@10 against exact ground truth")
        .requires(Condition.is(READY, true))
        .sets(RECALL, 0.95);
  }

  @Test
  public void appliesItsExpectedEffects() {
    Action action = measureRecall().estimatedCostSeconds(3600).build();
    WorldState notReady = WorldState.empty().with(READY, false);
    WorldState ready = notReady.with(READY, true);
    assertFalse(action.isApplicableIn(notReady));
    assertFalse(action.isApplicableIn(WorldState.empty()));
    assertTrue(action.isApplicableIn(ready));
    assertEquals(ready.with(RECALL, 0.95), action.applyTo(ready));
    assertEquals(Map.of(RECALL, 0.95), action.effects());
    assertEquals(3600, action.estimatedCostSeconds(), 0);
    assertEquals("A8.recall-1m", action.toString());
  }

  @Test
  public void isImmutable() {
    Action action = measureRecall().estimatedCostSeconds(1).build();
    assertThrows(UnsupportedOperationException.class, () -> action.effects().clear());
    assertThrows(UnsupportedOperationException.class, () -> action.preconditions().clear());
  }

  @Test
  public void zeroNegativeAndNonFiniteCostsAreRejectedNamingTheAction() {
    for (double cost : new double[] {0, -0.0, -5, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(
              "cost " + cost,
              IllegalArgumentException.class,
              () -> measureRecall().estimatedCostSeconds(cost).build());
      assertTrue(e.getMessage(), e.getMessage().contains("A8.recall-1m"));
      assertTrue(e.getMessage(), e.getMessage().contains("> 0"));
    }
    assertThrows("cost never set", IllegalArgumentException.class, () -> measureRecall().build());
    Action tiny = measureRecall().estimatedCostSeconds(Double.MIN_VALUE).build();
    assertEquals(Double.MIN_VALUE, tiny.estimatedCostSeconds(), 0);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void wrongTypedEffectIsRejectedNamingTheFact() {
    Fact raw = RECALL;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Action.named("bad").sets(raw, "0.95"));
    assertTrue(e.getMessage(), e.getMessage().contains("recall@10"));
  }

  @Test
  public void actionWithoutEffectsOrNameIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Action.named("noop")
                    .requires(Condition.is(READY, true))
                    .estimatedCostSeconds(1)
                    .build());
    assertTrue(e.getMessage(), e.getMessage().contains("noop"));
    assertThrows(IllegalArgumentException.class, () -> Action.named(""));
    assertEquals(
        List.of(),
        Action.named("x").sets(READY, true).estimatedCostSeconds(1).build().preconditions());
  }
}
