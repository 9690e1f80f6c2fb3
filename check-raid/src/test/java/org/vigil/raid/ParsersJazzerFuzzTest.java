package org.vigil.raid;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.fixtures.ParseErrors;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.ScrubStatusParser;
import org.vigil.raid.md.MdadmDetailParser;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/**
 * Coverage-guided fuzz tests (Jazzer). In a normal {@code mvn test} each replays its seed corpus
 * and every recorded finding from {@code src/test/resources/.../ParsersJazzerFuzzTestInputs/<method>/};
 * with {@code JAZZER_FUZZ=1} one selected test fuzzes (packaging/bench/fuzz.sh). Property: the bytes,
 * read as a check reads a file, parse into a model the policy evaluates, or are refused with a
 * ParseException naming a line and a reason; nothing else escapes.
 */
class ParsersJazzerFuzzTest {
  private static final String SOURCE = "fuzz";
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @FuzzTest(maxDuration = "30s")
  void mdstat(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> MdPolicy.evaluate(
        Optional.of(new MdstatParser().parse(text, SOURCE)), List.of(), Map.of(),
        MdPolicyOptions.defaults()));
  }

  @FuzzTest(maxDuration = "30s")
  void mdadmDetail(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> MdPolicy.evaluate(Optional.empty(),
        List.of(new MdadmDetailParser().parse(text, SOURCE)), Map.of(), MdPolicyOptions.defaults()));
  }

  @FuzzTest(maxDuration = "30s")
  void btrfsScrubStatus(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> BtrfsPolicy.evaluate("fs",
        Optional.of(new ScrubStatusParser(ZoneOffset.UTC).parse(text, SOURCE)), Optional.empty(),
        BtrfsPolicyOptions.defaults(), NOW));
  }

  @FuzzTest(maxDuration = "30s")
  void btrfsDeviceStats(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> BtrfsPolicy.evaluate("fs",
        Optional.empty(), Optional.of(new DeviceStatsParser().parse(text, SOURCE)),
        BtrfsPolicyOptions.defaults(), NOW));
  }
}
