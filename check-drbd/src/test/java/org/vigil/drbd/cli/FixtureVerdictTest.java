package org.vigil.drbd.cli;

import java.util.List;
import java.util.Map;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.ManifestVerdictTest;

/** Every DRBD fixture through check_drbd, against its manifest verdict and golden output. */
class FixtureVerdictTest extends ManifestVerdictTest {
  @Override
  protected String service() {
    return "DRBD";
  }

  @Override
  protected List<String> areas() {
    return List.of("drbd");
  }

  @Override
  protected Map<String, String> inputOptions() {
    return Map.of(".json", "--status-json", ".proc-drbd", "--proc-drbd");
  }

  @Override
  protected List<String> defaultOptions() {
    return List.of("--drbdsetup", "/nonexistent/drbdsetup");
  }

  @Override
  protected PluginRun run(String[] args) {
    PluginHarness.Run run = PluginHarness.run(args);
    return new PluginRun(run.exitCode(), run.stdout());
  }
}
