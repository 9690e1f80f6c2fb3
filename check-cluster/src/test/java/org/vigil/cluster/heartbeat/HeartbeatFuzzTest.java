package org.vigil.cluster.heartbeat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;

/**
 * Random line soup built from the format's own pieces (the damaged-fixture matrix is in the
 * adversarial test): parser plus policy answer with subchecks or a {@link ParseException},
 * nothing else.
 */
class HeartbeatFuzzTest {
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
      String input = sb.toString();
      String file = "x.cl_status";
      ParseErrors.acceptedOrRefused(() -> evaluate(file, input, "fuzz"), "fuzz", input);
    }
  }

  private static Object evaluate(String file, String text, String source)
      throws ParseException {
    return org.vigil.cluster.policy.HeartbeatPolicy.evaluate(
        ClStatusParser.parseReport(text, source));
  }
}
