package io.annscale.goap.act;

import static io.annscale.goap.scale.ScaleFacts.*;

import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import io.annscale.bench.run.VectorFormatChoice;
import io.annscale.bench.solr.ExistingSolrCloud;
import io.annscale.bench.solr.LocalSolrCloud;
import io.annscale.bench.solr.SolrCloudParameters;
import io.annscale.bench.solr.SolrCloudTarget;
import io.annscale.goap.plan.Action;
import io.annscale.goap.plan.Condition;
import io.annscale.goap.plan.WorldState;
import io.annscale.goap.scale.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The action catalogue (the plan's A2, A3, A5-A10 plus shard migration), built for the current
 * state: costs are estimated from the profile's size and effects that count (search-list raises)
 * from the state. Each action's expected effects are what the planner assumes; its executor reports
 * what really happened.
 */
public final class ScaleActions {
  /** Search lists are doubled at most this often before recall is reported as missed. */
  public static final int MAX_SEARCH_LIST_RAISES = 2;

  private ScaleActions() {}

  public static List<ScaleAction> catalogue(Profile profile, TargetSpec target, WorldState state) {
    double n = profile.vectors();
    double ingest = n / 2_500;
    double sweep =
        profile.fanouts().size()
                * profile.clients().size()
                * profile.repeats()
                * (profile.minSeconds() + 2)
            + 10;
    List<ScaleAction> actions = new ArrayList<>();
    actions.add(
        new ScaleAction(
            Action.named("A2 prepare dataset")
                .description(
                    String.format(
                        Locale.ROOT,
                        "%s %,d x %d, %d queries, exact top-100",
                        profile.data().describe(),
                        profile.vectors(),
                        profile.dimension(),
                        profile.queries()))
                .requires(Condition.is(DATASET_READY, false))
                .sets(DATASET_READY, true)
                .estimatedCostSeconds(datasetSeconds(profile))
                .build(),
            ScaleActions::generateDataset,
            3_600));
    actions.add(
        new ScaleAction(
            Action.named("A5 open target")
                .description(
                    target.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD
                        ? String.format(
                            Locale.ROOT,
                            "start a local SolrCloud: %d Solr nodes and ZooKeeper",
                            profile.nodes())
                        : "open " + target)
                .requires(Condition.is(TARGET_READY, false))
                .sets(TARGET_READY, true)
                .estimatedCostSeconds(target.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD ? 20 : 2)
                .build(),
            ScaleActions::openTarget,
            300));
    actions.add(
        measure(
            "A7 baseline lucene-hnsw",
            VectorFormatChoice.LUCENE_HNSW,
            "Lucene's HNSW on float32 vectors: the baseline every ratio is taken against",
            ingest + sweep,
            new Condition[] {},
            List.of()));
    actions.add(
        measure(
            "A9 quantization pq8-hnsw",
            VectorFormatChoice.PQ8_HNSW,
            "PQ8 codes in the HNSW graph, exact rerank: memory per vector cut about 8x",
            ingest * 1.5 + sweep,
            new Condition[] {Condition.is(PARAMS_TUNED, true)},
            List.of(MEMORY_WITHIN_BUDGET)));
    // M3 and M4 deliver the disk index (plan 3.3); before them it is the answer to memory over
    // budget
    boolean diskIndexIsWork = profile.plan().deliversDiskIndex();
    actions.add(
        measure(
            "A3 disk index diskann",
            VectorFormatChoice.DISKANN,
            diskIndexIsWork
                ? "DiskANN: vectors and graph on disk, PQ codes in memory (a deliverable of "
                    + profile.milestone()
                    + ")"
                : "DiskANN: vectors and graph on disk, PQ codes in memory; inserted when memory is over budget",
            ingest * 3 + sweep,
            diskIndexIsWork
                ? new Condition[] {}
                : new Condition[] {Condition.is(MEMORY_WITHIN_BUDGET, false)},
            List.of(MEMORY_WITHIN_BUDGET)));
    actions.add(
        new ScaleAction(
            Action.named("A6 memory profile")
                .description("bytes per vector on disk, hot and on heap for every format measured")
                .requires(
                    Condition.is(MEASURED_LUCENE_HNSW, true),
                    Condition.is(MEMORY_DOCUMENTED, false))
                .sets(MEMORY_DOCUMENTED, true)
                .sets(MEMORY_WITHIN_BUDGET, true)
                .estimatedCostSeconds(1)
                .build(),
            ScaleActions::memoryProfile,
            60));
    actions.add(
        new ScaleAction(
            Action.named("A10 tune search list")
                .description(
                    "measure between the search-list sizes around the target recall; pick the best QPS on target")
                .requires(
                    Condition.is(TARGET_READY, true),
                    Condition.is(MEMORY_DOCUMENTED, true),
                    Condition.is(PARAMS_TUNED, false))
                .sets(PARAMS_TUNED, true)
                .sets(RECALL_ON_TARGET, true)
                .estimatedCostSeconds(sweep / profile.fanouts().size() * 2)
                .build(),
            ScaleActions::tune,
            3_600));
    double raises = state.get(SEARCH_LIST_RAISES).orElse(0.0);
    if (raises < MAX_SEARCH_LIST_RAISES) {
      actions.add(
          new ScaleAction(
              Action.named("A10 raise search lists")
                  .description(
                      "no setting reaches the target recall: measure every format again at doubled search lists")
                  .requires(
                      Condition.is(TARGET_READY, true),
                      Condition.is(PARAMS_TUNED, true),
                      Condition.is(RECALL_ON_TARGET, false))
                  .sets(RECALL_ON_TARGET, true)
                  .sets(QUALITY_VALIDATED, false)
                  .sets(SEARCH_LIST_RAISES, raises + 1)
                  .estimatedCostSeconds(sweep * 2)
                  .build(),
              ScaleActions::raiseSearchLists,
              7_200));
    }
    actions.add(
        new ScaleAction(
            Action.named("A8 validate recall")
                .description(
                    "every query again on the selected configuration, recall@10 and recall@1 against exact truth")
                .requires(
                    Condition.is(TARGET_READY, true),
                    Condition.is(PARAMS_TUNED, true),
                    Condition.is(MEASURED_PQ8_HNSW, true),
                    Condition.is(QUALITY_VALIDATED, false))
                .sets(QUALITY_VALIDATED, true)
                .estimatedCostSeconds(sweep / profile.fanouts().size())
                .build(),
            ScaleActions::validate,
            3_600));
    if (target.isSolrCloud()) {
      actions.add(
          new ScaleAction(
              Action.named("shard migration")
                  .description(
                      "SPLITSHARD and MOVEREPLICA of the selected configuration's collection while it is queried")
                  .requires(
                      Condition.is(TARGET_READY, true),
                      Condition.is(QUALITY_VALIDATED, true),
                      Condition.is(MIGRATION_MEASURED, false))
                  .sets(MIGRATION_MEASURED, true)
                  .estimatedCostSeconds(ingest * 2 + 60)
                  .build(),
              ScaleActions::migrate,
              7_200));
    }
    if (target.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD && profile.plan().testsNodeFailure()) {
      actions.add(
          new ScaleAction(
              Action.named("fault test")
                  .description(
                      "a node stopped mid-ingestion and started again (2 shards x 2 replicas, the selected"
                          + " format): every acknowledged document in every replica afterwards, queries answered throughout")
                  .requires(
                      Condition.is(TARGET_READY, true),
                      Condition.is(QUALITY_VALIDATED, true),
                      Condition.is(FAULT_TESTED, false))
                  .sets(FAULT_TESTED, true)
                  .estimatedCostSeconds(Math.min(n, FAULT_TEST_DOCUMENTS) / 500 + 30)
                  .build(),
              ScaleActions::faultTest,
              3_600));
      actions.add(
          new ScaleAction(
              Action.named("soak")
                  .description(
                      String.format(
                          Locale.ROOT,
                          "queries and NRT re-indexing of the selected format for %.0f minute(s),"
                              + " heap, memory, files, segments, QPS and p99 sampled: the plan's"
                              + " long run, read by the leak and slide detectors",
                          profile.soakMinutes()))
                  .requires(
                      Condition.is(TARGET_READY, true),
                      Condition.is(QUALITY_VALIDATED, true),
                      Condition.is(SOAKED, false))
                  .sets(SOAKED, true)
                  .estimatedCostSeconds(profile.soakMinutes() * 60 + n / 2_000.0 + 30)
                  .build(),
              ScaleActions::soak,
              (int) (profile.soakMinutes() * 60) + 7_200));
    }
    actions.add(
        new ScaleAction(
            Action.named("report")
                .description(
                    "criteria met or missed with the measured figures, the bench's HTML report")
                .requires(reportNeeds(profile, target))
                .sets(REPORT_WRITTEN, true)
                .estimatedCostSeconds(5)
                .build(),
            context ->
                Observation.builder()
                    .set(REPORT_WRITTEN, true)
                    .summary("report: " + context.writeReport("all planned work done")),
            600));
    return actions;
  }

  /** Documents the fault test feeds (fewer when the tier is smaller). */
  static final int FAULT_TEST_DOCUMENTS = 20_000;

  /** Everything the milestone's report summarizes must be done first. */
  private static Condition[] reportNeeds(Profile profile, TargetSpec target) {
    List<Condition> needs = new ArrayList<>(List.of(Condition.is(QUALITY_VALIDATED, true)));
    if (target.isSolrCloud()) {
      needs.add(Condition.is(MIGRATION_MEASURED, true));
    }
    if (profile.plan().deliversDiskIndex()) {
      needs.add(Condition.is(MEASURED_DISKANN, true));
    }
    if (target.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD && profile.plan().testsNodeFailure()) {
      needs.add(Condition.is(FAULT_TESTED, true));
      needs.add(Condition.is(SOAKED, true));
    }
    return needs.toArray(Condition[]::new);
  }

  private static Observation faultTest(RunContext context) throws Exception {
    Selection selected =
        context
            .selection()
            .orElseThrow(() -> new IllegalStateException("nothing measured to fault-test"));
    VectorFormatChoice format = VectorFormatChoice.parse(selected.format());
    var data = context.parameters(format, List.of(selected.fanout()), List.of(1));
    float[][] queries = io.annscale.bench.run.BenchmarkInputs.readQueries(data);
    int documents = (int) Math.min(context.profile().vectors(), FAULT_TEST_DOCUMENTS);
    var outcome = context.requireTarget().nodeFailure(format, data, queries, documents);
    context.recordFault(outcome);
    return Observation.builder()
        .set(FAULT_TESTED, true)
        .set(DOCUMENTS_LOST, (double) outcome.lost())
        .summary(
            String.format(
                Locale.ROOT,
                "%s: node down %.1f s mid-ingestion; %,d acknowledged, %,d found, %d lost (%d replicas checked);"
                    + " %,d queries (%,d while down: %d failed, %d short), %d failed in all",
                outcome.format(),
                outcome.faultSeconds(),
                outcome.acknowledged(),
                outcome.found(),
                outcome.lost(),
                outcome.replicasChecked(),
                outcome.queries(),
                outcome.queriesDuringFault(),
                outcome.failedQueriesDuringFault(),
                outcome.shortAnswersDuringFault(),
                outcome.failedQueries()));
  }

  /** The longest wait for the load's merges to settle before a soak's clock starts. */
  static final long SOAK_SETTLE_SECONDS = 3_600;

  /** Documents the soak re-indexes per second. */
  static final double SOAK_DOCUMENTS_PER_SECOND = 500;

  private static Observation soak(RunContext context) throws Exception {
    Selection selected =
        context
            .selection()
            .orElseThrow(() -> new IllegalStateException("nothing measured to soak"));
    VectorFormatChoice format = VectorFormatChoice.parse(selected.format());
    var data = context.parameters(format, List.of(selected.fanout()), List.of(1));
    float[][] queries = io.annscale.bench.run.BenchmarkInputs.readQueries(data);
    Profile profile = context.profile();
    var settings =
        new io.annscale.bench.solr.SolrSoak.Settings(
            (int) Math.min(profile.vectors(), Integer.MAX_VALUE),
            profile.soakMinutes(),
            profile.soakSampleSeconds(),
            SOAK_DOCUMENTS_PER_SECOND,
            500,
            1,
            Math.max(selected.fanout(), 10),
            SOAK_SETTLE_SECONDS,
            true);
    var outcome = context.requireTarget().soak(format, data, queries, settings);
    context.recordSoak(outcome);
    var heap = outcome.heapGrowth();
    var qps = io.annscale.bench.solr.SoakTrends.named(outcome.trends(), "qps");
    double minutes =
        outcome.samples().isEmpty()
            ? 0
            : outcome.samples().get(outcome.samples().size() - 1).minutes();
    var observation = Observation.builder().set(SOAKED, true).set(SOAK_MINUTES, minutes);
    if (heap != null) {
      observation.set(SOAK_HEAP_GROWTH_MB_PER_HOUR, heap.megabytesPerHour());
    }
    if (qps != null) {
      observation.set(SOAK_QPS_CHANGE_PER_HOUR, qps.relativeSlopePerHour());
    }
    return observation.summary(
        String.format(
            Locale.ROOT,
            "%s: soaked %.1f min, %d samples, %,d documents re-indexed, %d queries failed; %s"
                + " %s MB/h, QPS %s%% of its mean per hour",
            outcome.format(),
            minutes,
            outcome.samples().size(),
            outcome.acknowledged(),
            outcome.failedQueries(),
            heap == null ? "heap" : heap.measure(),
            heap == null ? "n/a" : String.format(Locale.ROOT, "%+.1f", heap.megabytesPerHour()),
            qps == null
                ? "n/a"
                : String.format(Locale.ROOT, "%+.1f", 100 * qps.relativeSlopePerHour())));
  }

  private static ScaleAction measure(
      String name,
      VectorFormatChoice format,
      String description,
      double cost,
      Condition[] extra,
      List<io.annscale.goap.plan.Fact<Boolean>> alsoSets) {
    var builder =
        Action.named(name)
            .description(description)
            .requires(
                Condition.is(DATASET_READY, true),
                Condition.is(TARGET_READY, true),
                Condition.is(measured(format.cliName()), false))
            .requires(extra)
            .sets(measured(format.cliName()), true)
            .sets(QUALITY_VALIDATED, false);
    if (format != VectorFormatChoice.LUCENE_HNSW) {
      builder.requires(Condition.is(MEASURED_LUCENE_HNSW, true));
    }
    for (var flag : alsoSets) {
      builder.sets(flag, true);
    }
    return new ScaleAction(
        builder.estimatedCostSeconds(cost).build(),
        context -> measureFormat(context, format),
        4 * 3_600);
  }

  /**
   * Generating costs ~0.2 us per component; embedding real text ~3 ms per passage on 2 cores (plus
   * ~3 minutes for the corpus) unless made before; extracting an HDF5 file ~20 ns per component;
   * exact top-100 ~2 ns per query component.
   */
  private static double datasetSeconds(Profile profile) {
    double n = profile.vectors();
    double truth = n * profile.queries() * profile.dimension() * 2e-9;
    return switch (profile.data().kind()) {
      case CLUSTERED -> 5 + n * profile.dimension() * 2e-7 + truth;
      case DOCS_MINILM -> 180 + n * 3e-3 + truth;
      case HDF5 -> 5 + n * profile.dimension() * 2e-8;
    };
  }

  private static Observation generateDataset(RunContext context) throws Exception {
    Dataset data =
        DatasetPreparation.prepare(
            context.dataset(), context.profile(), context.dataRoot(), context.log());
    return Observation.builder().set(DATASET_READY, true).summary("data set in " + data.dir());
  }

  private static Observation openTarget(RunContext context) throws Exception {
    Profile p = context.profile();
    TargetSpec spec = context.targetSpec();
    MeasurementTarget target;
    if (spec.kind() == TargetSpec.Kind.EMBEDDED) {
      target = new EmbeddedTarget(context.log());
    } else {
      java.nio.file.Path clusterDir = context.runDir().resolve("solrcloud");
      SolrCloudTarget cluster =
          spec.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD
              ? LocalSolrCloud.start(p.nodes(), clusterDir.toAbsolutePath())
              : ExistingSolrCloud.connect(spec.zkHost());
      SolrCloudParameters layout =
          new SolrCloudParameters(
              spec.kind() == TargetSpec.Kind.LOCAL_SOLRCLOUD ? p.nodes() : 0,
              true,
              null,
              java.util.List.of(),
              spec.zkHost(),
              p.shards(),
              p.replicas(),
              1000,
              2,
              1,
              false,
              false,
              "rewrite",
              true,
              null,
              clusterDir,
              java.util.List.of(),
              java.util.List.of());
      target = new SolrCloudMeasurementTarget(cluster, layout, context.log());
    }
    context.setTarget(target);
    return Observation.builder()
        .set(TARGET_READY, true)
        .set(TARGET_IS_SOLRCLOUD, target.isSolrCloud())
        .summary(target.describe());
  }

  private static Observation measureFormat(RunContext context, VectorFormatChoice format)
      throws Exception {
    EmbeddedBenchmark.Result result =
        context
            .requireTarget()
            .measure(
                context.parameters(format, context.fanouts(), context.profile().clients()), false);
    context.recordMeasurement(format.cliName(), result);
    return Observation.builder()
        .set(measured(format.cliName()), true)
        .set(QUALITY_VALIDATED, false)
        .setAll(context.selectionFacts())
        .summary(format.cliName() + ": " + bestLine(result, context.profile()));
  }

  private static Observation memoryProfile(RunContext context) {
    StringBuilder summary = new StringBuilder();
    context
        .measured()
        .forEach(
            (format, result) ->
                result
                    .builds()
                    .forEach(
                        b ->
                            summary.append(
                                String.format(
                                    Locale.ROOT,
                                    "%s %.0f B/vector on disk, %.0f hot; ",
                                    format,
                                    b.bytesPerVector(),
                                    b.hotBytesPerVector()))));
    return Observation.builder()
        .set(MEMORY_DOCUMENTED, true)
        .setAll(context.selectionFacts())
        .summary(summary.toString().trim());
  }

  /**
   * Measures midpoints between the largest fanout below the target recall and the smallest on it,
   * per format.
   */
  private static Observation tune(RunContext context) throws Exception {
    Profile p = context.profile();
    for (var entry : List.copyOf(context.measured().entrySet())) {
      TreeSet<Integer> extra = new TreeSet<>();
      List<SearchRecord> searches =
          entry.getValue().searches().stream().filter(s -> s.threads() == p.maxClients()).toList();
      int below =
          searches.stream()
              .filter(s -> s.recall() < p.targetRecall())
              .mapToInt(SearchRecord::fanout)
              .max()
              .orElse(-1);
      int above =
          searches.stream()
              .filter(s -> s.recall() >= p.targetRecall())
              .mapToInt(SearchRecord::fanout)
              .min()
              .orElse(-1);
      if (below > 0 && above > below + 1) {
        extra.add((below + above) / 2);
      }
      if (!extra.isEmpty()) {
        VectorFormatChoice format = VectorFormatChoice.parse(entry.getKey());
        context.recordMeasurement(
            entry.getKey(),
            context
                .requireTarget()
                .measure(context.parameters(format, List.copyOf(extra), p.clients()), false));
      }
    }
    var selection = context.selection();
    return Observation.builder()
        .set(PARAMS_TUNED, true)
        .setAll(context.selectionFacts())
        .summary(
            selection
                .map(s -> "selected " + s.format() + " at search list " + s.fanout())
                .orElse("nothing measured"));
  }

  private static Observation raiseSearchLists(RunContext context) throws Exception {
    int largest = context.fanouts().stream().mapToInt(Integer::intValue).max().orElse(100);
    List<Integer> raised = List.of(largest * 2, largest * 4);
    List<Integer> all = new ArrayList<>(context.fanouts());
    all.addAll(raised);
    context.setFanouts(all);
    for (String format : List.copyOf(context.measured().keySet())) {
      context.recordMeasurement(
          format,
          context
              .requireTarget()
              .measure(
                  context.parameters(
                      VectorFormatChoice.parse(format), raised, context.profile().clients()),
                  false));
    }
    return Observation.builder()
        .set(QUALITY_VALIDATED, false)
        .set(SEARCH_LIST_RAISES, context.state().get(SEARCH_LIST_RAISES).orElse(0.0) + 1)
        .setAll(context.selectionFacts())
        .summary("search lists raised to " + raised);
  }

  /** Measures the selected configuration again on every query: the recall the milestone reports. */
  private static Observation validate(RunContext context) throws Exception {
    Selection selected =
        context
            .selection()
            .orElseThrow(() -> new IllegalStateException("nothing measured to validate"));
    VectorFormatChoice format = VectorFormatChoice.parse(selected.format());
    EmbeddedBenchmark.Result again =
        context
            .requireTarget()
            .measure(
                context.parameters(format, List.of(selected.fanout()), List.of(selected.clients())),
                false);
    context.recordMeasurement(selected.format(), again);
    SearchRecord check = again.searches().get(0);
    return Observation.builder()
        .set(QUALITY_VALIDATED, true)
        .setAll(context.selectionFacts())
        .summary(
            String.format(
                Locale.ROOT,
                "%s search list %d: recall@10 %.4f (first measurement %.4f), recall@1 %.4f",
                selected.format(),
                selected.fanout(),
                check.recall(),
                selected.recall(),
                check.recallAt1()));
  }

  private static Observation migrate(RunContext context) throws Exception {
    Selection selected =
        context
            .selection()
            .orElseThrow(() -> new IllegalStateException("nothing measured to migrate"));
    VectorFormatChoice format = VectorFormatChoice.parse(selected.format());
    EmbeddedBenchmark.Result result =
        context
            .requireTarget()
            .measure(context.parameters(format, List.of(selected.fanout()), List.of(1)), true);
    context.recordMigration(result);
    StringBuilder summary = new StringBuilder(selected.format() + ":");
    result
        .solrCloud()
        .migrations()
        .forEach(
            m ->
                summary.append(
                    String.format(
                        Locale.ROOT,
                        " %s %.1f s (recall %.4f -> %.4f, %d documents, %d of %d queries failed);",
                        m.operation(),
                        m.seconds(),
                        m.recallBefore(),
                        m.recallAfter(),
                        m.documentsAfter(),
                        m.failedQueriesDuring(),
                        m.queriesDuring())));
    double longest =
        result.solrCloud().migrations().stream().mapToDouble(m -> m.seconds()).max().orElse(0);
    // a migration moves or splits one shard: scale by the plan's shard size over this tier's
    double factor =
        context.profile().plan().planShardVectors()
            / ((double) context.profile().vectors() / context.profile().shards());
    double projected = longest * factor;
    summary.append(
        String.format(
            Locale.ROOT,
            " longest %.1f s, x%,.0f to a shard of the plan's size: %.0f s",
            longest,
            factor,
            projected));
    return Observation.builder()
        .set(MIGRATION_MEASURED, true)
        .set(MIGRATION_SECONDS, longest)
        .set(MIGRATION_PROJECTED_SECONDS, projected)
        .summary(summary.toString());
  }

  private static String bestLine(EmbeddedBenchmark.Result result, Profile profile) {
    return result.searches().stream()
        .filter(s -> s.threads() == profile.maxClients() && s.recall() >= profile.targetRecall())
        .max(java.util.Comparator.comparingDouble(SearchRecord::qps))
        .map(
            s ->
                String.format(
                    Locale.ROOT,
                    "best on target: search list %d, recall@10 %.4f, %.0f QPS, p99 %.1f ms",
                    s.fanout(),
                    s.recall(),
                    s.qps(),
                    s.p99Micros() / 1000.0))
        .orElse("no setting reached recall@10 " + profile.targetRecall());
  }
}
