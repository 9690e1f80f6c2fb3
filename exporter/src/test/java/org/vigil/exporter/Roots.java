package org.vigil.exporter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fixture trees under src/test/resources/roots (used in place, not from the class path, so
 * that their stand-in tools keep the executable bit) and the golden files.
 */
final class Roots {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path ROOTS = Path.of("src/test/resources/roots").toAbsolutePath();
  private static final Pattern DURATION = Pattern.compile(
      "(?m)^(" + Scraper.DURATION + "\\{[^}]*\\}) [0-9.eE-]+$");

  private Roots() {}

  static Path root(String scenario) {
    return ROOTS.resolve(scenario);
  }

  /** Everything of a scenario under its root, tools included. */
  static Sources sources(String scenario) {
    return Sources.underRoot(root(scenario));
  }

  /** Every collector on AUTO, as the exporter runs by default. */
  static Scraper scraper(Sources sources, List<String> log) {
    List<Scraper.Enabled> all = new ArrayList<>();
    for (VigilCollector c : Collectors.all()) {
      all.add(new Scraper.Enabled(c, Scraper.Mode.AUTO));
    }
    return new Scraper(all, sources, "test", log::add);
  }

  /** A whole scrape as text, with the durations (which vary) replaced by 0.0. */
  static String stableText(List<MetricFamily> families) {
    return DURATION.matcher(PrometheusAdapter.text(families)).replaceAll("$1 0.0");
  }

  /** One whole scrape as text, the scraper closed afterwards. */
  static String scrapeText(Scraper scraper) {
    try (scraper) {
      return PrometheusAdapter.text(scraper.scrape());
    }
  }

  /** An executable /bin/sh script DIR/NAME with these lines, as a stand-in tool. */
  static Path script(Path dir, String name, String... lines) throws java.io.IOException {
    Path p = dir.resolve(name);
    java.nio.file.Files.writeString(p, "#!/bin/sh\n" + String.join("\n", lines) + "\n",
        java.nio.charset.StandardCharsets.UTF_8);
    java.nio.file.Files.setPosixFilePermissions(p,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
