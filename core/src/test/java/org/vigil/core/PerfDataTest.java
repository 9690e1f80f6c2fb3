package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.PerfData.Unit;

class PerfDataTest {

  private static Thresholds thresholds(String warning, String critical) {
    return new Thresholds(
        Optional.ofNullable(warning).map(Range::parse),
        Optional.ofNullable(critical).map(Range::parse));
  }

  private static PerfData a(double value) {
    return PerfData.of("a", value, Unit.NONE);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource
  void formatsExactly(PerfData perfData, String expected) {
    assertThat(perfData.format()).isEqualTo(expected);
  }

  static Stream<Arguments> formatsExactly() {
    return Stream.of(
        // fields: trailing empty ones dropped, inner empty ones kept
        arguments(a(1), "'a'=1"),
        arguments(a(1).withThresholds(thresholds("5", null)), "'a'=1;5"),
        arguments(a(1).withThresholds(thresholds(null, "5")), "'a'=1;;5"),
        arguments(a(1).withThresholds(thresholds("5", "10")), "'a'=1;5;10"),
        arguments(a(1).withMin(0), "'a'=1;;;0"),
        arguments(a(1).withMax(100), "'a'=1;;;;100"),
        arguments(a(1).withMin(0).withMax(100), "'a'=1;;;0;100"),
        arguments(a(1).withThresholds(thresholds("5", null)).withMax(100), "'a'=1;5;;;100"),
        arguments(a(1).withThresholds(thresholds(null, "5")).withMin(-3), "'a'=1;;5;-3"),
        arguments(a(1).withThresholds(thresholds("5", "10")).withMin(0).withMax(100),
            "'a'=1;5;10;0;100"),
        arguments(a(1).withThresholds(Thresholds.none()), "'a'=1"),
        // range texts go in as written
        arguments(a(15).withThresholds(thresholds("@10:20", "~:30")), "'a'=15;@10:20;~:30"),
        arguments(a(15).withThresholds(thresholds("10:", "0.5")), "'a'=15;10:;0.5"),
        // numbers: integers without ".0", decimals plain, never scientific
        arguments(a(0), "'a'=0"),
        arguments(a(-0.0), "'a'=0"),
        arguments(a(-7), "'a'=-7"),
        arguments(a(42.4), "'a'=42.4"),
        arguments(a(-3.25), "'a'=-3.25"),
        arguments(a(12345678901234.0), "'a'=12345678901234"),
        arguments(a(1e15), "'a'=1000000000000000"),
        arguments(a(1e20), "'a'=100000000000000000000"),
        arguments(a(0.000123), "'a'=0.000123"),
        arguments(a(1e-7), "'a'=0.0000001"),
        arguments(a(1).withMin(0.000123).withMax(12345678901234.0),
            "'a'=1;;;0.000123;12345678901234"),
        // units of measure: on the value only
        arguments(PerfData.of("t", 0.5, Unit.SECONDS), "'t'=0.5s"),
        arguments(PerfData.of("p", 42.4, Unit.PERCENT).withThresholds(thresholds("80", "90"))
            .withMin(0).withMax(100), "'p'=42.4%;80;90;0;100"),
        arguments(PerfData.of("b", 1024, Unit.BYTES).withMin(0), "'b'=1024B;;;0"),
        arguments(PerfData.of("c", 17, Unit.COUNTER), "'c'=17c"),
        arguments(PerfData.of("n", 3, Unit.NONE), "'n'=3"));
  }

  @Test
  void unitSymbolsAreTheGuidelineOnes() {
    assertThat(Unit.values())
        .extracting(Unit::symbol)
        .containsExactly("", "s", "%", "B", "c");
  }

  @ParameterizedTest(name = "label [{0}]")
  @MethodSource
  void labelsCannotEscapeTheirQuotes(String label, String expected) {
    String formatted = PerfData.of(label, 1, Unit.NONE).format();
    assertThat(formatted).isEqualTo(expected);
    // Outside the quotes there is exactly "=1": no second '=', no '|', no space.
    assertThat(outsideQuotes(formatted)).isEqualTo("=1");
    // Nothing anywhere can end the perfdata part or the line.
    assertThat(formatted).doesNotContain("|", "\n", "\r", "\t");
  }

  static Stream<Arguments> labelsCannotEscapeTheirQuotes() {
    return Stream.of(
        arguments("disk", "'disk'=1"),
        arguments("it's", "'it''s'=1"),
        arguments("'", "''''=1"),
        arguments("''", "''''''=1"),
        arguments("x'", "'x'''=1"),
        arguments("a=b", "'a=b'=1"),
        arguments("a b", "'a b'=1"),
        arguments("a;b", "'a;b'=1"),
        arguments("a|b", "'a_b'=1"),
        arguments("a\nb", "'a_b'=1"),
        arguments("a\r\nb", "'a__b'=1"),
        arguments("a\tb", "'a_b'=1"),
        arguments("a\u007fb", "'a_b'=1"),
        arguments("a\u0000b", "'a_b'=1"),
        arguments("r0 out of sync", "'r0 out of sync'=1"),
        // an attempt to close the label and inject a second item
        arguments("x'=2 'y", "'x''=2 ''y'=1"),
        arguments("x'=2 | 'y'=3", "'x''=2 _ ''y''=3'=1"),
        arguments("x\n| 'y'=3", "'x__ ''y''=3'=1"),
        arguments("d\u00fcsk \u65e5\u672c", "'d\u00fcsk \u65e5\u672c'=1"));
  }

  /** The characters outside single-quoted sections, with '' inside quotes as a literal quote. */
  private static String outsideQuotes(String s) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (!quoted) {
        out.append(c);
      }
    }
    assertThat(quoted).as("quotes balanced in %s", s).isFalse();
    return out.toString();
  }

  @ParameterizedTest(name = "value {0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteValueIsRejected(double value) {
    assertThatThrownBy(() -> PerfData.of("load", value, Unit.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'load'")
        .hasMessageContaining("not finite");
  }

  @Test
  void emptyLabelIsRejected() {
    assertThatThrownBy(() -> PerfData.of("", 1, Unit.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label must not be empty");
  }

  @Test
  void withersReturnCopies() {
    PerfData base = a(1);
    PerfData full = base.withThresholds(thresholds("5", "10")).withMin(0).withMax(100);
    assertThat(base.format()).isEqualTo("'a'=1");
    assertThat(full.format()).isEqualTo("'a'=1;5;10;0;100");
    assertThat(full.withThresholds(Thresholds.none()).format()).isEqualTo("'a'=1;;;0;100");
  }
}
