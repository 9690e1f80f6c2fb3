package org.vigil.core;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for plugin output: C locale, never scientific notation. */
public final class Numbers {
  private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Numbers() {}

  /** Plain decimal text: {@code 12}, {@code 42.4}, never {@code 1.2E7}. */
  public static String plain(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** Human-readable binary size, one decimal: {@code 512 B}, {@code 12.3 MiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int unit = 0;
    // Step up while the value would print as 1024.0 or more after rounding to one decimal.
    while (v >= 1023.95 && unit < BINARY_UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return oneDecimal(v) + " " + BINARY_UNITS[unit];
  }

  /** Percent with one decimal, C locale: {@code 42.4%}. */
  public static String percent(double percent) {
    return oneDecimal(percent) + "%";
  }

  /**
   * {@code String.format(Locale.ROOT, "%.1f", v)} without the Formatter's cost (the exporter
   * formats thousands of these per scrape): the shortest decimal form of the double, rounded
   * half-up, exactly as the Formatter rounds.
   */
  static String oneDecimal(double v) {
    if (!Double.isFinite(v) || v < 0 || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return java.math.BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }
}
