package org.vigil.exporter;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.vigil.core.CommandRunner;

/** The fixture trees under src/test/resources/roots and the golden files. */
final class Roots {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  private Roots() {}

  static Path root(String scenario) {
    try {
      return Path.of(Roots.class.getResource("/roots/" + scenario).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sources of a scenario; drbdsetup is a missing path unless the scenario needs one. */
  static Sources sources(String scenario, Path drbdsetup) {
    Path root = root(scenario);
    return new Sources(root.resolve("proc"), root.resolve("sys"), drbdsetup,
        Duration.ofSeconds(5), new CommandRunner());
  }

  static Sources sources(String scenario) {
    return sources(scenario, root(scenario).resolve("no-drbdsetup"));
  }

  /** A fake drbdsetup in {@code dir} that prints the drbd9 scenario's JSON. */
  static Path fakeDrbdsetup(Path dir) throws IOException {
    Path script = dir.resolve("drbdsetup");
    Files.writeString(script, "#!/bin/sh\n[ \"$1 $2\" = 'status --json' ] || exit 20\nexec cat '"
        + root("drbd9").resolve("drbdsetup-status.json") + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  static Scraper scraper(Sources sources, List<String> log) {
    return new Scraper(List.of(
        new Scraper.Enabled(new DrbdCollector(), Scraper.Mode.AUTO),
        new Scraper.Enabled(new MdCollector(), Scraper.Mode.AUTO)),
        sources, "test", log::add);
  }
}
