package io.annscale.bench.plan;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class MemoryPlanTest {
  /**
   * 1,000 vectors of 128-d measured: 512 B floats, 60 B graph, 38 B PQ records, 600 KB codebooks in
   * 2 segments.
   */
  private static final IndexFootprint MEASURED =
      new IndexFootprint(
          1_000,
          128,
          2,
          Map.of(
              "vec", 512_000L, "vex", 60_000L, "vem", 1_000L, "pqc", 38_000L, "pqm", 600_000L,
              "vemf", 200L));

  private final MemoryPlan plan = new MemoryPlan(MEASURED, Set.of("vex", "pqc"));

  @Test
  public void payloadScalesWithTheDimensionAndTheGraphDoesNot() {
    assertEquals(1024, plan.perVector("vec", 256), 1e-9);
    assertEquals(6 + 64, plan.perVector("pqc", 256), 1e-9);
    assertEquals(60, plan.perVector("vex", 256), 1e-9);
    assertEquals(0, plan.perVector("pqm", 256), 1e-9);
  }

  @Test
  public void budgetIsLinearInVectorsAndCountsSegmentsForCodebooks() {
    MemoryPlan.Budget b = plan.budget(1_000_000_000L, 128, 10);
    assertEquals(98.0, b.hotBytesPerVector(), 1e-9); // 60 graph + 38 records
    assertEquals(1e9 * (512 + 60 + 1 + 38) + 10 * (300_000 + 100), b.diskBytes(), 1);
    assertEquals(10 * 2 * 300_000, b.heapBytes(), 1e-6);
  }

  @Test
  public void onlyDiskAnnMergesHoldAGraphBuildHeap() {
    assertEquals(0, plan.graphBuildHeap(1_000_000L, 128, 1), 0);
  }
}
