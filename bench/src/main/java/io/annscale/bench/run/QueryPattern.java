package io.annscale.bench.run;

import java.util.Locale;

/**
 * How the clients pick and pace queries during a measurement.
 *
 * <ul>
 *   <li>{@code uniform}: closed loop, every client sends its next query when the last answered,
 *       cycling through the query set (each query equally often).
 *   <li>{@code zipf:S}: closed loop, queries drawn with Zipf skew S over a fixed random order (a
 *       few hot queries, a long tail: what caches see in production).
 *   <li>{@code burst:RATE:SECONDS}: open loop, queries scheduled at RATE per second for SECONDS
 *       whatever the answers; latency counts from each query's scheduled time, so queueing when the
 *       target falls behind shows in the percentiles (no coordinated omission).
 * </ul>
 */
public record QueryPattern(
    Kind kind, double zipfExponent, double ratePerSecond, double burstSeconds) {
  public enum Kind {
    UNIFORM,
    ZIPF,
    BURST
  }

  public static final QueryPattern UNIFORM = new QueryPattern(Kind.UNIFORM, 0, 0, 0);

  public static QueryPattern parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
    try {
      switch (parts[0]) {
        case "uniform":
          if (parts.length == 1) {
            return UNIFORM;
          }
          break;
        case "zipf":
          if (parts.length == 2 && Double.parseDouble(parts[1]) > 0) {
            return new QueryPattern(Kind.ZIPF, Double.parseDouble(parts[1]), 0, 0);
          }
          break;
        case "burst":
          if (parts.length == 3
              && Double.parseDouble(parts[1]) > 0
              && Double.parseDouble(parts[2]) > 0) {
            return new QueryPattern(
                Kind.BURST, 0, Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // fall through to the message naming the forms
    }
    throw new IllegalArgumentException(
        "--query-pattern "
            + text
            + ": expected uniform, zipf:S (S > 0) or burst:RATE:SECONDS (both > 0)");
  }

  @Override
  public String toString() {
    return switch (kind) {
      case UNIFORM -> "uniform";
      case ZIPF -> "zipf:" + zipfExponent;
      case BURST -> "burst:" + ratePerSecond + ":" + burstSeconds;
    };
  }
}
