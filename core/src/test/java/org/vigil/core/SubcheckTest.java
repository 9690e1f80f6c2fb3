package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The result model: Finding, Subcheck, CheckResult. */
class SubcheckTest {

  private static Subcheck subcheck(List<Finding> findings) {
    return new Subcheck("r0", "Connected", findings, List.of(), List.of());
  }

  @Test
  void noFindingsIsOk() {
    assertThat(subcheck(List.of()).state()).isEqualTo(State.OK);
    assertThat(subcheck(List.of()).problems()).isEmpty();
  }

  @Test
  void stateIsTheWorstFinding() {
    assertThat(subcheck(List.of(Finding.ok("a"), Finding.unknown("b"))).state())
        .isEqualTo(State.UNKNOWN);
    assertThat(subcheck(List.of(Finding.unknown("b"), Finding.warning("c"))).state())
        .isEqualTo(State.WARNING);
    assertThat(subcheck(List.of(Finding.warning("c"), Finding.critical("d"), Finding.ok("e")))
            .state())
        .isEqualTo(State.CRITICAL);
  }

  @Test
  void problemsAreWorstFirstAndStableWithinAState() {
    Subcheck sc =
        subcheck(List.of(Finding.unknown("u1"), Finding.warning("w1"), Finding.ok("ok"),
            Finding.critical("c1"), Finding.warning("w2"), Finding.critical("c2"),
            Finding.unknown("u2")));

    assertThat(sc.problems())
        .extracting(Finding::message)
        .containsExactly("c1", "c2", "w1", "w2", "u1", "u2");
    assertThat(sc.findings()).hasSize(7);
  }

  @Test
  void listsAreCopied() {
    List<Finding> findings = new ArrayList<>(List.of(Finding.ok("a")));
    Subcheck sc = subcheck(findings);
    findings.add(Finding.critical("added later"));

    assertThat(sc.state()).isEqualTo(State.OK);
    assertThat(sc.findings()).hasSize(1);
  }

  @ParameterizedTest(name = "message [{0}]")
  @ValueSource(strings = {"", " ", "\t\n"})
  void findingNeedsAMessage(String message) {
    assertThatThrownBy(() -> Finding.critical(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a finding needs a message");
  }

  @Test
  void findingFactoriesSetTheState() {
    assertThat(Finding.ok("m").state()).isEqualTo(State.OK);
    assertThat(Finding.warning("m").state()).isEqualTo(State.WARNING);
    assertThat(Finding.critical("m").state()).isEqualTo(State.CRITICAL);
    assertThat(Finding.unknown("m").state()).isEqualTo(State.UNKNOWN);
  }

  @Test
  void checkResultNeedsASubcheck() {
    assertThatThrownBy(() -> new CheckResult("DRBD", List.of(), "ok"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one subcheck");
  }

  @Test
  void checkResultStateIsTheWorstSubcheck() {
    CheckResult result =
        new CheckResult(
            "DRBD",
            List.of(subcheck(List.of()), subcheck(List.of(Finding.unknown("u"))),
                subcheck(List.of(Finding.ok("fine")))),
            "ok");

    assertThat(result.state()).isEqualTo(State.UNKNOWN);
  }
}
