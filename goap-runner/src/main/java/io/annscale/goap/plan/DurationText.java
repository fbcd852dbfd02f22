package io.annscale.goap.plan;

import java.util.Locale;

/**
 * Durations as people read them in a plan: the two largest units, e.g. {@code 2d 04h}, {@code 1h
 * 05m}, {@code 12s}.
 */
final class DurationText {
  private DurationText() {}

  /**
   * @param seconds a duration in seconds, >= 0
   */
  static String of(double seconds) {
    assert seconds >= 0 : "seconds=" + seconds;
    if (seconds < 60) {
      return Fact.format(Math.round(seconds * 100) / 100.0) + "s";
    }
    long total = Math.round(seconds);
    long days = total / 86_400;
    long hours = total % 86_400 / 3_600;
    long minutes = total % 3_600 / 60;
    if (days > 0) {
      return String.format(Locale.ROOT, "%dd %02dh", days, hours);
    }
    if (hours > 0) {
      return String.format(Locale.ROOT, "%dh %02dm", hours, minutes);
    }
    return String.format(Locale.ROOT, "%dm %02ds", minutes, total % 60);
  }
}
