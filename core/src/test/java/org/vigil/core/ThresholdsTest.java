package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdsTest {

  private static Thresholds thresholds(String warning, String critical) {
    return new Thresholds(
        Optional.ofNullable(warning).map(Range::parse),
        Optional.ofNullable(critical).map(Range::parse));
  }

  @ParameterizedTest(name = "none() at {0} is OK")
  @ValueSource(doubles = {-1e300, -1, 0, 0.5, 10, 1e300})
  void noneIsAlwaysOk(double value) {
    assertThat(Thresholds.none().evaluate(value)).isEqualTo(State.OK);
    assertThat(Thresholds.none().warning()).isEmpty();
    assertThat(Thresholds.none().critical()).isEmpty();
  }

  /** An empty column means the range is absent. */
  @ParameterizedTest(name = "-w {0} -c {1}, value {2} -> {3}")
  @CsvSource({
    // the usual nested pair: warning is the narrower band
    "10,      20,      5,      OK",
    "10,      20,      10,     OK",
    "10,      20,      10.5,   WARNING",
    "10,      20,      20,     WARNING",
    "10,      20,      20.5,   CRITICAL",
    "10,      20,      -1,     CRITICAL",
    // both alert: critical wins because it is evaluated first
    "@0:100,  @50:60,  55,     CRITICAL",
    "@0:100,  @50:60,  30,     WARNING",
    "@0:100,  @50:60,  101,    OK",
    // misconfigured (warning wider than critical): still critical first
    "5,       10,      7,      WARNING",
    "20,      10,      15,     CRITICAL",
    "20,      10,      25,     CRITICAL",
    // only a warning range
    "10,      ,        5,      OK",
    "10,      ,        11,     WARNING",
    "10,      ,        1e9,    WARNING",
    "~:10,    ,        -1e9,   OK",
    // only a critical range
    ",        10:,     10,     OK",
    ",        10:,     9.5,    CRITICAL",
    ",        10:,     -3,     CRITICAL",
    ",        @0,      0,      CRITICAL",
    ",        @0,      0.1,    OK",
  })
  void criticalIsEvaluatedBeforeWarning(
      String warning, String critical, double value, State expected) {
    assertThat(thresholds(warning, critical).evaluate(value)).isEqualTo(expected);
  }

  @Test
  void keepsTheRangesItWasGiven() {
    Thresholds t = thresholds("@10:20", "~:30");
    assertThat(t.warning()).map(Range::text).contains("@10:20");
    assertThat(t.critical()).map(Range::text).contains("~:30");
  }
}
