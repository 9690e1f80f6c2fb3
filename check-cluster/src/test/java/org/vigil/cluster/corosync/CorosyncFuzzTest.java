package org.vigil.cluster.corosync;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;

/**
 * Random line soup built from the format's own pieces (the damaged-fixture matrix is in the
 * adversarial test): parser plus policy answer with subchecks or a {@link ParseException},
 * nothing else.
 */
class CorosyncFuzzTest {
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
      String input = sb.toString();
      String file = round % 2 == 0 ? "x.quorumtool" : "x.cfgtool";
      ParseErrors.acceptedOrRefused(() -> evaluate(file, input, "fuzz"), "fuzz", input);
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
