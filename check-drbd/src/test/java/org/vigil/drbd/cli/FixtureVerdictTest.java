package org.vigil.drbd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.State;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * Every DRBD fixture through the whole plugin: the verdict a person wrote in the manifest, the
 * fragments the output must contain, and the exact output pinned in a golden file (output text is
 * part of the interface). Regenerate goldens with -Dvigil.updateGolden=true and review the diff.
 */
class FixtureVerdictTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static List<FixtureCase> cases() {
    return Fixtures.manifest("drbd");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdict_matches_the_manifest(FixtureCase c) throws IOException {
    PluginHarness.Run run = PluginHarness.run(PluginHarness.args(c));
    State expected = State.valueOf(c.status());
    assertThat(run.firstLine()).matches(PluginHarness.STATUS_LINE);
    assertThat(run.firstLine()).startsWith("DRBD " + expected + " - ");
    assertThat(run.exitCode()).as(run.stdout()).isEqualTo(expected.exitCode());
    for (String fragment : c.fragments()) {
      assertThat(run.stdout()).as("fragment of " + c).contains(fragment);
    }
    assertThat(run.stdout()).doesNotContain("Exception", "\tat ");
    Path golden = GOLDEN.resolve(goldenName(c));
    String actual = PluginHarness.portable(run.stdout());
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file; create with -Dvigil.updateGolden=true").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  private static String goldenName(FixtureCase c) {
    String suffix = c.args().isEmpty() ? ""
        : "__" + String.join("_", c.args()).replaceAll("[^A-Za-z0-9.-]", "-");
    return c.file() + suffix + ".out";
  }
}
