package io.annscale.bench.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What counts as a regression, as in the scalability plan's regression detection. Read from TOML; a
 * section left out keeps its default:
 *
 * <pre>
 * [qps_drop_percent]          # QPS lower than the baseline by more than this
 * warning = 10
 * critical = 20
 * [p99_increase_percent]      # p99 latency higher
 * [recall_drop]               # recall lower, absolute (0.01 = one point)
 * [memory_increase_percent]   # bytes and hot bytes per vector higher
 * [build_time_increase_percent]
 * </pre>
 *
 * The defaults allow for this project's noisy 2-core VMs, where repeated identical runs differ by
 * up to ~10% in QPS and more in p99.
 */
public record RegressionThresholds(
    @JsonProperty("qps_drop_percent") Threshold qpsDropPercent,
    @JsonProperty("p99_increase_percent") Threshold p99IncreasePercent,
    @JsonProperty("recall_drop") Threshold recallDrop,
    @JsonProperty("memory_increase_percent") Threshold memoryIncreasePercent,
    @JsonProperty("build_time_increase_percent") Threshold buildTimeIncreasePercent) {

  public static final RegressionThresholds DEFAULT =
      new RegressionThresholds(
          new Threshold(10, 20),
          new Threshold(25, 50),
          new Threshold(0.005, 0.01),
          new Threshold(5, 10),
          new Threshold(20, 40));

  public RegressionThresholds {
    qpsDropPercent = qpsDropPercent != null ? qpsDropPercent : DEFAULT.qpsDropPercent;
    p99IncreasePercent =
        p99IncreasePercent != null ? p99IncreasePercent : DEFAULT.p99IncreasePercent;
    recallDrop = recallDrop != null ? recallDrop : DEFAULT.recallDrop;
    memoryIncreasePercent =
        memoryIncreasePercent != null ? memoryIncreasePercent : DEFAULT.memoryIncreasePercent;
    buildTimeIncreasePercent =
        buildTimeIncreasePercent != null
            ? buildTimeIncreasePercent
            : DEFAULT.buildTimeIncreasePercent;
  }

  /**
   * Reads a TOML file; unknown sections or keys are errors, so a misspelt limit is not silently
   * ignored.
   */
  public static RegressionThresholds read(Path toml) throws IOException {
    ObjectMapper mapper =
        new TomlMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper.readValue(toml.toFile(), RegressionThresholds.class);
  }
}
