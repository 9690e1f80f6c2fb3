package org.vigil.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Monitoring Plugins threshold range, {@code [@][start:][end]}.
 *
 * <p>Written from the guideline text (monitoring-plugins doc/developer-guidelines, range
 * expressions): start defaults to 0 when there is no colon; an empty end means +infinity; {@code ~}
 * as start means -infinity; without {@code @} a value alerts when it lies outside [start, end]
 * (end points inside, so not alerting); with {@code @} a value alerts when it lies inside [start,
 * end], end points included.
 *
 * <p>Stricter than the C reference on purpose: {@code :10} (empty start), {@code 10.} (trailing
 * point), signs other than a leading minus, exponents, whitespace, and start greater than end are
 * rejected instead of being read as something else.
 */
public record Range(double start, double end, boolean alertInside, String text) {

  private static final String NUMBER = "-?(?:\\d+(?:\\.\\d+)?|\\.\\d+)";
  private static final Pattern SYNTAX =
      Pattern.compile(
          "(?<inside>@)?(?:(?<start>~|" + NUMBER + "|):)?(?<end>" + NUMBER + ")?");

  public Range {
    if (Double.isNaN(start) || Double.isNaN(end)) {
      throw new IllegalArgumentException("range bounds must be numbers");
    }
    if (start > end) {
      throw new IllegalArgumentException(
          "invalid range '" + text + "': start " + Numbers.plain(start) + " is greater than end "
              + Numbers.plain(end));
    }
  }

  /**
   * Parses a range expression.
   *
   * @throws IllegalArgumentException with a sentence that names the expression and what is wrong
   */
  public static Range parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("invalid range '': a range needs at least an end value");
    }
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid range '" + ParseException.printable(text)
              + "': expected [@][start:][end] with plain decimal numbers, '~' for minus infinity");
    }
    String startText = m.group("start");
    String endText = m.group("end");
    if (startText == null && endText == null) {
      throw new IllegalArgumentException(
          "invalid range '" + text + "': a range needs at least an end value");
    }
    if (startText != null && startText.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid range '" + text + "': empty start before ':'; write 0:N or ~:N");
    }
    double start;
    if (startText == null) {
      start = 0;
    } else if (startText.equals("~")) {
      start = Double.NEGATIVE_INFINITY;
    } else {
      start = Double.parseDouble(startText);
    }
    double end = endText == null ? Double.POSITIVE_INFINITY : Double.parseDouble(endText);
    return new Range(start, end, m.group("inside") != null, text);
  }

  /** True when the value must raise an alert under this range. */
  public boolean alerts(double value) {
    boolean inside = value >= start && value <= end;
    return alertInside ? inside : !inside;
  }

  @Override
  public String toString() {
    return text;
  }
}
