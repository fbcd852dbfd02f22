package io.annscale.bench.run;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Markdown tables of a run: builds, every measurement, and each format against the baseline format.
 */
public final class ResultTables {
  private ResultTables() {}

  public static void print(EmbeddedBenchmark.Result result, PrintWriter out) {
    RunParameters p = result.parameters();
    out.println();
    out.println(
        "| format | build s | ingest s | merge s | merge threads | index MiB | bytes/vector | hot bytes/vector |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (BuildRecord b : result.builds()) {
      out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %.1f | %s | %.1f | %.1f | %.1f |%n",
          b.key().format().cliName(),
          b.buildSeconds(),
          b.ingestSeconds(),
          b.mergeSeconds(),
          b.mergeWorkers() == 0 ? "-" : Integer.toString(b.mergeWorkers()),
          b.indexBytes() / 1048576.0,
          b.bytesPerVector(),
          b.hotBytesPerVector());
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "| format | fanout | threads | recall@%d | recall@1 | recall@100 | QPS | p50 ms | p99 ms | p99.9 ms | RSS MiB"
            + " | sectors/query mean | p99 |%n",
        p.k());
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (SearchRecord s : result.searches()) {
      // -1: not measured (SolrCloud runs)
      boolean sectors =
          s.meanSectors() > 0
              || (s.meanSectors() == 0 && s.format().equals(VectorFormatChoice.DISKANN.cliName()));
      out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %.4f | %.4f | %s | %.0f | %.3f | %.3f | %.3f | %s | %s | %s |%n",
          s.format(),
          s.fanout(),
          s.threads(),
          s.recall(),
          s.recallAt1(),
          recallAt100(s),
          s.qps(),
          s.p50Micros() / 1000.0,
          s.p99Micros() / 1000.0,
          s.p999Micros() / 1000.0,
          s.residentBytes() < 0
              ? "-"
              : String.format(Locale.ROOT, "%.0f", s.residentBytes() / 1048576.0),
          sectors ? String.format(Locale.ROOT, "%.1f", s.meanSectors()) : "-",
          sectors ? Long.toString(s.p99Sectors()) : "-");
    }
    printTrivialQueries(result, out);
    printLoads(result, out);
    printAgainstBaseline(result, out);
    printFilteredAgainstBaseline(result, out);
    out.flush();
  }

  /** How a SolrCloud run labels a filtered measurement: {@code <format> fq=<percent>%}. */
  public static final String FILTER_LABEL = " fq=";

  /**
   * Per filter (a SolrCloud run's {@code --filters}), format and thread count: the QPS at the
   * target recall against the exact top k of what the filter keeps, as a ratio to the baseline
   * format under the same filter.
   */
  private static void printFilteredAgainstBaseline(
      EmbeddedBenchmark.Result result, PrintWriter out) {
    RunParameters p = result.parameters();
    List<String> filters =
        result.searches().stream()
            .map(SearchRecord::format)
            .filter(f -> f.contains(FILTER_LABEL))
            .map(f -> f.substring(f.indexOf(FILTER_LABEL)))
            .distinct()
            .toList();
    if (filters.isEmpty() || result.builds().isEmpty()) {
      return;
    }
    String baselineName = result.builds().get(0).key().format().cliName();
    out.println();
    out.printf(
        Locale.ROOT,
        "Filtered: QPS at recall@%d %.2f of the documents each filter keeps, against %s with the same"
            + " filter:%n",
        p.k(),
        p.targetRecall(),
        baselineName);
    out.println("| filter | format | threads | QPS at target (interpolated) | ratio |");
    out.println("|---|---|---|---|---|");
    for (String filter : filters) {
      for (BuildRecord b : result.builds()) {
        String name = b.key().format().cliName();
        for (int threads : p.threads()) {
          OptionalDouble at =
              qpsAtTarget(result.searches(), name + filter, threads, p.targetRecall());
          OptionalDouble base =
              qpsAtTarget(result.searches(), baselineName + filter, threads, p.targetRecall());
          out.printf(
              Locale.ROOT,
              "| %s | %s | %d | %s | %s |%n",
              filter.substring(FILTER_LABEL.length()),
              name,
              threads,
              at.isPresent()
                  ? String.format(Locale.ROOT, "%.0f", at.getAsDouble())
                  : "below target",
              at.isPresent() && base.isPresent()
                  ? String.format(Locale.ROOT, "%.2f", at.getAsDouble() / base.getAsDouble())
                  : "n/a");
        }
      }
    }
  }

  /**
   * SolrCloud runs: the trivial query ({@code q=id:<id>}) per collection, Solr's fixed cost per
   * request beside the searches above.
   */
  private static void printTrivialQueries(EmbeddedBenchmark.Result result, PrintWriter out) {
    if (result.solrCloud() == null || result.solrCloud().trivialQueries().isEmpty()) {
      return;
    }
    out.println();
    out.println("Trivial query (q=id:<id>, 10 rows) on each collection: Solr's cost per request");
    out.println("| collection of | clients | QPS | p50 ms | p99 ms |");
    out.println("|---|---|---|---|---|");
    for (SolrCloudRecords.TrivialQueryRecord t : result.solrCloud().trivialQueries()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.0f | %.3f | %.3f |%n",
          t.format(),
          t.threads(),
          t.qps(),
          t.p50Micros() / 1000.0,
          t.p99Micros() / 1000.0);
    }
  }

  /**
   * SolrCloud runs with {@code --load-clients}: each format's load curve at its smallest fanout
   * reaching the target recall, closed loops then the open loop at half their peak.
   */
  private static void printLoads(EmbeddedBenchmark.Result result, PrintWriter out) {
    if (result.solrCloud() == null || result.solrCloud().loads().isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "Load: closed-loop clients to saturation, then an open loop at half the peak (latency from"
            + " when each query was due)");
    out.println("| format | fanout | recall | load | QPS | p50 ms | p99 ms | max ms |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (SolrCloudRecords.LoadRecord r : result.solrCloud().loads()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.4f | %s | %.0f | %.3f | %.3f | %.3f |%n",
          r.format(),
          r.fanout(),
          r.recall(),
          r.openLoop()
              ? String.format(Locale.ROOT, "open loop, %.0f/s offered", r.offeredQps())
              : r.clients() + " clients",
          r.qps(),
          r.p50Micros() / 1000.0,
          r.p99Micros() / 1000.0,
          r.maxMicros() / 1000.0);
    }
  }

  /** Recall@100 when it was measured (a search list of at least 100), else "-". */
  static String recallAt100(SearchRecord s) {
    return s.recallAt100() > 0 ? String.format(Locale.ROOT, "%.4f", s.recallAt100()) : "-";
  }

  /**
   * Per format and thread count, the fastest setting that reaches the target recall, as a ratio to
   * the first format listed (the baseline): QPS, build time and hot bytes. Because fanouts are a
   * coarse grid, the QPS at exactly the target recall is also given, interpolated between the two
   * settings around it.
   */
  private static void printAgainstBaseline(EmbeddedBenchmark.Result result, PrintWriter out) {
    RunParameters p = result.parameters();
    if (result.builds().isEmpty()) {
      return;
    }
    BuildRecord baseline = result.builds().get(0);
    String baselineName = baseline.key().format().cliName();
    out.println();
    out.printf(
        Locale.ROOT,
        "At recall@%d >= %.2f, against %s (ratios > 1: more QPS; build, hot and resident bytes: smaller is better;"
            + " resident = hot files + vector readers' heap):%n",
        p.k(),
        p.targetRecall(),
        baselineName);
    out.println(
        "| format | threads | fanout | recall | QPS | QPS ratio | QPS at target (interpolated) | ratio | build ratio"
            + " | hot bytes ratio | resident B/vector | resident ratio |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (BuildRecord b : result.builds()) {
      String name = b.key().format().cliName();
      for (int threads : p.threads()) {
        Optional<SearchRecord> best =
            fastestAtTarget(result.searches(), name, threads, p.targetRecall());
        Optional<SearchRecord> base =
            fastestAtTarget(result.searches(), baselineName, threads, p.targetRecall());
        if (best.isEmpty()) {
          out.printf(
              Locale.ROOT,
              "| %s | %d | - | below target at every fanout | | | | | | | | |%n",
              name,
              threads);
          continue;
        }
        SearchRecord s = best.get();
        OptionalDouble at = qpsAtTarget(result.searches(), name, threads, p.targetRecall());
        OptionalDouble baseAt =
            qpsAtTarget(result.searches(), baselineName, threads, p.targetRecall());
        out.printf(
            Locale.ROOT,
            "| %s | %d | %d | %.4f | %.0f | %s | %.0f | %s | %.2f | %s | %.1f | %.3f |%n",
            name,
            threads,
            s.fanout(),
            s.recall(),
            s.qps(),
            base.map(r -> String.format(Locale.ROOT, "%.2f", s.qps() / r.qps())).orElse("n/a"),
            at.getAsDouble(),
            baseAt.isPresent()
                ? String.format(Locale.ROOT, "%.2f", at.getAsDouble() / baseAt.getAsDouble())
                : "n/a",
            b.buildSeconds() / baseline.buildSeconds(),
            baseline.hotBytesPerVector() > 0
                ? String.format(
                    Locale.ROOT, "%.3f", b.hotBytesPerVector() / baseline.hotBytesPerVector())
                : "n/a",
            residentBytesPerVector(b, s),
            residentBytesPerVector(b, s)
                / baselineResidentBytesPerVector(baseline, result.searches(), threads, base));
      }
    }
  }

  /**
   * The baseline's resident bytes per vector at {@code threads}, from its own searches only
   * (another format's reader heap is not the baseline's). The reader heap does not depend on
   * fanout, so when no baseline setting reaches the target its smallest fanout tells it; with no
   * baseline search at all, its hot bytes alone.
   */
  private static double baselineResidentBytesPerVector(
      BuildRecord baseline,
      List<SearchRecord> searches,
      int threads,
      Optional<SearchRecord> atTarget) {
    String name = baseline.key().format().cliName();
    return atTarget
        .or(
            () ->
                searches.stream()
                    .filter(r -> r.format().equals(name) && r.threads() == threads)
                    .min(Comparator.comparingInt(SearchRecord::fanout)))
        .map(r -> residentBytesPerVector(baseline, r))
        .orElse(baseline.hotBytesPerVector());
  }

  /**
   * Hot file bytes plus the vector readers' heap, per vector: what must stay in memory to search
   * fast.
   */
  public static double residentBytesPerVector(BuildRecord build, SearchRecord search) {
    double vectors = build.bytesPerVector() > 0 ? build.indexBytes() / build.bytesPerVector() : 0;
    return build.hotBytesPerVector()
        + (vectors > 0 ? Math.max(search.vectorHeapBytes(), 0) / vectors : 0);
  }

  /**
   * QPS at exactly {@code target} recall: log-QPS interpolated linearly in recall between the
   * settings just below and just above it (in fanout order); the best measured QPS when even the
   * smallest fanout is above it. Empty when no setting reaches the target.
   */
  public static OptionalDouble qpsAtTarget(
      List<SearchRecord> searches, String format, int threads, double target) {
    List<SearchRecord> curve =
        searches.stream()
            .filter(s -> s.format().equals(format) && s.threads() == threads)
            .sorted(Comparator.comparingInt(SearchRecord::fanout))
            .toList();
    for (int i = 0; i < curve.size(); i++) {
      SearchRecord hi = curve.get(i);
      if (hi.recall() >= target) {
        if (i == 0) {
          return OptionalDouble.of(
              fastestAtTarget(searches, format, threads, target).orElseThrow().qps());
        }
        SearchRecord lo = curve.get(i - 1);
        double t = (target - lo.recall()) / (hi.recall() - lo.recall());
        return OptionalDouble.of(
            Math.exp(Math.log(lo.qps()) + t * (Math.log(hi.qps()) - Math.log(lo.qps()))));
      }
    }
    return OptionalDouble.empty();
  }

  public static Optional<SearchRecord> fastestAtTarget(
      List<SearchRecord> searches, String format, int threads, double target) {
    return searches.stream()
        .filter(s -> s.format().equals(format) && s.threads() == threads && s.recall() >= target)
        .max(Comparator.comparingDouble(SearchRecord::qps));
  }
}
