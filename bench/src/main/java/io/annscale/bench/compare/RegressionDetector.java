package io.annscale.bench.compare;

import io.annscale.bench.run.BuildRecord;
import io.annscale.bench.run.EmbeddedBenchmark;
import io.annscale.bench.run.SearchRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a current benchmark result with a baseline, setting by setting: each (format, fanout,
 * threads) of the baseline for QPS, p99 and recall, each format's build for memory and build time.
 * A baseline setting the current run lacks is itself a critical finding: a comparison that silently
 * shrinks is not a pass.
 */
public final class RegressionDetector {
  private final RegressionThresholds thresholds;

  public RegressionDetector(RegressionThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The findings and their worst severity. */
  public record Report(Severity verdict, List<Finding> findings, RegressionThresholds thresholds) {}

  public Report compare(EmbeddedBenchmark.Result baseline, EmbeddedBenchmark.Result current) {
    List<Finding> findings = new ArrayList<>();
    Map<String, SearchRecord> now = new LinkedHashMap<>();
    current.searches().forEach(s -> now.put(key(s), s));
    for (SearchRecord before : baseline.searches()) {
      SearchRecord after = now.get(key(before));
      if (after == null) {
        findings.add(missing(key(before)));
        continue;
      }
      findings.add(
          relative(key(before), "qps", before.qps(), after.qps(), -1, thresholds.qpsDropPercent()));
      findings.add(
          relative(
              key(before),
              "p99_ms",
              before.p99Micros() / 1000.0,
              after.p99Micros() / 1000.0,
              1,
              thresholds.p99IncreasePercent()));
      double drop = before.recall() - after.recall();
      findings.add(
          new Finding(
              key(before),
              "recall",
              before.recall(),
              after.recall(),
              -drop,
              thresholds.recallDrop().judge(drop)));
    }
    Map<String, BuildRecord> built = new LinkedHashMap<>();
    current.builds().forEach(b -> built.put(b.key().format().cliName(), b));
    for (BuildRecord before : baseline.builds()) {
      String setting = before.key().format().cliName() + " build";
      BuildRecord after = built.get(before.key().format().cliName());
      if (after == null) {
        findings.add(missing(setting));
        continue;
      }
      findings.add(
          relative(
              setting,
              "bytes_per_vector",
              before.bytesPerVector(),
              after.bytesPerVector(),
              1,
              thresholds.memoryIncreasePercent()));
      findings.add(
          relative(
              setting,
              "hot_bytes_per_vector",
              before.hotBytesPerVector(),
              after.hotBytesPerVector(),
              1,
              thresholds.memoryIncreasePercent()));
      findings.add(
          relative(
              setting,
              "build_s",
              before.buildSeconds(),
              after.buildSeconds(),
              1,
              thresholds.buildTimeIncreasePercent()));
    }
    Severity verdict =
        findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.OK);
    return new Report(verdict, List.copyOf(findings), thresholds);
  }

  private static String key(SearchRecord s) {
    return String.format(
        Locale.ROOT, "%s fanout=%d threads=%d", s.format(), s.fanout(), s.threads());
  }

  private static Finding missing(String setting) {
    return new Finding(setting, "present", 1, Double.NaN, Double.NaN, Severity.CRITICAL);
  }

  /**
   * @param worseSign +1 when higher is worse (latency, memory, time), -1 when lower is worse (QPS)
   */
  private static Finding relative(
      String setting,
      String metric,
      double before,
      double after,
      int worseSign,
      Threshold threshold) {
    double changePercent =
        before == 0 ? (after == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * (after - before) / before;
    return new Finding(
        setting, metric, before, after, changePercent, threshold.judge(worseSign * changePercent));
  }
}
