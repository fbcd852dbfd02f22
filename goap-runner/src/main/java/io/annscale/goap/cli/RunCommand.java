package io.annscale.goap.cli;

import io.annscale.bench.cli.DataDirectory;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.loop.RunJournal;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.Profile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: plan and execute a milestone, replanning as measurements come in. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Plan and execute a milestone in an observe-orient-decide-act loop: generate data, start the target,",
      "measure the formats, tune, validate, time shard migration; replan when a criterion is missed or an action fails.",
      "Writes a run directory: state.json (resumable), bench-*.json, report.md, bench-report/index.html.",
      "A milestone is reached when every criterion is met; a criterion the tier is too small to judge says so.",
      "Exit status: 0 no criterion missed, 3 a criterion missed, 2 stopped before the work was done, 1 an error."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GoapOptions options = new GoapOptions();

  @Option(
      names = "--run-dir",
      description = "Where the run writes (default: target/goap/runs/<goal>-<profile>-<time>).")
  Path runDir;

  @Option(
      names = "--data-dir",
      description =
          "Where data sets are kept (default: $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Profile profile = options.resolvedProfile();
    TargetSpec target = options.resolvedTarget();
    Milestone milestone = Milestone.named(options.goal, profile, target.isSolrCloud());
    Path dir =
        runDir != null
            ? runDir
            : Path.of(
                "target",
                "goap",
                "runs",
                milestone.name()
                    + "-"
                    + profile.name()
                    + "-"
                    + LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    RunJournal journal =
        RunJournal.create(
            dir,
            milestone.name(),
            profile.name(),
            profile.memoryBudgetBytesPerVector(),
            target.kind().name(),
            target.zkHost(),
            profile.fanouts(),
            profile.data().label());
    return MilestoneRun.execute(
        milestone,
        profile,
        target,
        dir,
        dataDir != null ? dataDir : DataDirectory.root(),
        options.costsFile(),
        journal,
        MilestoneRun.freshState(target),
        spec.commandLine().getOut());
  }
}
