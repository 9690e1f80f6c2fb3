package org.vigil.cluster.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.ParseException;
import org.vigil.core.PluginOutput;
import org.vigil.fixtures.Fixtures;

/**
 * Seeded fuzzing: mutations of real captures (attribute values swapped for vocabulary words,
 * numbers, junk; elements dropped, duplicated, truncated) and random text. The property: a model
 * the policy can evaluate and render, or a ParseException naming the source — nothing else.
 */
class CrmMonFuzzTest {
  private static final int ROUNDS = 2500;
  private static final List<String> SEEDS = List.of(
      "2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml",
      "legacy-2.0.0-sap-hana-failcount-at-threshold.crm_mon.xml",
      "3.0.2-cts-basic-bundle-replica-stopped.crm_mon.xml",
      "fence-history-failed.crm_mon.xml",
      "status-102-not-connected.crm_mon.xml",
      "2.1.5-bundles-controller-unclean-replicas-failed.crm_mon.xml");
  private static final List<String> WORDS = List.of("true", "false", "True", "", "0", "1", "-1",
      "INFINITY", "99999999999", "Started", "Stopped", "Promoted", "Master", "member", "remote",
      "guest", "failed", "pending", "granted", "docker", "stop", "ignore", "&amp;", "&lt;x",
      "2.25", "X", "\u00e9", " ");
  private final Random random = new Random(20260106L);

  private String mutate(String text) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int kind = random.nextInt(6);
      if (sb.length() == 0) {
        break;
      }
      int at = random.nextInt(sb.length());
      switch (kind) {
        case 0, 1 -> { // replace an attribute value
          int q = sb.indexOf("=\"", at);
          if (q >= 0) {
            int end = sb.indexOf("\"", q + 2);
            if (end > 0) {
              sb.replace(q + 2, end, WORDS.get(random.nextInt(WORDS.size())));
            }
          }
        }
        case 2 -> sb.setLength(at); // truncate
        case 3 -> { // drop a line
          int s = sb.lastIndexOf("\n", at);
          int t = sb.indexOf("\n", at);
          if (s >= 0 && t > s) {
            sb.delete(s, t);
          }
        }
        case 4 -> { // duplicate a line
          int s = sb.lastIndexOf("\n", at);
          int t = sb.indexOf("\n", at);
          if (s >= 0 && t > s) {
            sb.insert(t, sb.substring(s, t));
          }
        }
        default -> sb.insert(at, "<>&\"'/x=\n".charAt(random.nextInt(9)));
      }
    }
    return sb.toString();
  }

  private String randomText() {
    String alphabet = "<>/=\" \n\tabcdeilmnoprstuy_-0123456789!?&;[]";
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(200);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void only_parse_exceptions_escape() {
    List<String> seeds = SEEDS.stream()
        .map(f -> new String(Fixtures.bytes("cluster", f), StandardCharsets.UTF_8)).toList();
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String text = random.nextInt(10) == 0 ? randomText()
          : mutate(seeds.get(random.nextInt(seeds.size())));
      try {
        CrmMon crm = CrmMonXmlParser.parse(text, "fuzz");
        String out = PluginOutput.render(
            PacemakerPolicy.result(crm, PacemakerPolicyOptions.defaults().withWarnBans(true)), 1);
        assertThat(out).startsWith("CLUSTER ");
        parsed++;
      } catch (ParseException e) {
        assertThat(e.source()).isEqualTo("fuzz");
        assertThat(e.line()).isBetween(0, text.split("\n", -1).length + 1);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("round " + round + " escaped " + e + " on:\n" + text, e);
      }
    }
    assertThat(parsed).as("some mutants must still parse").isGreaterThan(ROUNDS / 20);
  }
}
