package io.annscale.bench.cli;

import io.annscale.bench.plan.IndexFootprint;
import io.annscale.bench.plan.MemoryPlan;
import io.annscale.bench.run.BuildKey;
import io.annscale.bench.run.VectorFormatChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench memory-plan}: disk, page-cache and heap budget of a format at a planned size, from a
 * measured index.
 */
@Command(
    name = "memory-plan",
    mixinStandardHelpOptions = true,
    description = {
      "Memory budget for N vectors of dimension D in a format, from the per-vector costs of an index that",
      "`bench run` built and measured (not from constants): disk, hot bytes (what must stay in the page cache for",
      "in-memory query speed), heap (PQ codebooks; DiskANN's PQ records and hot-node cache); per node for a",
      "SolrCloud layout with --nodes and --replicas."
    })
public final class MemoryPlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--vectors",
      required = true,
      converter = CountConverter.class,
      description = "Planned vectors, e.g. 100M or 1B.")
  long vectors;

  @Option(names = "--dim", description = "Planned dimension (default: the measured index's).")
  Integer dimension;

  @Option(
      names = "--format",
      split = ",",
      description =
          "Formats to plan, measured from the largest index of each in --index-dir (default: every format found).")
  List<String> formats;

  @Option(
      names = "--index",
      description = "Measure this index folder instead of searching --index-dir.")
  Path index;

  @Option(
      names = "--index-dir",
      description = "Where `bench run` caches indexes (default: indexes/ beside the data folder).")
  Path indexDir;

  @Option(
      names = "--segments",
      defaultValue = "1",
      description = "Segments (per-segment costs: PQ codebooks; default: ${DEFAULT-VALUE}).")
  int segments;

  @Option(
      names = "--nodes",
      defaultValue = "1",
      description = "Nodes sharing the collection (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--replicas",
      defaultValue = "1",
      description = "Copies of each shard (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Override
  public Integer call() throws IOException {
    if (vectors < 1 || segments < 1 || nodes < 1 || replicas < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--vectors %d, --segments %d, --nodes %d, --replicas %d: all must be >= 1",
              vectors,
              segments,
              nodes,
              replicas));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "| format | measured on | D | disk B/vector | hot B/vector | heap B/vector | disk | hot (page cache) | heap"
            + " | per node: disk | page cache | heap |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    double perNode = replicas / (double) nodes;
    List<String> mergeHeaps = new ArrayList<>();
    for (Measured m : measuredIndexes()) {
      int d = dimension != null ? dimension : m.footprint().dimension();
      MemoryPlan plan = new MemoryPlan(m.footprint(), m.format().hotExtensions());
      MemoryPlan.Budget b = plan.budget(vectors, d, segments);
      double mergeHeap = plan.graphBuildHeap(vectors, d, segments);
      if (mergeHeap > 0) {
        mergeHeaps.add(m.format().cliName() + " " + bytes(mergeHeap));
      }
      out.printf(
          Locale.ROOT,
          "| %s | %,d x %d | %d | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s |%n",
          m.format().cliName(),
          m.footprint().vectors(),
          m.footprint().dimension(),
          d,
          b.diskBytes() / vectors,
          b.hotBytesPerVector(),
          b.heapBytes() / vectors,
          bytes(b.diskBytes()),
          bytes(b.hotBytes()),
          bytes(b.heapBytes()),
          bytes(b.diskBytes() * perNode),
          bytes(b.hotBytes() * perNode),
          bytes(b.heapBytes() * perNode));
    }
    out.printf(
        Locale.ROOT,
        "memory-plan: %,d vectors, %d segment(s), %d node(s) x %d replica(s); per-vector costs measured, "
            + "linear in N; per-segment costs (PQ codebooks, DiskANN's hot-node cache) x segments; hot = files every "
            + "query reads, to keep in the page cache (DiskANN: none, its node file is read per query)%n",
        vectors,
        segments,
        nodes,
        replicas);
    if (!mergeHeaps.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "memory-plan: the merge that builds a segment's graph holds besides, while it runs: %s"
              + " (vectors on heap, lists with scores, visit stamps; largest segment, default"
              + " parameters)%n",
          String.join(", ", mergeHeaps));
    }
    out.flush();
    return 0;
  }

  private record Measured(VectorFormatChoice format, IndexFootprint footprint) {}

  private List<Measured> measuredIndexes() throws IOException {
    if (index != null) {
      VectorFormatChoice format = formatOf(index);
      return List.of(new Measured(format, IndexFootprint.measure(index)));
    }
    Path root = indexDir != null ? indexDir : DataDirectory.root().resolveSibling("indexes");
    if (Files.isDirectory(root) == false) {
      throw new IllegalArgumentException(
          "--index-dir " + root + ": no such folder; run `bench run` first");
    }
    List<VectorFormatChoice> wanted =
        formats == null
            ? List.of(VectorFormatChoice.values())
            : formats.stream().map(VectorFormatChoice::parse).toList();
    List<Measured> found = new java.util.ArrayList<>();
    for (VectorFormatChoice format : wanted) {
      Optional<Path> largest = largestIndex(root, format);
      if (largest.isPresent()) {
        found.add(new Measured(format, IndexFootprint.measure(largest.get())));
      } else if (formats != null) {
        throw new IllegalArgumentException(
            "--format "
                + format.cliName()
                + ": no index of it in "
                + root
                + "; build one with `bench run`");
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "--index-dir " + root + ": no indexes built by `bench run`");
    }
    return found;
  }

  /**
   * The cached index of {@code format} with the most vectors: per-vector costs are steadiest there.
   */
  private static Optional<Path> largestIndex(Path root, VectorFormatChoice format)
      throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(format.cliName() + "-M"))
          .filter(d -> Files.exists(d.resolve("build.json")))
          .max(Comparator.comparingLong(MemoryPlanCommand::count));
    }
  }

  private static long count(Path dir) {
    try {
      return Json.MAPPER
          .readTree(dir.resolve("build.json").toFile())
          .path("key")
          .path("count")
          .asLong();
    } catch (IOException e) {
      return -1;
    }
  }

  private static VectorFormatChoice formatOf(Path dir) throws IOException {
    Path record = dir.resolve("build.json");
    if (Files.exists(record) == false) {
      throw new IllegalArgumentException(
          "--index " + dir + ": no build.json; give an index built by `bench run`");
    }
    return Json.MAPPER.readValue(record.toFile(), BuildKeyHolder.class).key().format();
  }

  private record BuildKeyHolder(BuildKey key) {}

  /** Human bytes: GiB/TiB with one decimal. */
  static String bytes(double bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
  }
}
