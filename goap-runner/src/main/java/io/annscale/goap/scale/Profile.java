package io.annscale.goap.scale;

import java.util.List;
import java.util.Locale;

/**
 * What a milestone's tier means on a given machine: how many vectors, how the cluster is laid out,
 * how long each measurement runs, and the criteria's thresholds. The plan's thresholds ({@link
 * PlanCriteria}) describe servers of 16 to 320 cores answering in process; a machine answering
 * through Solr's HTTP API is held to the plan's QPS scaled by its cores and to the plan's p99 times
 * {@link #HTTP_LATENCY_ALLOWANCE}. Recall and memory per vector are scale-free and kept as the plan
 * states them.
 *
 * @param memoryBudgetBytesPerVector resident bytes per vector allowed (the plan's limit over its
 *     vectors)
 * @param data the vectors: synthetic clustered, or real ({@link DataChoice}); their metric is the
 *     profile's
 */
public record Profile(
    String name,
    String milestone,
    String description,
    long vectors,
    int dimension,
    int queries,
    int nodes,
    int shards,
    int replicas,
    List<Integer> fanouts,
    List<Integer> clients,
    double minSeconds,
    int repeats,
    double targetRecall,
    double memoryBudgetBytesPerVector,
    double qpsTarget,
    double p99TargetMillis,
    DataChoice data) {

  public static final List<String> NAMES = List.of("quick", "laptop-1m");

  /**
   * The plan's p99 limits are for an in-process index; every query here is an HTTP round trip to
   * the coordinating node and one to each shard (twice with the global top K), on a machine shared
   * with the client.
   */
  public static final double HTTP_LATENCY_ALLOWANCE = 20;

  /** Minutes per milestone on a 2-core machine; README's main command is M1 on it. */
  public static Profile quick(PlanCriteria plan) {
    return switch (plan.milestone()) {
      case "M1" ->
          tier(
              "quick",
              plan,
              "M1's measurements at 20K x 128 on a 2-node local SolrCloud, in minutes",
              20_000,
              200,
              2,
              2,
              1,
              List.of(10, 20, 40, 80),
              1.0,
              1);
      case "M2" ->
          tier(
              "quick",
              plan,
              "M2's measurements at 50K x 128 on a 2-node local SolrCloud",
              50_000,
              200,
              2,
              2,
              1,
              List.of(10, 20, 40, 80),
              1.0,
              1);
      case "M3" ->
          tier(
              "quick",
              plan,
              "M3's measurements at 50K x 128 on a 3-node local SolrCloud, 3 shards",
              50_000,
              200,
              3,
              3,
              1,
              List.of(10, 20, 40, 80),
              1.0,
              1);
      case "M4" ->
          tier(
              "quick",
              plan,
              "M4's measurements at 50K x 128 on a 3-node local SolrCloud, 2 shards x 2"
                  + " replicas, with a node failure",
              50_000,
              200,
              3,
              2,
              2,
              List.of(10, 20, 40, 80),
              1.0,
              1);
      default -> throw new IllegalArgumentException("no quick tier for " + plan.milestone());
    };
  }

  /**
   * M1 at its real size on this kind of machine: 1M real text embeddings (docs-minilm, 384-d,
   * cosine), 2 nodes, the full sweep (an hour or more, and about an hour more the first time, to
   * embed the data set).
   */
  public static Profile laptop1m(PlanCriteria plan) {
    if (!plan.milestone().equals("M1")) {
      throw new IllegalArgumentException(
          "profile laptop-1m is M1 at 1M vectors; "
              + plan.milestone()
              + " runs with --profile quick here (its full size needs the cluster of the plan's section 11.1)");
    }
    return tier(
            "laptop-1m",
            plan,
            "M1 at 1M on a 2-node local SolrCloud (about an hour on 2 cores)",
            1_000_000,
            1_000,
            2,
            2,
            1,
            List.of(10, 20, 40, 80, 160),
            3.0,
            3)
        .withData(DataChoice.DOCS_MINILM);
  }

  /** M1 on the quick profile: README's main command. */
  public static Profile quick() {
    return quick(PlanCriteria.M1);
  }

  public static Profile named(String name, String milestone) {
    PlanCriteria plan = PlanCriteria.named(milestone);
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quick" -> quick(plan);
      case "laptop-1m" -> laptop1m(plan);
      default ->
          throw new IllegalArgumentException(
              "unknown profile '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  private static Profile tier(
      String name,
      PlanCriteria plan,
      String description,
      long vectors,
      int queries,
      int nodes,
      int shards,
      int replicas,
      List<Integer> fanouts,
      double minSeconds,
      int repeats) {
    return new Profile(
        name,
        plan.milestone(),
        description,
        vectors,
        128,
        queries,
        nodes,
        shards,
        replicas,
        fanouts,
        List.of(1, 2),
        minSeconds,
        repeats,
        plan.recall(),
        plan.memoryBytesPerVector(),
        plan.qpsOn(Runtime.getRuntime().availableProcessors()),
        plan.p99Millis() * HTTP_LATENCY_ALLOWANCE,
        DataChoice.CLUSTERED);
  }

  /**
   * This profile with another memory budget (e.g. to see the runner insert the memory-saving
   * format).
   */
  public Profile withMemoryBudget(double bytesPerVector) {
    if (!(bytesPerVector > 0)) {
      throw new IllegalArgumentException(
          "memory budget must be > 0 bytes per vector, got " + bytesPerVector);
    }
    return new Profile(
        name,
        milestone,
        description,
        vectors,
        dimension,
        queries,
        nodes,
        shards,
        replicas,
        fanouts,
        clients,
        minSeconds,
        repeats,
        targetRecall,
        bytesPerVector,
        qpsTarget,
        p99TargetMillis,
        data);
  }

  /**
   * This profile on other vectors: docs-minilm keeps the size and queries at 384 dimensions; an
   * HDF5 file brings its own size, dimension and queries (ann-benchmarks' files have 10,000 queries
   * or fewer).
   */
  public Profile withData(DataChoice choice) {
    long n = vectors;
    int d = 128;
    int q = queries;
    switch (choice.kind()) {
      case CLUSTERED -> d = 128;
      case DOCS_MINILM -> {
        d = 384;
        q = Math.min(queries, io.annscale.bench.cli.DatasetCommand.HELD_OUT);
      }
      case HDF5 -> {
        n = io.annscale.bench.dataset.AnnBenchmarksFile.rows(choice.hdf5(), "train");
        d = io.annscale.bench.dataset.AnnBenchmarksFile.dimension(choice.hdf5());
        q = io.annscale.bench.dataset.AnnBenchmarksFile.rows(choice.hdf5(), "test");
      }
    }
    return new Profile(
        name,
        milestone,
        description,
        n,
        d,
        q,
        nodes,
        shards,
        replicas,
        fanouts,
        clients,
        minSeconds,
        repeats,
        targetRecall,
        memoryBudgetBytesPerVector,
        qpsTarget,
        p99TargetMillis,
        choice);
  }

  /** The metric the data is compared with. */
  public io.annscale.bench.truth.Metric metric() {
    return data.metric();
  }

  /** The plan's criteria this profile scales. */
  public PlanCriteria plan() {
    return PlanCriteria.named(milestone);
  }

  /**
   * Observed action costs are kept per profile and milestone: the same action costs more at a
   * bigger tier.
   */
  public String costKey() {
    return name + "/" + milestone;
  }

  public int maxClients() {
    return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /**
   * The shortest soak whose slopes are judged: a leak or a slide shows over a longer span than a
   * few minutes' noise.
   */
  public static final double SOAK_JUDGED_MINUTES = 10;

  /**
   * Minutes of M4's soak: an hour from 1M vectors up (the plan asks for 24 hours; an hour is what a
   * tier here can give), one minute below, where it proves the soak runs but judges nothing.
   */
  public double soakMinutes() {
    return vectors >= 1_000_000 ? 60 : 1;
  }

  /** Seconds between the soak's samples: a minute, or 10 s for a short soak. */
  public double soakSampleSeconds() {
    return soakMinutes() >= SOAK_JUDGED_MINUTES ? 60 : 10;
  }
}
