package org.vigil.drbd.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
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
  void procDrbd(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> DrbdPolicy.evaluate(
        new ProcDrbdParser().parse(text, SOURCE), DrbdPolicyOptions.defaults()));
  }

  @FuzzTest(maxDuration = "30s")
  void statusJson(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> DrbdPolicy.evaluate(
        new StatusJsonParser().parse(text, SOURCE), DrbdPolicyOptions.defaults()));
  }
}
