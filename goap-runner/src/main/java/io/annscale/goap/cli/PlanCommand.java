package io.annscale.goap.cli;

import io.annscale.goap.act.ScaleAction;
import io.annscale.goap.act.ScaleActions;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.loop.ObservedCosts;
import io.annscale.goap.plan.AStarPlanner;
import io.annscale.goap.plan.Plan;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Criterion;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.Profile;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plan}: the plan to a milestone with costs and why each step is there, without running it.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Print the A* plan from a fresh start to a milestone: each action, its cost (observed where known),"
            + " what it needs and what it moves toward; then the milestone's criteria.")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GoapOptions options = new GoapOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Profile profile = options.resolvedProfile();
    TargetSpec target = options.resolvedTarget();
    Milestone milestone = Milestone.named(options.goal, profile, target.isSolrCloud());
    WorldState start = MilestoneRun.freshState(target);
    ObservedCosts costs = ObservedCosts.load(options.costsFile(), profile.costKey());
    Optional<Plan> plan =
        new AStarPlanner()
            .withObservedCosts(costs.seconds())
            .plan(
                start,
                milestone.goal(),
                ScaleActions.catalogue(profile, target, start).stream()
                    .map(ScaleAction::action)
                    .toList());
    out.printf("%s: %s, target %s%n%n", milestone.name(), milestone.title(), target);
    if (plan.isEmpty()) {
      out.println("no plan reaches " + milestone.name());
      return 2;
    }
    out.println(plan.get().explain());
    out.println();
    out.println("Criteria (judged on the measurements):");
    for (Criterion c : milestone.criteria()) {
      out.println(
          "  "
              + c.name()
              + ": "
              + c.condition()
              + (c.planned() ? " (the runner replans when it is missed)" : "")
              + (c.isJudged() ? "" : "; not judged at this tier: " + c.notJudgedBecause()));
    }
    out.flush();
    return 0;
  }
}
