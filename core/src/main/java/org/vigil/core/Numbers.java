package org.vigil.core;

import java.time.Duration;
import java.util.Locale;

/**
 * Number formatting for plugin output: C locale, never scientific notation.
 *
 * <p>Written on the digits of {@link Double#toString(double)}, which is what BigDecimal read when
 * this class used it, and printing exactly the same text: every check formats numbers, and
 * BigDecimal's first use costs a plugin 2-20 ms of start-up on JDK 17 and 20-100 ms on JDK 25
 * (its class initialisation computes tables in the interpreter).
 */
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
    // As new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString() prints it.
    Decimal d = Decimal.of(value);
    String digits = d.digits();
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') {
      end--;
    }
    StringBuilder sb = new StringBuilder(value < 0 ? "-" : "");
    appendPlain(sb, digits.substring(0, end), d.point());
    return sb.toString();
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

  /**
   * A duration as {@code H:MM:SS}, what {@code %d:%02d:%02d} prints of its hours, minutes part and
   * seconds part (btrfs and DRBD print durations so), without a Formatter.
   */
  public static String clock(Duration d) {
    return d.toHours() + ":" + twoDigits(d.toMinutesPart()) + ":" + twoDigits(d.toSecondsPart());
  }

  private static String twoDigits(int n) {
    return n >= 0 && n < 10 ? "0" + n : Integer.toString(n);
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
  public static String oneDecimal(double v) {
    if (!Double.isFinite(v) || v < 0 || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    // As BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString() prints it:
    // keep the digits up to the first decimal, add one if the next digit is 5 or more.
    Decimal d = Decimal.of(v);
    String digits = d.digits();
    int keep = d.point() + 1;
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < keep; i++) {
      kept.append(i < digits.length() ? digits.charAt(i) : '0');
    }
    if (keep >= 0 && keep < digits.length() && digits.charAt(keep) >= '5') {
      int i = kept.length() - 1;
      while (i >= 0 && kept.charAt(i) == '9') {
        kept.setCharAt(i, '0');
        i--;
      }
      if (i >= 0) {
        kept.setCharAt(i, (char) (kept.charAt(i) + 1));
      } else {
        kept.insert(0, '1');
      }
    }
    while (kept.length() < 2) {
      kept.insert(0, '0');
    }
    return kept.substring(0, kept.length() - 1) + "." + kept.charAt(kept.length() - 1);
  }

  /** {@code digits} as a plain decimal with {@code point} of them before the decimal point. */
  private static void appendPlain(StringBuilder sb, String digits, int point) {
    if (digits.isEmpty()) {
      sb.append('0');
    } else if (point <= 0) {
      sb.append("0.");
      for (int i = point; i < 0; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (point >= digits.length()) {
      sb.append(digits);
      for (int i = digits.length(); i < point; i++) {
        sb.append('0');
      }
    } else {
      sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
  }

  /**
   * The decimal digits of {@link Double#toString(double)} of a finite value's magnitude, without
   * leading zeros: the value is 0.DIGITS times ten to the power {@code point}.
   */
  private record Decimal(String digits, int point) {
    static Decimal of(double value) {
      String text = Double.toString(Math.abs(value));
      int exponent = 0;
      int e = text.indexOf('E');
      if (e >= 0) {
        exponent = Integer.parseInt(text.substring(e + 1));
        text = text.substring(0, e);
      }
      int dot = text.indexOf('.');
      String digits = text.substring(0, dot) + text.substring(dot + 1);
      int point = dot + exponent;
      int lead = 0;
      while (lead < digits.length() && digits.charAt(lead) == '0') {
        lead++;
      }
      return new Decimal(digits.substring(lead), point - lead);
    }
  }
}
