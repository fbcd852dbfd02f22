package io.annscale.bench.report;

import java.util.Locale;

/**
 * {@code y = a * n^b}, fitted by least squares on {@code (ln n, ln y)}: how a cost grows with the
 * vector count. {@code b} near 1 is linear (memory, build time), near 0 flat; QPS of a graph index
 * falls slowly ({@code b} a little below 0), roughly as the log of {@code n} that a power law
 * approximates over a few decades.
 */
public record PowerLaw(double a, double b, double r2, int points) {
  /**
   * @param n at least two distinct positive values; {@code y} positive
   */
  public static PowerLaw fit(double[] n, double[] y) {
    if (n.length != y.length || n.length < 2) {
      throw new IllegalArgumentException(
          "need at least two points; got " + n.length + " and " + y.length);
    }
    int count = n.length;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < count; i++) {
      if (!(n[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException(
            "power laws need positive values; point " + i + ": " + n[i] + ", " + y[i]);
      }
      double x = Math.log(n[i]);
      double v = Math.log(y[i]);
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    double denominator = count * sxx - sx * sx;
    if (denominator == 0) {
      throw new IllegalArgumentException("all points have the same n");
    }
    double b = (count * sxy - sx * sy) / denominator;
    double lnA = (sy - b * sx) / count;
    double mean = sy / count;
    double total = 0, residual = 0;
    for (int i = 0; i < count; i++) {
      double v = Math.log(y[i]);
      double predicted = lnA + b * Math.log(n[i]);
      total += (v - mean) * (v - mean);
      residual += (v - predicted) * (v - predicted);
    }
    return new PowerLaw(Math.exp(lnA), b, total == 0 ? 1 : 1 - residual / total, count);
  }

  public double at(double n) {
    return a * Math.pow(n, b);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.3g * n^%.3f (R² %.3f, %d points)", a, b, r2, points);
  }
}
