package io.annscale.bench.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses counts written the way people say them: {@code 10000}, {@code 10K}, {@code 1M}, {@code
 * 1.5M}, {@code 1B}.
 */
public final class CountConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long multiplier = 1;
    if (v.endsWith("K")) {
      multiplier = 1_000L;
    } else if (v.endsWith("M")) {
      multiplier = 1_000_000L;
    } else if (v.endsWith("B") || v.endsWith("G")) {
      multiplier = 1_000_000_000L;
    }
    String number = multiplier == 1 ? v : v.substring(0, v.length() - 1);
    try {
      double parsed = Double.parseDouble(number) * multiplier;
      if (parsed < 0 || parsed != Math.rint(parsed) || parsed > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) parsed;
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a count: expected a whole number, optionally with K, M or B (e.g. 10K, 1M)");
    }
  }

  /**
   * The short way to write a count, as a name: 1000000 -> 1M, 100000 -> 100K, 1500000 -> 1500K,
   * 1234 -> 1234.
   */
  public static String format(long count) {
    if (count >= 1_000_000_000L && count % 1_000_000_000L == 0) {
      return count / 1_000_000_000L + "B";
    }
    if (count >= 1_000_000L && count % 1_000_000L == 0) {
      return count / 1_000_000L + "M";
    }
    if (count >= 1_000L && count % 1_000L == 0) {
      return count / 1_000L + "K";
    }
    return Long.toString(count);
  }
}
