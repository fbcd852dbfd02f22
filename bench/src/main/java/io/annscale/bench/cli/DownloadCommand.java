package io.annscale.bench.cli;

import io.annscale.bench.download.DatasetCatalog;
import io.annscale.bench.download.DatasetDownloader;
import io.annscale.bench.download.DatasetSpec;
import io.annscale.bench.download.HttpDownloader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code download}: fetches a standard data set, resumably and checksummed. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download a standard data set (SIFT1M, GIST1M, Deep and SPACEV prefixes) into a folder.",
      "Interrupted downloads resume where they stopped when run again (HTTP Range); finished files are verified",
      "(SHA-256 sidecar files) and skipped. --list shows the catalog."
    })
public final class DownloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", description = "Data set name; see --list.")
  String name;

  @Option(names = "--list", description = "List the data sets and exit.")
  boolean list;

  @Option(
      names = "--dir",
      description =
          "Target folder (default: <data dir>/<name>, data dir = $ANNSCALE_DATA_DIR or ~/.cache/annscale/datasets).")
  Path dir;

  @Option(
      names = "--base-url",
      description = "Fetch from this mirror instead of the publishers' hosts (same paths).")
  String baseUrl;

  @Option(
      names = "--attempts",
      defaultValue = "5",
      description = "Attempts per file before giving up (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(
      names = "--stall-seconds",
      defaultValue = "60",
      description =
          "Abandon and resume an attempt that receives nothing for this long (default: ${DEFAULT-VALUE}).")
  int stallSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (list || name == null) {
      out.printf(
          Locale.ROOT,
          "%-11s %13s %5s %-8s %10s  %s%n",
          "name",
          "vectors",
          "dim",
          "type",
          "download",
          "description");
      for (DatasetSpec d : DatasetCatalog.all()) {
        out.printf(
            Locale.ROOT,
            "%-11s %,13d %5d %-8s %7.1f GB  %s%n",
            d.name(),
            d.vectors(),
            d.dimension(),
            d.elementType(),
            d.approximateBytes() / 1e9,
            d.description());
      }
      out.flush();
      return 0;
    }
    DatasetSpec dataset =
        DatasetCatalog.find(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown data set \"" + name + "\"; known: " + DatasetCatalog.names()));
    if (attempts < 1 || stallSeconds < 1) {
      throw new IllegalArgumentException(
          "--attempts "
              + attempts
              + " and --stall-seconds "
              + stallSeconds
              + ": both must be >= 1");
    }
    Path target = dir != null ? dir : DataDirectory.root().resolve(dataset.name());
    out.printf(Locale.ROOT, "download: %s -> %s%n", dataset.name(), target);
    out.flush();
    try (DownloadProgress bar = new DownloadProgress(out)) {
      HttpDownloader http =
          new HttpDownloader(attempts, Duration.ofSeconds(2), Duration.ofSeconds(stallSeconds));
      DatasetDownloader.Manifest manifest =
          new DatasetDownloader(http, bar).download(dataset, target, baseUrl);
      out.printf(
          Locale.ROOT,
          "download: %s complete: %s%n",
          dataset.name(),
          manifest.sha256ByFile().keySet());
    }
    return 0;
  }
}
