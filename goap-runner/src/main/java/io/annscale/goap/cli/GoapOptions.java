package io.annscale.goap.cli;

import io.annscale.bench.cli.DataDirectory;
import io.annscale.goap.act.TargetSpec;
import io.annscale.goap.scale.Profile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code plan} and {@code run}. */
final class GoapOptions {
  @Option(names = "--goal", defaultValue = "M1", description = "Milestone (default: ${DEFAULT-VALUE}; known: M1).")
  String goal;

  @Option(names = "--profile", defaultValue = "quick",
      description = "What the milestone means on this machine: quick (20K vectors, minutes) or laptop-1m (1M vectors)"
          + " (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--target", defaultValue = "local-solrcloud",
      description = "local-solrcloud (real Solr nodes and ZooKeeper started here), embedded (plain Lucene) or"
          + " solrcloud (an existing cluster, with --zk-host) (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--zk-host", description = "The existing cluster's ZooKeeper, HOST:PORT[/CHROOT].")
  String zkHost;

  @Option(names = "--memory-budget", paramLabel = "BYTES",
      description = "Resident bytes per vector allowed (default: the plan's 2 GB per 1M vectors = 2000).")
  Double memoryBudget;

  @Option(names = "--costs", description = "Observed action costs kept across runs (default: ~/.cache/annscale/goap/observed-costs.json).")
  Path costs;

  Profile resolvedProfile() {
    Profile p = Profile.named(profile);
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
