package io.annscale.goap.loop;

import static io.annscale.goap.scale.ScaleFacts.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.annscale.goap.act.Observation;
import io.annscale.goap.act.RunContext;
import io.annscale.goap.act.ScaleAction;
import io.annscale.goap.act.ScaleActions;
import io.annscale.goap.act.StepExecutor;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.plan.Action;
import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.Fact;
import io.annscale.goap.plan.Goal;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The loop on M1's real catalogue with scripted executors in place of the bench: measurements that
 * breach a criterion make it replan and insert the action that can fix it; a failing action is
 * dropped and planned around; retriable failures are retried; what was done survives in the
 * journal.
 */
public class OodaLoopTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final StringWriter log = new StringWriter();
  private final List<String> executed = new ArrayList<>();

  /** Facts each scripted action reports; by default exactly its expected effects. */
  private final Map<String, Map<Fact<?>, Object>> reports = new HashMap<>();

  @Test
  public void memoryOverBudgetInsertsTheDiskIndexAndReachesTheGoal() throws Exception {
    // the baseline and PQ8 both measure over budget; DiskANN fits
    reports.put(
        "A7 baseline lucene-hnsw",
        facts(
            MEASURED_LUCENE_HNSW,
            true,
            MEMORY_WITHIN_BUDGET,
            false,
            RECALL_ON_TARGET,
            true,
            QUALITY_VALIDATED,
            false));
    reports.put("A6 memory profile", facts(MEMORY_DOCUMENTED, true, MEMORY_WITHIN_BUDGET, false));
    reports.put(
        "A9 quantization pq8-hnsw",
        facts(MEASURED_PQ8_HNSW, true, MEMORY_WITHIN_BUDGET, false, QUALITY_VALIDATED, false));
    reports.put(
        "A3 disk index diskann",
        facts(MEASURED_DISKANN, true, MEMORY_WITHIN_BUDGET, true, QUALITY_VALIDATED, false));
    RunJournal journal = journal();
    OodaLoop.Status status = loop(journal, TargetSpec.parse("embedded", null)).run(fresh(false));

    assertEquals(log.toString(), OodaLoop.Status.GOAL_REACHED, status);
    assertTrue(log.toString(), executed.contains("A3 disk index diskann"));
    assertTrue(
        "inserted after PQ8 failed to fit: " + executed,
        executed.indexOf("A3 disk index diskann") > executed.indexOf("A9 quantization pq8-hnsw"));
    assertTrue(
        journal.content().decisions().toString(),
        journal.content().decisions().stream()
            .anyMatch(d -> d.startsWith("insert A3 disk index diskann")));
    // PQ8's measurement already showed the breach: the disk index comes before validation, which
    // runs once
    assertTrue(
        executed.toString(),
        executed.indexOf("A8 validate recall") > executed.indexOf("A3 disk index diskann"));
    assertEquals(
        executed.toString(), 1, executed.stream().filter("A8 validate recall"::equals).count());
  }

  @Test
  public void whenNoFormatFitsTheBudgetTheWorkIsStillFinishedAndTheCriterionMissed()
      throws Exception {
    for (String measuring :
        List.of("A7 baseline lucene-hnsw", "A9 quantization pq8-hnsw", "A3 disk index diskann")) {
      Map<Fact<?>, Object> report = new HashMap<>();
      ScaleActions.catalogue(Profile.quick(), TargetSpec.parse("embedded", null), fresh(false))
          .stream()
          .filter(a -> a.name().equals(measuring))
          .findFirst()
          .orElseThrow()
          .action()
          .effects()
          .forEach(report::put);
      report.put(MEMORY_WITHIN_BUDGET, false);
      reports.put(measuring, report);
    }
    reports.put("A6 memory profile", facts(MEMORY_DOCUMENTED, true, MEMORY_WITHIN_BUDGET, false));
    RunJournal journal = journal();
    Milestone m1 = Milestone.m1(Profile.quick(), false);
    OodaLoop.Status status =
        loop(journal, TargetSpec.parse("embedded", null))
            .withFallback(m1.workGoal())
            .run(fresh(false));

    assertEquals(log.toString(), OodaLoop.Status.WORK_DONE_CRITERIA_MISSED, status);
    assertTrue(executed.toString(), executed.contains("A3 disk index diskann"));
    assertTrue(
        executed.toString(),
        executed.contains("A8 validate recall")
            && executed.get(executed.size() - 1).equals("report"));
    assertTrue(
        journal.content().decisions().toString(),
        journal.content().decisions().stream()
            .anyMatch(
                d -> d.startsWith("no plan reaches M1") && d.contains("memory.within-budget")));
  }

  @Test
  public void m4PlansTheDiskIndexMigrationAndTheFaultTestBeforeItsReport() throws Exception {
    TargetSpec local = TargetSpec.parse("local-solrcloud", null);
    Profile m4 = Profile.named("quick", "M4");
    OodaLoop.Status status =
        loop(journal(), local, tmp.getRoot().toPath().resolve("costs.json"), m4).run(fresh(true));

    assertEquals(log.toString(), OodaLoop.Status.GOAL_REACHED, status);
    // within budget, yet the disk index is measured: it is one of M3/M4's deliverables
    for (String action :
        List.of("A3 disk index diskann", "shard migration", "fault test", "soak")) {
      assertTrue(executed.toString(), executed.contains(action));
    }
    assertTrue(
        executed.toString(),
        executed.indexOf("fault test") > executed.indexOf("A8 validate recall"));
    assertTrue(
        executed.toString(), executed.indexOf("soak") > executed.indexOf("A8 validate recall"));
    assertEquals(executed.toString(), "report", executed.get(executed.size() - 1));
  }

  @Test
  public void m2HasNoDiskIndexUnlessMemoryIsOverBudget() throws Exception {
    OodaLoop.Status status =
        loop(
                journal(),
                TargetSpec.parse("embedded", null),
                tmp.getRoot().toPath().resolve("costs.json"),
                Profile.named("quick", "M2"))
            .run(fresh(false));
    assertEquals(log.toString(), OodaLoop.Status.GOAL_REACHED, status);
    assertFalse(executed.toString(), executed.contains("A3 disk index diskann"));
    assertFalse(executed.toString(), executed.contains("fault test"));
    assertFalse(executed.toString(), executed.contains("soak"));
  }

  @Test
  public void withinBudgetTheDiskIndexIsNeverPlanned() throws Exception {
    OodaLoop.Status status = loop(journal(), TargetSpec.parse("embedded", null)).run(fresh(false));
    assertEquals(log.toString(), OodaLoop.Status.GOAL_REACHED, status);
    assertFalse(executed.toString(), executed.contains("A3 disk index diskann"));
    // data and target are independent: either may come first
    assertEquals(
        java.util.Set.of("A2 prepare dataset", "A5 open target"),
        java.util.Set.copyOf(executed.subList(0, 2)));
    assertEquals(
        List.of(
            "A7 baseline lucene-hnsw",
            "A6 memory profile",
            "A10 tune search list",
            "A9 quantization pq8-hnsw",
            "A8 validate recall",
            "report"),
        executed.subList(2, executed.size()));
  }

  @Test
  public void recallShortRaisesSearchListsTwiceThenStopsWithoutAPlan() throws Exception {
    reports.put("A10 tune search list", facts(PARAMS_TUNED, true, RECALL_ON_TARGET, false));
    reports.put("A10 raise search lists", facts(RECALL_ON_TARGET, false, QUALITY_VALIDATED, false));
    RunJournal journal = journal();
    OodaLoop.Status status = loop(journal, TargetSpec.parse("embedded", null)).run(fresh(false));

    assertEquals(log.toString(), OodaLoop.Status.NO_PLAN, status);
    assertEquals(
        executed.toString(),
        ScaleActions.MAX_SEARCH_LIST_RAISES,
        executed.stream().filter("A10 raise search lists"::equals).count());
    String last = journal.content().decisions().get(journal.content().decisions().size() - 1);
    assertTrue(last, last.startsWith("stop: no plan") && last.contains("recall.on-target"));
  }

  @Test
  public void aFailingActionIsDroppedAndPlannedAround() throws Exception {
    Fact<Boolean> done = Fact.flag("done");
    Fact<Boolean> viaCheap = Fact.flag("cheap.tried");
    List<ScaleAction> actions =
        List.of(
            scripted(
                Action.named("cheap")
                    .sets(done, true)
                    .sets(viaCheap, true)
                    .estimatedCostSeconds(1)
                    .build(),
                context -> {
                  throw new IllegalArgumentException("cheap is broken");
                }),
            scripted(
                Action.named("dear").sets(done, true).estimatedCostSeconds(10).build(),
                context -> Observation.builder().set(done, true).summary("dear worked")));
    RunJournal journal = journal();
    OodaLoop loop =
        new OodaLoop(
            Goal.of("T", Condition.is(done, true)),
            context(TargetSpec.parse("embedded", null)),
            journal,
            ObservedCosts.load(tmp.getRoot().toPath().resolve("costs.json"), "quick"),
            new ActionRunner(1),
            s -> actions);
    assertEquals(OodaLoop.Status.GOAL_REACHED, loop.run(WorldState.empty()));
    assertEquals(List.of("cheap"), journal.content().failedActions());
    assertEquals(
        List.of("cheap", "dear"),
        journal.content().steps().stream().map(StepRecord::action).toList());
    assertTrue(
        journal.content().steps().get(0).summary(),
        journal.content().steps().get(0).summary().contains("cheap is broken"));
  }

  @Test
  public void retriableFailuresAreRetriedAndTimeoutsAreNot() throws Exception {
    Fact<Boolean> done = Fact.flag("done");
    AtomicInteger calls = new AtomicInteger();
    ScaleAction flaky =
        scripted(
            Action.named("flaky").sets(done, true).estimatedCostSeconds(1).build(),
            context -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("node not answering");
              }
              return Observation.builder().set(done, true).summary("third time");
            });
    RunContext context = context(TargetSpec.parse("embedded", null));
    ActionRunner.Outcome outcome = new ActionRunner(1).run(flaky, context);
    assertTrue(outcome.succeeded());
    assertEquals(3, outcome.attempts());

    ScaleAction slow =
        new ScaleAction(
            Action.named("slow").sets(done, true).estimatedCostSeconds(1).build(),
            c -> {
              Thread.sleep(5_000);
              return Observation.builder().set(done, true).summary("too late");
            },
            0.2);
    ActionRunner.Outcome late = new ActionRunner(1).run(slow, context);
    assertFalse(late.succeeded());
    assertEquals(1, late.attempts());
    assertTrue(String.valueOf(late.failure()), String.valueOf(late.failure()).contains("timeout"));
  }

  @Test
  public void theJournalKeepsStateStepsAndObservedCostsForResume() throws Exception {
    RunJournal journal = journal();
    Path costsFile = tmp.getRoot().toPath().resolve("costs.json");
    loop(journal, TargetSpec.parse("embedded", null), costsFile).run(fresh(false));
    RunJournal reloaded = RunJournal.load(tmp.getRoot().toPath().resolve("run"));
    assertEquals(journal.state(), reloaded.state());
    assertEquals(Boolean.TRUE, reloaded.state().get(REPORT_WRITTEN).orElseThrow());
    assertEquals(executed.size(), reloaded.content().steps().size());
    assertEquals(executed.size(), ObservedCosts.load(costsFile, "quick").seconds().size());
    assertTrue(ObservedCosts.load(costsFile, "laptop-1m").seconds().isEmpty());
  }

  // --- scaffolding

  private RunJournal journal() {
    return RunJournal.create(
        tmp.getRoot().toPath().resolve("run"),
        "M1",
        "quick",
        2000,
        "EMBEDDED",
        null,
        List.of(10),
        "clustered");
  }

  private RunContext context(TargetSpec target) throws IOException {
    return new RunContext(
        Profile.quick(),
        target,
        tmp.getRoot().toPath().resolve("run"),
        tmp.getRoot().toPath(),
        new PrintWriter(log, true));
  }

  private OodaLoop loop(RunJournal journal, TargetSpec target) throws IOException {
    return loop(journal, target, tmp.getRoot().toPath().resolve("costs.json"));
  }

  /**
   * M1's real catalogue, each executor replaced by one that reports the scripted (or expected)
   * facts.
   */
  private OodaLoop loop(RunJournal journal, TargetSpec target, Path costs) throws IOException {
    return loop(journal, target, costs, Profile.quick());
  }

  /** The profile's milestone and catalogue, scripted. */
  private OodaLoop loop(RunJournal journal, TargetSpec target, Path costs, Profile profile)
      throws IOException {
    return new OodaLoop(
        Milestone.named(profile.milestone(), profile, target.isSolrCloud()).goal(),
        context(target),
        journal,
        ObservedCosts.load(costs, "quick"),
        new ActionRunner(1),
        state ->
            ScaleActions.catalogue(profile, target, state).stream()
                .map(
                    a ->
                        scripted(
                            a.action(),
                            context -> {
                              executed.add(a.name());
                              Map<Fact<?>, Object> report =
                                  reports.getOrDefault(a.name(), a.action().effects());
                              return Observation.builder()
                                  .setAll(report)
                                  .summary("scripted " + a.name());
                            }))
                .toList());
  }

  private static ScaleAction scripted(Action action, StepExecutor executor) {
    return new ScaleAction(action, executor, 30);
  }

  private static WorldState fresh(boolean solrCloud) {
    WorldState state = WorldState.empty();
    for (var flag : WORK_FLAGS) {
      state = state.with(flag, false);
    }
    return state.with(TARGET_IS_SOLRCLOUD, solrCloud).with(SEARCH_LIST_RAISES, 0.0);
  }

  private static Map<Fact<?>, Object> facts(Object... pairs) {
    Map<Fact<?>, Object> facts = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      facts.put((Fact<?>) pairs[i], pairs[i + 1]);
    }
    return facts;
  }
}
