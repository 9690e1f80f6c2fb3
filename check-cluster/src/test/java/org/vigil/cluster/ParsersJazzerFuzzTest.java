package org.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.policy.CorosyncPolicy;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.PluginOutput;
import org.vigil.fixtures.ParseErrors;

/**
 * Coverage-guided fuzz tests (Jazzer). In a normal {@code mvn test} each replays its seed corpus
 * and every recorded finding from {@code src/test/resources/.../ParsersJazzerFuzzTestInputs/<method>/};
 * with {@code JAZZER_FUZZ=1} one selected test fuzzes (packaging/bench/fuzz.sh). Property: the bytes,
 * read as a check reads a file, parse into a model the policy evaluates, or are refused with a
 * ParseException naming a line and a reason; nothing else escapes.
 */
class ParsersJazzerFuzzTest {
  private static final String SOURCE = "fuzz";

  @FuzzTest(maxDuration = "30s")
  void crmMonXml(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> {
      String out = PluginOutput.render(PacemakerPolicy.result(CrmMonXmlParser.parse(text, SOURCE),
          PacemakerPolicyOptions.defaults().withWarnBans(true)), 1);
      assertThat(out).startsWith("CLUSTER ");
    });
  }

  @FuzzTest(maxDuration = "30s")
  void quorumtool(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> CorosyncPolicy.evaluate(
        Optional.of(QuorumtoolParser.parse(text, SOURCE)), Optional.empty()));
  }

  @FuzzTest(maxDuration = "30s")
  void cfgtool(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> CorosyncPolicy.evaluate(
        Optional.empty(), Optional.of(CfgtoolParser.parse(text, SOURCE))));
  }
}
