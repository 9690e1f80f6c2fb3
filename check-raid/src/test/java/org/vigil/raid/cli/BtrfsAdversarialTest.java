package org.vigil.raid.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.fixtures.AdversarialFixtureTest;
import org.vigil.raid.btrfs.DeviceStatsCounter;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.RawScrubCounter;
import org.vigil.raid.btrfs.ScrubState;
import org.vigil.raid.btrfs.ScrubStatusParser;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;

/** The adversarial matrix over every btrfs fixture (scrub status in every era, device stats). */
class BtrfsAdversarialTest extends AdversarialFixtureTest {
  // Raw scrub counters, device-stats counters, error summary counts.
  private static final Pattern NUMBERS = Pattern.compile(
      "^\\s+[a-z_]+: (\\d+)$|\\]\\.[a-z_]+\\s+(\\d+)$|(?:Corrected|Uncorrectable|Unverified):"
          + "\\s+(\\d+)$", Pattern.MULTILINE);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  protected String area() {
    return "btrfs";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    if (fixture.toString().endsWith(".device-stats")) {
      return BtrfsPolicy.evaluate("fs", Optional.empty(),
          Optional.of(new DeviceStatsParser().parse(text, source)), BtrfsPolicyOptions.defaults(),
          NOW);
    }
    return BtrfsPolicy.evaluate("fs", Optional.of(new ScrubStatusParser().parse(text, source)),
        Optional.empty(), BtrfsPolicyOptions.defaults(), NOW);
  }

  @Override
  protected Collection<String> stateWords() {
    Set<String> words = new LinkedHashSet<>();
    for (ScrubState s : ScrubState.values()) {
      if (s.word().matches("[a-z]+")) {
        words.add(s.word());
      }
    }
    words.addAll(DeviceStatsCounter.VOCABULARY.tokens());
    words.addAll(RawScrubCounter.VOCABULARY.tokens());
    return words;
  }

  @Override
  protected Pattern numbers() {
    return NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    return RaidHarness.run(fixture.toString().endsWith(".device-stats")
        ? "--btrfs-device-stats" : "--btrfs-scrub-status", file.toString(),
        "--now", NOW.toString());
  }

  @Override
  protected Pattern statusLine() {
    return RaidHarness.STATUS_LINE;
  }
}
