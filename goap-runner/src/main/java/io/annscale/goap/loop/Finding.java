package io.annscale.goap.loop;

/**
 * What the orient phase noticed after an action: an anomaly (memory growing, QPS sliding, recall
 * short) or a bottleneck (memory over budget, CPU saturated, storage reads heavy), with the figure
 * and what would help.
 */
public record Finding(Kind kind, String text) {
  public enum Kind {
    ANOMALY,
    BOTTLENECK
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + text;
  }
}
