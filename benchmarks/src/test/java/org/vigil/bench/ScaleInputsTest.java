package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.pacemaker.Node;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.CheckResult;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/**
 * The generated inputs are accepted by the strict parsers with exactly the requested number of
 * objects, and the policies judge every object (no UNKNOWN: a benchmark of an input the check
 * cannot judge would measure an error path).
 */
class ScaleInputsTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 10, 11, 97, 100, 1000})
  void procDrbd(int n) throws Exception {
    DrbdStatus status = new ProcDrbdParser().parse(ScaleInputs.procDrbd(n), "gen");
    assertThat(status.resources()).hasSize(n);
    assertJudged(DrbdPolicy.evaluate(status, DrbdPolicyOptions.defaults()).subchecks(), n);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 10, 11, 97, 100, 1000})
  void statusJson(int n) throws Exception {
    DrbdStatus status = new StatusJsonParser().parse(ScaleInputs.statusJson(n), "gen");
    assertThat(status.resources()).hasSize(n)
        .allSatisfy(r -> assertThat(r.connections()).hasSize(3))
        .allSatisfy(r -> assertThat(r.volumes()).hasSize(1));
    assertJudged(DrbdPolicy.evaluate(status, DrbdPolicyOptions.defaults()).subchecks(), n);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 10, 11, 97, 100, 1000})
  void mdstat(int n) throws Exception {
    Mdstat mdstat = new MdstatParser().parse(ScaleInputs.mdstat(n), "gen");
    assertThat(mdstat.arrays()).hasSize(n);
    assertJudged(MdPolicy.evaluate(Optional.of(mdstat), List.of(), Map.of(),
        MdPolicyOptions.defaults()), n);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 10, 11, 97, 100, 1000, 5000})
  void crmMon(int n) throws Exception {
    CrmMon crm = CrmMonXmlParser.parse(ScaleInputs.crmMon(32, n), "gen");
    assertThat(ScaleBenchmark.primitives(crm)).isEqualTo(n);
    assertThat(crm.nodes()).hasSize(32);
    int active = (int) crm.resources().stream().flatMap(r -> r.primitives().stream())
        .filter(p -> p.active()).count();
    assertThat(crm.nodes().stream().mapToInt(Node::resourcesRunning).sum()).isEqualTo(active);
    CheckResult result = PacemakerPolicy.result(crm, PacemakerPolicyOptions.defaults());
    // healthy but for the generated fail-counts and failed monitors (from the 21st primitive on)
    assertThat(result.state()).isEqualTo(n > 20 ? State.WARNING : State.OK);
  }

  private static void assertJudged(List<Subcheck> subchecks, int n) {
    assertThat(subchecks).hasSize(n)
        .allSatisfy(s -> assertThat(s.state()).as(s.name() + ": " + s.findings())
            .isNotEqualTo(State.UNKNOWN));
    if (n >= 10) {
      assertThat(subchecks).anySatisfy(s -> assertThat(s.state()).isEqualTo(State.OK));
      assertThat(subchecks).anySatisfy(s -> assertThat(s.state()).isNotEqualTo(State.OK));
    }
  }
}
