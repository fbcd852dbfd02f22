package io.annscale.goap.cli;

import io.annscale.bench.cli.DataDirectory;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.scale.Profile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code plan} and {@code run}. */
final class GoapOptions {
  @Option(
      names = "--goal",
      defaultValue = "M1",
      description = "Milestone: M1, M2, M3 or M4 of the plan (default: ${DEFAULT-VALUE}).")
  String goal;

  @Option(
      names = "--profile",
      defaultValue = "quick",
      description =
          "What the milestone means on this machine: quick (20K-50K vectors, minutes; every milestone) or"
              + " laptop-1m (M1 at 1M vectors)"
              + " (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--target",
      defaultValue = "local-solrcloud",
      description =
          "local-solrcloud (real Solr nodes and ZooKeeper started here), embedded (plain Lucene) or"
              + " solrcloud (an existing cluster, with --zk-host) (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(
      names = "--zk-host",
      description = "The existing cluster's ZooKeeper, HOST:PORT[/CHROOT].")
  String zkHost;

  @Option(
      names = "--data",
      paramLabel = "DATA",
      description =
          "The vectors: clustered (synthetic), docs-minilm (real 384-d text embeddings, cosine; made the first"
              + " time by `annscale dataset`) or an ann-benchmarks FILE.hdf5 (default: the profile's: docs-minilm for"
              + " laptop-1m, clustered for quick).")
  String data;

  @Option(
      names = "--memory-budget",
      paramLabel = "BYTES",
      description =
          "Resident bytes per vector allowed (default: the milestone's memory limit over its vectors, e.g. M1 2 GB / 1M = 2000).")
  Double memoryBudget;

  @Option(
      names = "--costs",
      description =
          "Observed action costs kept across runs (default: ~/.cache/annscale/goap/observed-costs.json).")
  Path costs;

  Profile resolvedProfile() {
    Profile p = Profile.named(profile, goal);
    if (data != null) {
      p = p.withData(io.annscale.goap.scale.DataChoice.parse(data));
    }
    return memoryBudget == null ? p : p.withMemoryBudget(memoryBudget);
  }

  TargetSpec resolvedTarget() {
    return TargetSpec.parse(target, zkHost);
  }

  Path costsFile() {
    return costs != null ? costs : defaultCostsFile();
  }

  static Path defaultCostsFile() {
    return DataDirectory.root().resolveSibling("goap").resolve("observed-costs.json");
  }
}
