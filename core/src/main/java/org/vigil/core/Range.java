package org.vigil.core;

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
    // The syntax is [@][START:][END], START being '~', a number or nothing, END a number or
    // nothing; a number is -?(DIGITS[.DIGITS]|.DIGITS). Scanned by hand: a regular expression
    // here would be compiled at every plugin start.
    boolean inside = text.startsWith("@");
    String rest = inside ? text.substring(1) : text;
    int colon = rest.indexOf(':');
    String startText = colon < 0 ? null : rest.substring(0, colon);
    String endText = colon < 0 ? rest : rest.substring(colon + 1);
    boolean startValid = startText == null || startText.isEmpty() || startText.equals("~")
        || isNumber(startText);
    if (!startValid || !(endText.isEmpty() || isNumber(endText))) {
      throw new IllegalArgumentException(
          "invalid range '" + ParseException.printable(text)
              + "': expected [@][start:][end] with plain decimal numbers, '~' for minus infinity");
    }
    if (endText.isEmpty()) {
      endText = null;
    }
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
    return new Range(start, end, inside, text);
  }

  /** {@code -?(DIGITS[.DIGITS]|.DIGITS)}, ASCII digits only. */
  private static boolean isNumber(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    int intDigits = digits(s, i);
    i += intDigits;
    if (i == s.length()) {
      return intDigits > 0;
    }
    if (s.charAt(i) != '.') {
      return false;
    }
    int fractionDigits = digits(s, i + 1);
    return fractionDigits > 0 && i + 1 + fractionDigits == s.length();
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
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
