package org.vigil.raid.cli;

import java.util.List;
import java.util.Map;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.ManifestVerdictTest;

/** Every md and btrfs fixture through check_raid, against its manifest verdict and golden. */
class FixtureVerdictTest extends ManifestVerdictTest {
  @Override
  protected String service() {
    return CheckRaid.SERVICE;
  }

  @Override
  protected List<String> areas() {
    return List.of("mdadm", "btrfs", "btrfs-real");
  }

  @Override
  protected Map<String, String> inputOptions() {
    return RaidHarness.INPUTS;
  }

  @Override
  protected PluginRun run(String[] args) {
    return RaidHarness.run(args);
  }
}
