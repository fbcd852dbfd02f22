package io.annscale.goap.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** World states as values: typed access, immutability, content equality and the printed form. */
public class WorldStateTest {
  private static final Fact<Boolean> READY = Fact.flag("dataset.1m.ready");
  private static final Fact<Double> RECALL = Fact.number("recall@10");

  @Test
  public void absentFactIsEmpty() {
    assertEquals(Optional.empty(), WorldState.empty().get(READY));
    assertFalse(WorldState.empty().has(READY));
  }

  @Test
  public void withReturnsANewStateAndLeavesTheOriginal() {
    WorldState before = WorldState.empty().with(READY, false);
    WorldState after = before.with(READY, true).with(RECALL, 0.93);
    assertEquals(Optional.of(false), before.get(READY));
    assertFalse(before.has(RECALL));
    assertEquals(Optional.of(true), after.get(READY));
    assertEquals(Optional.of(0.93), after.get(RECALL));
    assertSame("setting an unchanged value is free", after, after.with(READY, true));
    assertThrows(UnsupportedOperationException.class, () -> after.facts().clear());
  }

  @Test
  public void equalityIsByContentWhateverTheOrderOfSetting() {
    WorldState a = WorldState.empty().with(READY, true).with(RECALL, 0.95);
    WorldState b = WorldState.empty().with(RECALL, 0.5).with(READY, true).with(RECALL, 0.95);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.with(RECALL, 0.96));
    assertNotEquals(a, a.with(Fact.flag("other"), true));
    assertEquals(a, WorldState.empty().withAll(Map.of(READY, true, RECALL, 0.95)));
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void wrongTypedValueIsRejectedNamingTheFact() {
    IllegalArgumentException fromMap =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorldState.empty().withAll(Map.of(RECALL, "high")));
    assertTrue(fromMap.getMessage(), fromMap.getMessage().contains("recall@10"));
    assertTrue(fromMap.getMessage(), fromMap.getMessage().contains("Double"));

    Fact raw = READY;
    IllegalArgumentException fromRaw =
        assertThrows(IllegalArgumentException.class, () -> WorldState.empty().with(raw, 1));
    assertTrue(fromRaw.getMessage(), fromRaw.getMessage().contains("dataset.1m.ready"));

    IllegalArgumentException integerForDouble =
        assertThrows(
            IllegalArgumentException.class, () -> WorldState.empty().withAll(Map.of(RECALL, 1)));
    assertTrue(integerForDouble.getMessage(), integerForDouble.getMessage().contains("recall@10"));
  }

  @Test
  public void nullValueIsRejectedNamingTheFact() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WorldState.empty().with(RECALL, null));
    assertTrue(e.getMessage(), e.getMessage().contains("recall@10"));
  }

  @Test
  public void printsFactsSortedByName() {
    WorldState state =
        WorldState.empty().with(RECALL, 0.930).with(Fact.number("qps"), 10000.0).with(READY, true);
    assertEquals("{dataset.1m.ready=true, qps=10000, recall@10=0.93}", state.toString());
    assertEquals("{}", WorldState.empty().toString());
  }

  @Test
  public void factsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Fact.flag(" "));
    assertThrows(IllegalArgumentException.class, () -> new Fact<>("n", int.class));
    assertEquals(Fact.flag("x"), new Fact<>("x", Boolean.class));
    assertNotEquals(Fact.flag("x"), Fact.number("x"));
  }
}
