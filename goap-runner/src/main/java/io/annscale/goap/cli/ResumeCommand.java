package io.annscale.goap.cli;

import io.annscale.bench.cli.DataDirectory;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.loop.RunJournal;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Milestone;
import io.annscale.goap.scale.Profile;
import io.annscale.goap.scale.ScaleFacts;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code resume}: go on with a run after a crash or a stop, from its state file. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Continue a run from its state.json: completed work and measurements are kept; the target is opened"
            + " again (a local SolrCloud does not survive its process).")
public final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run-dir", required = true, description = "The run directory to continue.")
  Path runDir;

  @Option(
      names = "--data-dir",
      description =
          "Where data sets are kept (default: $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path dataDir;

  @Option(
      names = "--costs",
      description = "Observed action costs (default: ~/.cache/annscale/goap/observed-costs.json).")
  Path costs;

  @Override
  public Integer call() throws Exception {
    RunJournal journal = RunJournal.load(runDir);
    var c = journal.content();
    Profile named = Profile.named(c.profile(), c.goal());
    // a journal written before the data choice was recorded measured the profile's own data
    Profile profile =
        (c.data() == null
                ? named
                : named.withData(io.annscale.goap.scale.DataChoice.parse(c.data())))
            .withMemoryBudget(c.memoryBudgetBytesPerVector());
    TargetSpec target = new TargetSpec(TargetSpec.Kind.valueOf(c.target()), c.zkHost());
    Milestone milestone = Milestone.named(c.goal(), profile, target.isSolrCloud());
    // what lived in the crashed process is gone: the target must be opened again
    WorldState start = journal.state().with(ScaleFacts.TARGET_READY, false);
    spec.commandLine()
        .getOut()
        .println(
            "goap: resuming "
                + runDir
                + " ("
                + c.steps().size()
                + " steps done, status "
                + c.status()
                + ")");
    return MilestoneRun.execute(
        milestone,
        profile,
        target,
        runDir,
        dataDir != null ? dataDir : DataDirectory.root(),
        costs != null ? costs : GoapOptions.defaultCostsFile(),
        journal,
        start,
        spec.commandLine().getOut());
  }
}
