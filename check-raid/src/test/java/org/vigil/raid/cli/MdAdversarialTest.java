package org.vigil.raid.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.fixtures.AdversarialFixtureTest;
import org.vigil.raid.md.ArrayState;
import org.vigil.raid.md.DetailStateFlag;
import org.vigil.raid.md.DeviceRowState;
import org.vigil.raid.md.MdLevel;
import org.vigil.raid.md.MdSyncAction;
import org.vigil.raid.md.MdadmDetailParser;
import org.vigil.raid.md.MdstatArrayState;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/** The adversarial matrix over every md fixture (/proc/mdstat and mdadm --detail). */
class MdAdversarialTest extends AdversarialFixtureTest {
  // Array sizes, slot counts, member slots, resync speed; mdadm --detail device counts.
  private static final Pattern NUMBERS = Pattern.compile(
      "(\\d+) blocks|\\[(\\d+)/\\d+\\]|speed=(\\d+)K/sec"
          + "|(?:Raid|Total|Active|Working|Failed|Spare) Devices : (\\d+)");

  @Override
  protected String area() {
    return "mdadm";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    if (fixture.toString().endsWith(".detail")) {
      return MdPolicy.evaluate(Optional.empty(),
          List.of(new MdadmDetailParser().parse(text, source)), Map.of(),
          MdPolicyOptions.defaults());
    }
    return MdPolicy.evaluate(Optional.of(new MdstatParser().parse(text, source)), List.of(),
        Map.of(), MdPolicyOptions.defaults());
  }

  @Override
  protected Collection<String> stateWords() {
    return words(MdstatArrayState.VOCABULARY, MdLevel.VOCABULARY, MdSyncAction.VOCABULARY,
        ArrayState.VOCABULARY, DetailStateFlag.VOCABULARY, DeviceRowState.VOCABULARY);
  }

  @Override
  protected Pattern numbers() {
    return NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    return RaidHarness.run(fixture.toString().endsWith(".detail") ? "--mdadm-detail" : "--mdstat",
        file.toString());
  }

  @Override
  protected Pattern statusLine() {
    return RaidHarness.STATUS_LINE;
  }
}
