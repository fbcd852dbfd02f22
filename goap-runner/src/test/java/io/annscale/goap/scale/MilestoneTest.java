package io.annscale.goap.scale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.Fact;
import io.annscale.goap.plan.WorldState;
import java.util.List;
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
    assertFalse(needs(m3, ScaleFacts.SOAKED));
    assertTrue(needs(m4, ScaleFacts.SOAKED));
    assertTrue(judges(m4, ScaleFacts.SOAK_HEAP_GROWTH_MB_PER_HOUR));
    assertTrue(judges(m4, ScaleFacts.SOAK_QPS_CHANGE_PER_HOUR));
    // an hour's soak from 1M vectors is judged
    assertEquals(60, Profile.named("laptop-1m", "M1").soakMinutes(), 0);
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

  @Test
  public void speedIsJudgedOnlyWhereTheTierHoldsThePlansVectorsPerCore() {
    // M1: 1M vectors on 16 cores, 62,500 per core; 2 cores need 125,000
    Profile quick = Profile.named("quick", "M1");
    String why = Milestone.speedNotJudgedBecause(quick, 2);
    assertTrue(
        why,
        why != null && why.contains("10,000 per core") && why.contains("from 125,000 vectors"));
    assertEquals(null, Milestone.speedNotJudgedBecause(Profile.named("laptop-1m", "M1"), 2));
    assertTrue(Milestone.speedNotJudgedBecause(Profile.named("laptop-1m", "M1"), 32) != null);
    // M4's 1B on 320 cores: 50K vectors never judge its throughput on a small machine
    assertTrue(Milestone.speedNotJudgedBecause(Profile.named("quick", "M4"), 2) != null);
    Milestone m4 = Milestone.named("M4", Profile.named("quick", "M4"), true);
    for (Criterion c : m4.criteria()) {
      boolean speed =
          c.condition().facts().contains(ScaleFacts.QPS)
              || c.condition().facts().contains(ScaleFacts.P99_MILLIS);
      // the quick tier soaks for a minute: too short to judge a leak or a slide
      boolean soak =
          c.condition().facts().contains(ScaleFacts.SOAK_HEAP_GROWTH_MB_PER_HOUR)
              || c.condition().facts().contains(ScaleFacts.SOAK_QPS_CHANGE_PER_HOUR);
      assertEquals(c.name(), (speed && CORES * 3_125_000L > 50_000) || soak, !c.isJudged());
      if (soak) {
        assertTrue(c.notJudgedBecause(), c.notJudgedBecause().contains("1-minute soak"));
      }
    }
  }

  @Test
  public void aMilestoneIsReachedOnlyWhenEveryCriterionIsJudgedAndMet() {
    Criterion recall = new Criterion("recall@10", Condition.atLeast(ScaleFacts.RECALL, 0.95), true);
    Criterion qps =
        new Criterion("QPS (plan: >= 1,250)", Condition.atLeast(ScaleFacts.QPS, 1_250.0), false);
    Criterion p99 =
        new Criterion(
            "p99 latency", Condition.atMost(ScaleFacts.P99_MILLIS, 20.0), false, "too small");
    WorldState good =
        WorldState.empty()
            .with(ScaleFacts.RECALL, 0.97)
            .with(ScaleFacts.QPS, 2_000.0)
            .with(ScaleFacts.P99_MILLIS, 5.0);

    MilestoneVerdict all = new Milestone("M1", "t", List.of(), List.of(recall, qps)).verdict(good);
    assertTrue(all.summary(), all.reached());
    assertEquals(0, all.exitCode());
    assertEquals("reached: all 2 criteria met", all.summary());

    MilestoneVerdict slow =
        new Milestone("M1", "t", List.of(), List.of(recall, qps))
            .verdict(good.with(ScaleFacts.QPS, 141.0));
    assertFalse(slow.reached());
    assertEquals(MilestoneVerdict.EXIT_CRITERION_MISSED, slow.exitCode());
    assertEquals("not reached: 1 of 2 criteria missed (QPS)", slow.summary());
    assertTrue(
        qps.verdict(good.with(ScaleFacts.QPS, 141.0)),
        qps.verdict(good.with(ScaleFacts.QPS, 141.0)).endsWith("missed"));

    MilestoneVerdict unjudged =
        new Milestone("M1", "t", List.of(), List.of(recall, p99)).verdict(good);
    assertFalse(
        "a criterion not judged keeps the milestone from being reached", unjudged.reached());
    assertEquals(0, unjudged.exitCode());
    assertEquals("not reached: 1 not judged at this tier (p99 latency)", unjudged.summary());
    assertTrue(
        p99.verdict(good), p99.verdict(good).endsWith("not judged at this tier (too small)"));
  }

  private static boolean needs(Milestone milestone, Fact<?> flag) {
    return milestone.work().stream().anyMatch(c -> c.facts().contains(flag));
  }

  private static boolean judges(Milestone milestone, Fact<?> fact) {
    return milestone.criteria().stream().anyMatch(c -> c.condition().facts().contains(fact));
  }
}
