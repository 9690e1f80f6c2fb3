package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code vigil fleet-check} is a subcommand of {@code vigil} (the command itself: fleet.*Test). */
class VigilFleetCheckTest {
  private record Run(int exit, String out, String err) {}

  private static Run vigil(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VigilMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    return new Run(exit, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void isListedAndHasHelpAndVersion() {
    assertThat(vigil("--help").out()).contains("fleet-check  Scrapes the vigil-exporter");
    assertThat(vigil("fleet-check", "--help").out()).contains("--peer=[NAME=]URL");
    Run version = vigil("fleet-check", "--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).isEqualTo("vigil fleet-check " + ExporterMain.version() + "\n");
  }

  @Test
  void withoutPeersItIsAUsageErrorExitingUnknown() {
    Run r = vigil("fleet-check");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("Missing required option: '--peer=[NAME=]URL'");
  }
}
