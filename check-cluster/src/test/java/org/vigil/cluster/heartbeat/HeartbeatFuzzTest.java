package org.vigil.cluster.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;

/**
 * Seeded damage to every heartbeat fixture: byte flips, truncation at every line boundary and mid
 * line, every vocabulary word made unknown, every number made {@code 12x}. Parser plus policy may
 * answer with subchecks or a {@link ParseException}, nothing else.
 */
class HeartbeatFuzzTest {
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
    String[] pieces = {"# cl_status hbstatus\n", "Heartbeat is running on this machine.\n",
        "# cl_status listnodes\n", "node1\n", "node2\n", "# cl_status nodestatus node1\n",
        "# cl_status nodestatus node2\n", "active\n", "dead\n", "# cl_status rscstatus\n",
        "none\n", "# uname -n\n", "Heartbeat is stopped on this machine.\n", "\n"};
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(14); n >= 0; n--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      accepted(Path.of("x.cl_status"), sb.toString(), "soup " + round);
    }
  }

  private static Object evaluate(String file, String text, String source)
      throws ParseException {
    return org.vigil.cluster.policy.HeartbeatPolicy.evaluate(
        ClStatusParser.parseReport(text, source));
  }
}
