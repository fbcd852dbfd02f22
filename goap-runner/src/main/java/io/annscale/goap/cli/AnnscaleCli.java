package io.annscale.goap.cli;

import io.annscale.bench.cli.BenchCommand;
import io.annscale.bench.cli.CorpusCommand;
import io.annscale.bench.cli.DatasetCommand;
import io.annscale.bench.cli.DownloadCommand;
import io.annscale.bench.cli.EmbedCommand;
import io.annscale.bench.cli.GenerateCommand;
import io.annscale.bench.cli.GroundTruthCommand;
import io.annscale.bench.cli.InspectCommand;
import io.annscale.bench.cli.QuickstartCommand;
import io.annscale.bench.cli.RecallCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * {@code annscale}: the command line. Errors print as one line naming the command; set
 * ANNSCALE_DEBUG=1 for traces.
 */
@Command(
    name = "annscale",
    mixinStandardHelpOptions = true,
    versionProvider = AnnscaleCli.Version.class,
    description = "Approximate nearest-neighbour search proven to scale, on Lucene and Solr.",
    subcommands = {
      RunCommand.class,
      PlanCommand.class,
      ResumeCommand.class,
      QuickstartCommand.class,
      GenerateCommand.class,
      GroundTruthCommand.class,
      RecallCommand.class,
      InspectCommand.class,
      BenchCommand.class,
      DownloadCommand.class,
      CorpusCommand.class,
      EmbedCommand.class,
      DatasetCommand.class,
    })
public final class AnnscaleCli implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    io.annscale.bench.cli.QuietLibraryLogs.apply();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new AnnscaleCli()).setExecutionExceptionHandler(new OneLineErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Bad input is the user's to fix: say what and where in one line, not a stack trace. */
  static final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      err.println(cmd.getCommandName() + ": error: " + message);
      if (System.getenv("ANNSCALE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AnnscaleCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "annscale " + (v == null ? "(development build)" : v),
        "Lucene " + org.apache.lucene.util.Version.LATEST + ", Java " + Runtime.version(),
        "distance kernels: " + io.annscale.codec.distance.DistanceKernels.best().name()
      };
    }
  }
}
