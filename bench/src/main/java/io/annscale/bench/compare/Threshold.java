package io.annscale.bench.compare;

import java.util.Locale;

/**
 * Limits on how much worse a metric may get: beyond {@code warning} a warning, beyond {@code
 * critical} a regression. Units are the metric's (percent, or absolute recall).
 */
public record Threshold(double warning, double critical) {
  public Threshold {
    if (!(warning >= 0) || !(critical >= warning)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "threshold needs 0 <= warning <= critical; warning=%s, critical=%s",
              warning,
              critical));
    }
  }

  /**
   * @param worsening how much worse, in the threshold's unit; negative or zero for an improvement
   */
  Severity judge(double worsening) {
    if (worsening > critical) {
      return Severity.CRITICAL;
    }
    return worsening > warning ? Severity.WARNING : Severity.OK;
  }
}
