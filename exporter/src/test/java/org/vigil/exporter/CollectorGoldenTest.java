package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole scrape of each fixture tree, every collector on its default, rendered by the adapter
 * exactly as /metrics serves it (durations masked), compared with
 * src/test/resources/golden/SCENARIO.prom. Regenerate after a reviewed change with {@code
 * -Dvigil.updateGolden=true}.
 */
class CollectorGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"degraded", "drbd9", "broken-drbd"})
  void scrapeOfFixtureTreeMatchesGolden(String scenario) throws Exception {
    String text;
    try (Scraper scraper = Roots.scraper(Roots.sources(scenario), new ArrayList<>())) {
      text = Roots.stableText(scraper.scrape());
    }
    Path file = Roots.GOLDEN.resolve(scenario + ".prom");
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }
    assertThat(text).isEqualTo(Files.readString(file));
  }
}
