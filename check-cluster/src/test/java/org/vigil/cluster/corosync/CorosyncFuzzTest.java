package org.vigil.cluster.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;

/**
 * Seeded damage to every corosync fixture: byte flips, truncation at every line boundary and mid
 * line, every vocabulary word made unknown, every number made {@code 12x}. Parser plus policy may
 * answer with subchecks or a {@link ParseException}, nothing else.
 */
class CorosyncFuzzTest {
  /** True when accepted, false when refused; any other exception fails the test. */
  static boolean accepted(Path fixture, String text, String what) {
    try {
      evaluate(fixture.getFileName().toString(), text, "fuzz");
      return true;
    } catch (ParseException e) {
      assertThat(e.source()).isEqualTo("fuzz");
      assertThat(e.line()).as(what).isBetween(0, (int) text.lines().count() + 1);
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + " of " + fixture.getFileName() + " threw " + e, e);
    }
  }

  @Test
  void random_line_soup_only_parse_errors() {
    String[] pieces = {"Quorum information\n", "Flags:            Quorate \n", "LINK ID 0 udp\n",
        "\taddr\t= 10.0.0.1\n", "\tstatus:\n", "\t\tnodeid:   1:\tlocalhost\n", "RING ID 0\n",
        "Nodes:            2\n", "\n", "Printing ring status.\n", "Local node ID 1\n",
        "Local node ID 1, transport knet\n", "         1          1 n (local)\n"};
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(12); n >= 0; n--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      accepted(Path.of(round % 2 == 0 ? "x.quorumtool" : "x.cfgtool"), sb.toString(),
          "soup " + round);
    }
  }

  private static Object evaluate(String file, String text, String source)
      throws ParseException {
    return file.endsWith(".cfgtool")
        ? org.vigil.cluster.policy.CorosyncPolicy.evaluate(
            java.util.Optional.empty(), java.util.Optional.of(CfgtoolParser.parse(text, source)))
        : org.vigil.cluster.policy.CorosyncPolicy.evaluate(
            java.util.Optional.of(QuorumtoolParser.parse(text, source)), java.util.Optional.empty());
  }
}
