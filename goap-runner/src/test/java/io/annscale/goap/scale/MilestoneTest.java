package io.annscale.goap.scale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.goap.plan.Fact;
import org.junit.Test;

/**
 * The plan's milestones as goals: thresholds scaled from the plan's hardware, work per milestone,
 * bad names.
 */
public class MilestoneTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  public void thresholdsComeFromThePlanScaledToThisMachine() {
    assertEquals(10_000.0 * CORES / 16, Profile.named("quick", "M1").qpsTarget(), 1e-9);
    assertEquals(5_000.0 * CORES / 32, Profile.named("quick", "M2").qpsTarget(), 1e-9);
    assertEquals(2_000.0 * CORES / 96, Profile.named("quick", "M3").qpsTarget(), 1e-9);
    assertEquals(1_000.0 * CORES / 320, Profile.named("quick", "M4").qpsTarget(), 1e-9);
    // memory per vector: 2 GB / 1M, 20 GB / 10M, 32 GB x 3 nodes / 100M, 320 GB / 1B
    assertEquals(2_000, Profile.named("quick", "M1").memoryBudgetBytesPerVector(), 1e-9);
    assertEquals(2_000, Profile.named("quick", "M2").memoryBudgetBytesPerVector(), 1e-9);
    assertEquals(960, Profile.named("quick", "M3").memoryBudgetBytesPerVector(), 1e-9);
    assertEquals(320, Profile.named("quick", "M4").memoryBudgetBytesPerVector(), 1e-9);
    assertEquals(0.92, Profile.named("quick", "M2").targetRecall(), 0);
    assertEquals(
        10 * Profile.HTTP_LATENCY_ALLOWANCE, Profile.named("quick", "M4").p99TargetMillis(), 1e-9);
    assertEquals(3, Profile.named("quick", "M3").nodes());
    assertEquals(2, Profile.named("quick", "M4").replicas());
  }

  @Test
  public void laterMilestonesAddTheirWorkAndCriteria() {
    Milestone m1 = Milestone.named("M1", Profile.named("quick", "M1"), true);
    Milestone m3 = Milestone.named("M3", Profile.named("quick", "M3"), true);
    Milestone m4 = Milestone.named("M4", Profile.named("quick", "M4"), true);
    assertEquals(4, m1.criteria().size());
    assertFalse(needs(m1, ScaleFacts.MEASURED_DISKANN));
    assertFalse(needs(m1, ScaleFacts.FAULT_TESTED));
    assertTrue(needs(m3, ScaleFacts.MEASURED_DISKANN));
    assertTrue(judges(m3, ScaleFacts.MIGRATION_PROJECTED_SECONDS));
    assertTrue(needs(m4, ScaleFacts.FAULT_TESTED));
    assertTrue(judges(m4, ScaleFacts.DOCUMENTS_LOST));
  }

  @Test
  public void distributionMilestonesNeedSolrCloudAndUnknownNamesAreRefusedByName() {
    IllegalArgumentException embedded =
        assertThrows(
            IllegalArgumentException.class,
            () -> Milestone.named("M3", Profile.named("quick", "M3"), false));
    assertTrue(embedded.getMessage(), embedded.getMessage().contains("--target local-solrcloud"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Profile.named("quick", "M5"));
    assertTrue(unknown.getMessage(), unknown.getMessage().contains("'M5'"));
    IllegalArgumentException laptop =
        assertThrows(IllegalArgumentException.class, () -> Profile.named("laptop-1m", "M2"));
    assertTrue(laptop.getMessage(), laptop.getMessage().contains("--profile quick"));
  }

  private static boolean needs(Milestone milestone, Fact<?> flag) {
    return milestone.work().stream().anyMatch(c -> c.facts().contains(flag));
  }

  private static boolean judges(Milestone milestone, Fact<?> fact) {
    return milestone.criteria().stream().anyMatch(c -> c.condition().facts().contains(fact));
  }
}
