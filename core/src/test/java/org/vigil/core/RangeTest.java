package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Written from the Monitoring Plugins developer guidelines ("Threshold and ranges"), not from the
 * implementation.
 *
 * <pre>
 * 10      alert if x < 0 or x > 10     (outside {0 .. 10})
 * 10:     alert if x < 10              (outside {10 .. inf})
 * ~:10    alert if x > 10              (outside {-inf .. 10})
 * 10:20   alert if x < 10 or x > 20    (outside {10 .. 20})
 * @10:20  alert if 10 <= x <= 20       (inside {10 .. 20}, end points included)
 * </pre>
 */
class RangeTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @ParameterizedTest(name = "{0} at {1}: alert={2}")
  @CsvSource({
    // 10: alert when x < 0 or x > 10
    "10,          -1000,     true",
    "10,          -1,        true",
    "10,          -0.001,    true",
    "10,          0,         false",
    "10,          0.001,     false",
    "10,          5,         false",
    "10,          9.999,     false",
    "10,          10,        false",
    "10,          10.001,    true",
    "10,          11,        true",
    "10,          1e12,      true",
    // 10: alert when x < 10
    "10:,         -10,       true",
    "10:,         0,         true",
    "10:,         9.999,     true",
    "10:,         10,        false",
    "10:,         10.001,    false",
    "10:,         1e300,     false",
    // ~:10 alert when x > 10
    "~:10,        -1e300,    false",
    "~:10,        -5,        false",
    "~:10,        0,         false",
    "~:10,        9.999,     false",
    "~:10,        10,        false",
    "~:10,        10.001,    true",
    "~:10,        1e12,      true",
    // 10:20 alert when x < 10 or x > 20
    "10:20,       -15,       true",
    "10:20,       0,         true",
    "10:20,       9.999,     true",
    "10:20,       10,        false",
    "10:20,       10.001,    false",
    "10:20,       15,        false",
    "10:20,       19.999,    false",
    "10:20,       20,        false",
    "10:20,       20.001,    true",
    "10:20,       1e12,      true",
    // @10:20 alert when 10 <= x <= 20
    "@10:20,      0,         false",
    "@10:20,      9.999,     false",
    "@10:20,      10,        true",
    "@10:20,      10.001,    true",
    "@10:20,      15,        true",
    "@10:20,      19.999,    true",
    "@10:20,      20,        true",
    "@10:20,      20.001,    false",
    // @ with the other forms
    "@10,         -0.001,    false",
    "@10,         0,         true",
    "@10,         5,         true",
    "@10,         10,        true",
    "@10,         10.001,    false",
    "@10:,        9.999,     false",
    "@10:,        10,        true",
    "@10:,        1e300,     true",
    "@~:10,       -1e300,    true",
    "@~:10,       10,        true",
    "@~:10,       10.001,    false",
    // ~: is every value: never alerts, with @ always alerts
    "~:,          -1e300,    false",
    "~:,          0,         false",
    "~:,          1e300,     false",
    "~:,          -Infinity, false",
    "~:,          Infinity,  false",
    "@~:,         -1e300,    true",
    "@~:,         0,         true",
    "@~:,         1e300,     true",
    // zero: alert for anything but 0
    "0,           -0.001,    true",
    "0,           0,         false",
    "0,           0.001,     true",
    "0,           -1e300,    true",
    "0,           1e300,     true",
    "@0,          0,         true",
    "@0,          0.001,     false",
    "@0,          -0.001,    false",
    "10:10,       9.999,     true",
    "10:10,       10,        false",
    "10:10,       10.001,    true",
    // negatives
    "-10:-5,      -10.001,   true",
    "-10:-5,      -10,       false",
    "-10:-5,      -7,        false",
    "-10:-5,      -5,        false",
    "-10:-5,      -4.999,    true",
    "-10:-5,      0,         true",
    "@-10:-5,     -10.001,   false",
    "@-10:-5,     -10,       true",
    "@-10:-5,     -5,        true",
    "@-10:-5,     -4.999,    false",
    "~:-1,        -100,      false",
    "~:-1,        -1,        false",
    "~:-1,        -0.999,    true",
    "~:-1,        0,         true",
    "-10:,        -10.001,   true",
    "-10:,        -10,       false",
    "-10:,        1e300,     false",
    "-0.5:0.5,    -0.501,    true",
    "-0.5:0.5,    -0.5,      false",
    "-0.5:0.5,    0.5,       false",
    "-0.5:0.5,    0.501,     true",
    // decimals
    "0.5,         -0.001,    true",
    "0.5,         0,         false",
    "0.5,         0.5,       false",
    "0.5,         0.501,     true",
    ".5,          -0.001,    true",
    ".5,          0.25,      false",
    ".5,          0.5,       false",
    ".5,          0.501,     true",
    "10.25:20.75, 10.24,     true",
    "10.25:20.75, 10.25,     false",
    "10.25:20.75, 15,        false",
    "10.25:20.75, 20.75,     false",
    "10.25:20.75, 20.76,     true",
    "@10.25:20.75, 10.24,    false",
    "@10.25:20.75, 10.25,    true",
    "@10.25:20.75, 20.75,    true",
    "@10.25:20.75, 20.76,    false",
  })
  void alertsAsTheGuidelinesSay(String expression, double value, boolean alerts) {
    assertThat(Range.parse(expression).alerts(value)).isEqualTo(alerts);
  }

  /**
   * The tightest boundaries: the doubles immediately next to each end point. Without '@' the end
   * points and everything between them are fine and the next double outside alerts; '@' inverts.
   */
  @ParameterizedTest(name = "{0} at {1}: alert={2}")
  @MethodSource
  void alertsAtAdjacentDoubles(String expression, double value, boolean alerts) {
    assertThat(Range.parse(expression).alerts(value)).isEqualTo(alerts);
  }

  static Stream<Arguments> alertsAtAdjacentDoubles() {
    List<Arguments> cases = new ArrayList<>();
    around(cases, "10", 0, 10);
    around(cases, "10:", 10, INF);
    around(cases, "~:10", -INF, 10);
    around(cases, "10:20", 10, 20);
    around(cases, "-10:-5", -10, -5);
    around(cases, "10.25:20.75", 10.25, 20.75);
    around(cases, "0.5", 0, 0.5);
    around(cases, "~:-1", -INF, -1);
    around(cases, "@10:20", 10, 20);
    around(cases, "@10", 0, 10);
    around(cases, "@10:", 10, INF);
    around(cases, "@~:10", -INF, 10);
    around(cases, "@-10:-5", -10, -5);
    return cases.stream();
  }

  private static void around(List<Arguments> cases, String expression, double lo, double hi) {
    boolean at = expression.startsWith("@");
    boolean outside = !at; // alert outside the band, unless '@'
    boolean onOrInside = at; // alert on the end points and inside, only with '@'
    if (lo != -INF) {
      cases.add(arguments(expression, Math.nextDown(lo), outside));
      cases.add(arguments(expression, lo, onOrInside));
      cases.add(arguments(expression, Math.nextUp(lo), onOrInside));
    }
    if (hi != INF) {
      cases.add(arguments(expression, Math.nextDown(hi), onOrInside));
      cases.add(arguments(expression, hi, onOrInside));
      cases.add(arguments(expression, Math.nextUp(hi), outside));
    }
  }

  @ParameterizedTest(name = "{0} = [{1}, {2}], inside={3}")
  @MethodSource
  void parsesTheBounds(String expression, double start, double end, boolean alertInside) {
    Range r = Range.parse(expression);
    assertThat(r.start()).isEqualTo(start);
    assertThat(r.end()).isEqualTo(end);
    assertThat(r.alertInside()).isEqualTo(alertInside);
  }

  static Stream<Arguments> parsesTheBounds() {
    return Stream.of(
        arguments("10", 0.0, 10.0, false),
        arguments("10:", 10.0, INF, false),
        arguments("~:10", -INF, 10.0, false),
        arguments("10:20", 10.0, 20.0, false),
        arguments("@10:20", 10.0, 20.0, true),
        arguments("@10", 0.0, 10.0, true),
        arguments("~:", -INF, INF, false),
        arguments("@~:", -INF, INF, true),
        arguments("0", 0.0, 0.0, false),
        arguments(".5", 0.0, 0.5, false),
        arguments("0.5", 0.0, 0.5, false),
        arguments("10.25:20.75", 10.25, 20.75, false),
        arguments("-10:-5", -10.0, -5.0, false),
        arguments("-.5:.5", -0.5, 0.5, false),
        arguments("~:-1", -INF, -1.0, false),
        arguments("007", 0.0, 7.0, false),
        arguments("12345678901234", 0.0, 12345678901234.0, false));
  }

  @ParameterizedTest(name = "text of {0}")
  @ValueSource(
      strings = {"10", "10:", "~:10", "10:20", "@10:20", "@10", "@~:", "~:", ".5", "0.50",
          "-10:-5", "10.25:20.75", "007"})
  void textAndToStringAreTheOriginalExpression(String expression) {
    Range r = Range.parse(expression);
    assertThat(r.text()).isEqualTo(expression);
    assertThat(r).hasToString(expression);
  }

  /** Each case: the expression, then fragments the message must contain. */
  @ParameterizedTest(name = "[{0}] is rejected")
  @MethodSource
  void rejectsInvalidExpressions(String expression, String quoted, String reason) {
    assertThatThrownBy(() -> Range.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid range " + quoted)
        .hasMessageContaining(reason);
  }

  static Stream<Arguments> rejectsInvalidExpressions() {
    String syntax = "expected [@][start:][end]";
    String noEnd = "needs at least an end value";
    String emptyStart = "empty start";
    return Stream.of(
        arguments("", "''", noEnd),
        arguments("@", "'@'", noEnd),
        arguments(":", "':'", emptyStart),
        arguments(":10", "':10'", emptyStart),
        arguments("@:10", "'@:10'", emptyStart),
        arguments("10.", "'10.'", syntax),
        arguments("10.:20", "'10.:20'", syntax),
        arguments("1e3", "'1e3'", syntax),
        arguments("1E3", "'1E3'", syntax),
        arguments("+5", "'+5'", syntax),
        arguments(" 10", "' 10'", syntax),
        arguments("10 ", "'10 '", syntax),
        arguments("1 0", "'1 0'", syntax),
        arguments("10: 20", "'10: 20'", syntax),
        arguments("abc", "'abc'", syntax),
        arguments("~", "'~'", syntax),
        arguments("~10", "'~10'", syntax),
        arguments("10:~", "'10:~'", syntax),
        arguments("10:20:30", "'10:20:30'", syntax),
        arguments("NaN", "'NaN'", syntax),
        arguments("Infinity", "'Infinity'", syntax),
        arguments("-Infinity:0", "'-Infinity:0'", syntax),
        arguments("--1", "'--1'", syntax),
        arguments("-", "'-'", syntax),
        arguments("-:5", "'-:5'", syntax),
        arguments("@@10", "'@@10'", syntax),
        arguments("10@", "'10@'", syntax),
        arguments("1,5", "'1,5'", syntax),
        arguments("0x10", "'0x10'", syntax),
        arguments("1_000", "'1_000'", syntax),
        arguments("\u0661\u0660", "'\u0661\u0660'", syntax), // Arabic-Indic digits
        arguments("\uff11\uff10", "'\uff11\uff10'", syntax), // full-width digits
        arguments("10:5", "'10:5'", "start 10 is greater than end 5"),
        arguments("@10:5", "'@10:5'", "greater"),
        arguments("20.75:20.25", "'20.75:20.25'", "start 20.75 is greater than end 20.25"),
        arguments("-5:-10", "'-5:-10'", "greater"),
        // no colon means start 0, so a negative end alone is an empty range
        arguments("-5", "'-5'", "start 0 is greater than end -5"));
  }

  @ParameterizedTest(name = "control character in [{0}] is escaped in the message")
  @MethodSource
  void controlCharactersAreEscapedInTheMessage(String expression, String shown) {
    assertThatThrownBy(() -> Range.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid range '" + shown + "'")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\r");
  }

  static Stream<Arguments> controlCharactersAreEscapedInTheMessage() {
    return Stream.of(
        arguments("10\n", "10\\x0a"), arguments("10\t", "10\\t"), arguments("\r10", "\\x0d10"));
  }

  @Test
  void nullIsRejectedLikeEmpty() {
    assertThatThrownBy(() -> Range.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs at least an end value");
  }

  /**
   * The syntax as the regular expression Range.parse once used: every string of up to six
   * characters over the alphabet that matters is accepted or rejected exactly as it says, with the
   * same bounds.
   */
  @Test
  void acceptsExactlyTheRegularExpressionsSyntax() {
    String number = "-?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";
    java.util.regex.Pattern syntax = java.util.regex.Pattern.compile(
        "(?<inside>@)?(?:(?<start>~|" + number + "|):)?(?<end>" + number + ")?");
    char[] alphabet = "@~:-.05 x".toCharArray();
    List<String> mismatches = new ArrayList<>();
    for (int length = 1; length <= 6; length++) {
      int[] at = new int[length];
      while (true) {
        StringBuilder sb = new StringBuilder();
        for (int i : at) {
          sb.append(alphabet[i]);
        }
        String text = sb.toString();
        java.util.regex.Matcher m = syntax.matcher(text);
        String expected = "rejected";
        if (m.matches() && (m.group("start") != null || m.group("end") != null)
            && !"".equals(m.group("start"))) {
          double start = m.group("start") == null ? 0
              : m.group("start").equals("~") ? Double.NEGATIVE_INFINITY
              : Double.parseDouble(m.group("start"));
          double end = m.group("end") == null ? INF : Double.parseDouble(m.group("end"));
          expected = start > end ? "rejected" : start + ".." + end + " " + (m.group("inside") != null);
        }
        String actual;
        try {
          Range r = Range.parse(text);
          actual = r.start() + ".." + r.end() + " " + r.alertInside();
        } catch (IllegalArgumentException e) {
          actual = "rejected";
        }
        if (!actual.equals(expected)) {
          mismatches.add("'" + text + "': " + actual + ", expected " + expected);
        }
        int i = length - 1;
        while (i >= 0 && ++at[i] == alphabet.length) {
          at[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
