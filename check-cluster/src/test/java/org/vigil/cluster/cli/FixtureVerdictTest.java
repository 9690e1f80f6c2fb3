package org.vigil.cluster.cli;

import java.util.List;
import java.util.Map;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.ManifestVerdictTest;

/** Every crm_mon, corosync and heartbeat fixture through check_cluster, with goldens. */
class FixtureVerdictTest extends ManifestVerdictTest {
  @Override
  protected String service() {
    return CheckCluster.SERVICE;
  }

  @Override
  protected List<String> areas() {
    return List.of("cluster", "corosync", "heartbeat");
  }

  @Override
  protected Map<String, String> inputOptions() {
    return ClusterHarness.INPUTS;
  }

  @Override
  protected PluginRun run(String[] args) {
    return ClusterHarness.run(args);
  }
}
