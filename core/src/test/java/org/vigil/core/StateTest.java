package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateTest {

  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource({"OK, 0", "WARNING, 1", "CRITICAL, 2", "UNKNOWN, 3"})
  void exitCodesFollowThePluginGuidelines(State state, int exitCode) {
    assertThat(state.exitCode()).isEqualTo(exitCode);
  }

  @Test
  void thereAreExactlyTheFourPluginStates() {
    assertThat(State.values())
        .extracting(State::toString)
        .containsExactly("OK", "WARNING", "CRITICAL", "UNKNOWN");
  }

  /** Every ordered pair: CRITICAL > WARNING > UNKNOWN > OK. */
  @ParameterizedTest(name = "worst({0}, {1}) = {2}")
  @CsvSource({
    "OK,       OK,       OK",
    "OK,       WARNING,  WARNING",
    "OK,       CRITICAL, CRITICAL",
    "OK,       UNKNOWN,  UNKNOWN",
    "WARNING,  OK,       WARNING",
    "WARNING,  WARNING,  WARNING",
    "WARNING,  CRITICAL, CRITICAL",
    "WARNING,  UNKNOWN,  WARNING",
    "CRITICAL, OK,       CRITICAL",
    "CRITICAL, WARNING,  CRITICAL",
    "CRITICAL, CRITICAL, CRITICAL",
    "CRITICAL, UNKNOWN,  CRITICAL",
    "UNKNOWN,  OK,       UNKNOWN",
    "UNKNOWN,  WARNING,  WARNING",
    "UNKNOWN,  CRITICAL, CRITICAL",
    "UNKNOWN,  UNKNOWN,  UNKNOWN",
  })
  void worstOfTwo(State a, State b, State expected) {
    assertThat(a.worse(b)).isEqualTo(expected);
    assertThat(State.worst(a, b)).isEqualTo(expected);
    assertThat(State.worst(List.of(a, b))).isEqualTo(expected);
  }

  @Test
  void worstOfNothingIsOk() {
    assertThat(State.worst()).isEqualTo(State.OK);
    assertThat(State.worst(List.of())).isEqualTo(State.OK);
  }

  @Test
  void worstOfManyIsIndependentOfOrder() {
    assertThat(State.worst(State.OK, State.UNKNOWN, State.WARNING, State.OK))
        .isEqualTo(State.WARNING);
    assertThat(State.worst(State.WARNING, State.OK, State.UNKNOWN)).isEqualTo(State.WARNING);
    assertThat(State.worst(State.UNKNOWN, State.OK, State.OK)).isEqualTo(State.UNKNOWN);
    assertThat(State.worst(State.UNKNOWN, State.CRITICAL, State.WARNING, State.OK))
        .isEqualTo(State.CRITICAL);
  }
}
