package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each collector against a fixture tree, rendered by the adapter exactly as /metrics serves it,
 * compared with src/test/resources/golden/SCENARIO.COLLECTOR.prom. Regenerate after a reviewed
 * change with {@code -Dvigil.updateGolden=true}.
 */
class CollectorGoldenTest {
  @TempDir Path tmp;

  @Test
  void drbd84ResyncAndStalledResync() throws Exception {
    golden("degraded", "drbd", new DrbdCollector().collect(Roots.sources("degraded")));
  }

  @Test
  void drbd9RunsDrbdsetup() throws Exception {
    Sources sources = Roots.sources("drbd9", Roots.fakeDrbdsetup(tmp));
    golden("drbd9", "drbd", new DrbdCollector().collect(sources));
  }

  @Test
  void mdFourSyncActionsWithSysfs() throws Exception {
    golden("degraded", "md", new MdCollector().collect(Roots.sources("degraded")));
  }

  @Test
  void mdWithoutSysfsTree() throws Exception {
    golden("broken-drbd", "md", new MdCollector().collect(Roots.sources("broken-drbd")));
  }

  private static void golden(String scenario, String collector, List<MetricFamily> families)
      throws Exception {
    String text = PrometheusAdapter.text(families);
    Path file = Roots.GOLDEN.resolve(scenario + "." + collector + ".prom");
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }
    assertThat(text).isEqualTo(Files.readString(file));
  }
}
