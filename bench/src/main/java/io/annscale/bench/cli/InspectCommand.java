package io.annscale.bench.cli;

import io.annscale.bench.data.MappedVectorFile;
import io.annscale.bench.data.VectorFileInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect}: what a vector file holds, and optionally a check of every record. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a vector file's format, count and dimension.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      description =
          "Vector files; an ann-benchmarks .hdf5 is described, file.hdf5:train (test, neighbors) read.")
  Path[] files;

  @Option(
      names = "--validate",
      description = "Also check every record's dimension (reads the whole file).")
  boolean validate;

  @Option(
      names = "--show",
      description = "Print the first N vectors (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int show;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    for (Path file : files) {
      if (DataPaths.hdf5File(file) != null && !file.getFileName().toString().contains(":")) {
        out.printf(
            Locale.ROOT,
            "%s: %s%n",
            file,
            io.annscale.bench.dataset.AnnBenchmarksFile.describe(file));
        continue;
      }
      file = DataPaths.vectors(file, "train");
      VectorFileInfo info = VectorFileInfo.read(file);
      out.printf(
          Locale.ROOT,
          "%s: %s, %d vectors x %d %s, %d bytes%n",
          file,
          info.format().extension,
          info.count(),
          info.dimension(),
          info.format().elementType,
          Files.size(file));
      try (MappedVectorFile mapped = MappedVectorFile.open(info)) {
        if (validate) {
          mapped.validate();
          out.printf(Locale.ROOT, "  every record has dimension %d%n", info.dimension());
        }
        for (int i = 0; i < Math.min(show, info.count()); i++) {
          out.printf(Locale.ROOT, "  [%d] %s%n", i, Arrays.toString(mapped.floats(i, null)));
        }
      }
    }
    return 0;
  }
}
