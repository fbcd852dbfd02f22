package io.annscale.goap.cli;

import io.annscale.goap.act.RunContext;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.loop.ActionRunner;
import io.annscale.goap.loop.ObservedCosts;
import io.annscale.goap.loop.OodaLoop;
import io.annscale.goap.loop.RunJournal;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.report.MilestoneReport;
import io.annscale.goap.scale.Criterion;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.MilestoneVerdict;
import io.annscale.goap.scale.Profile;
import io.annscale.goap.scale.ScaleFacts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Drives one run (fresh or resumed): the loop, then the report and the verdicts on the console. */
final class MilestoneRun {
  /** Exit status of a run that stopped before its work was done (no plan, round limit). */
  static final int EXIT_STOPPED = 2;

  private MilestoneRun() {}

  static int execute(
      Milestone milestone,
      Profile profile,
      TargetSpec target,
      Path runDir,
      Path dataRoot,
      Path costsFile,
      RunJournal journal,
      WorldState start,
      PrintWriter out)
      throws Exception {
    try (RunContext context = new RunContext(profile, target, runDir, dataRoot, out)) {
      if (journal.content().fanouts() != null) {
        context.setFanouts(journal.content().fanouts());
      }
      ObservedCosts costs = ObservedCosts.load(costsFile, profile.costKey());
      OodaLoop loop =
          new OodaLoop(milestone.goal(), context, journal, costs, new ActionRunner(5_000))
              .withFallback(milestone.workGoal());
      context.setReportWriter(
          (state, outcome) ->
              MilestoneReport.write(milestone, state, context, journal, loop.findings(), outcome));
      OodaLoop.Status status = loop.run(start);
      WorldState end = journal.state();
      context.setState(end);
      MilestoneVerdict verdict = milestone.verdict(end);
      boolean workDone =
          status == OodaLoop.Status.GOAL_REACHED
              || status == OodaLoop.Status.WORK_DONE_CRITERIA_MISSED;
      String outcome =
          switch (status) {
            case GOAL_REACHED, WORK_DONE_CRITERIA_MISSED -> verdict.summary();
            case NO_PLAN -> "not reached: stopped, no plan finishes the work (see Decisions)";
            case ROUND_LIMIT -> "not reached: stopped at the round limit";
          };
      Path report = context.writeReport(outcome);
      out.println("goap: report -> " + report);
      out.println(
          "goap: run directory -> "
              + runDir
              + " (resume with: annscale resume --run-dir "
              + runDir
              + ")");
      io.annscale.bench.solr.LocalSolrCloud.logFile()
          .filter(java.nio.file.Files::exists)
          .ifPresent(log -> out.println("goap: Solr's log -> " + log));
      out.printf(Locale.ROOT, "goap: %s %s: %s%n", milestone.name(), profile.name(), outcome);
      for (Criterion c : milestone.criteria()) {
        out.println("goap: criterion " + c.verdict(end));
      }
      out.flush();
      return workDone ? verdict.exitCode() : EXIT_STOPPED;
    }
  }

  /** The start of a fresh run: nothing done, nothing measured. */
  static WorldState freshState(TargetSpec target) {
    WorldState state = WorldState.empty();
    for (var flag : ScaleFacts.WORK_FLAGS) {
      state = state.with(flag, false);
    }
    return state
        .with(ScaleFacts.TARGET_IS_SOLRCLOUD, target.isSolrCloud())
        .with(ScaleFacts.SEARCH_LIST_RAISES, 0.0);
  }
}
