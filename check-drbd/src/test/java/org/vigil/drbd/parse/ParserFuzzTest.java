package org.vigil.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.ProcConnectionState;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.fixtures.ParseErrors;

/**
 * Generates inputs near the grammar (valid pieces in random order, random vocabulary, random
 * numbers and separators) and random text. Seeds are fixed so a failure can be replayed; the
 * property is the same as everywhere: a model that the policy can evaluate, or a ParseException.
 */
class ParserFuzzTest {
  private static final int ROUNDS = 3000;
  private static final List<String> HEADERS = List.of(
      "version: 8.4.11-1 (api:1/proto:86-101)\nGIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c"
          + " build by x@y, 2018-04-26 12:10:42\n",
      "version: 8.0.16 (api:86/proto:86)\nSVN Revision: 2947 build by x@y, 2008-01-01 00:00:00\n",
      "version: 0.7.25 (api:79/proto:74)\nSVN Revision: 3030 build by x@y, 2009-01-01 00:00:00\n",
      "version: 9.2.8 (api:2/proto:86-122)\nGIT-hash: e163b05a76254c0f51f999970e861d72bb16409a"
          + " build by x, 2024\nTransports (api:20): tcp (9.2.8)\n",
      "version: 9.2.8 (api:2/proto:86-122) (compat 8.4)\nsrcversion: 1A9F77B1CA5FF92235C2213 \n",
      "");
  private static final String ALPHABET = " \t\n:/=,.-_[]{}\"'0123456789acdeinoprstuwxyzACDPSU|>";

  private final Random random = new Random(20261125L);

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private String number() {
    return switch (random.nextInt(6)) {
      case 0 -> "0";
      case 1 -> Long.toString(random.nextInt(100000));
      case 2 -> Long.toString(random.nextLong());
      case 3 -> "99999999999999999999";
      case 4 -> "-" + random.nextInt(10);
      default -> Integer.toString(random.nextInt(3));
    };
  }

  private String procDeviceBlock(int minor) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%2d: cs:%s %s:%s/%s ", minor, pick(ProcConnectionState.values()).token(),
        random.nextBoolean() ? "ro" : "st", pick(Role.values()).token(), pick(Role.values()).token()));
    if (random.nextInt(5) == 0) {
      sb.append("ld:").append(pick(DiskState.values()).token());
    } else {
      sb.append("ds:").append(pick(DiskState.values()).token()).append('/')
          .append(pick(DiskState.values()).token()).append(' ').append(pick(List.of("A", "B", "C", " ")))
          .append(' ').append(pick(List.of("r-----", "s---", "r---", "rapuds", "r--u-", "r----s")));
    }
    sb.append('\n');
    if (random.nextInt(10) != 0) {
      sb.append("    ");
      for (String c : List.of("ns", "nr", "dw", "dr", "al", "bm", "lo", "pe", "ua", "ap", "ep")) {
        if (random.nextInt(20) != 0) {
          sb.append(c).append(':').append(number()).append(' ');
        }
      }
      sb.append("wo:").append(pick(List.of("b", "f", "d", "n", "x"))).append(" oos:").append(number())
          .append('\n');
    }
    if (random.nextInt(4) == 0) {
      sb.append("\t[==>.................] ").append(random.nextBoolean() ? "sync'ed" : "verified")
          .append(": ").append(random.nextInt(120)).append('.').append(random.nextInt(10))
          .append("% (").append(number()).append('/').append(number()).append(")K\n");
      sb.append(random.nextBoolean() ? "\tstalled\n"
          : "\tfinish: 0:01:02 speed: " + number() + " (1,000) want: 2,000 K/sec\n");
    }
    return sb.toString();
  }

  @Test
  void proc_drbd_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder text = new StringBuilder(pick(HEADERS));
      int devices = random.nextInt(4);
      for (int d = 0; d < devices; d++) {
        if (random.nextInt(5) == 0) {
          text.append('\n');
        }
        text.append(procDeviceBlock(d + random.nextInt(2)));
      }
      if (random.nextInt(8) == 0) {
        text.setLength(random.nextInt(text.length() + 1));
      }
      if (check(() -> new ProcDrbdParser().parse(text.toString(), "fuzz"), text.toString())) {
        parsed++;
      }
    }
    // The generator must reach the valid part of the grammar, or the test proves little.
    assertThat(parsed).isGreaterThan(ROUNDS / 50);
  }

  @Test
  void status_json_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String json = "[{\"name\":\"r" + random.nextInt(3) + "\",\"role\":\"" + pick(Role.values()).token()
          + "\"," + (random.nextBoolean() ? "\"suspended\":" + random.nextBoolean() + "," : "")
          + "\"devices\":[{\"volume\":" + number() + ",\"minor\":" + number()
          + ",\"disk-state\":\"" + pick(DiskState.values()).token() + "\",\"quorum\":"
          + random.nextBoolean() + "}],\"connections\":[{\"name\":\"peer\",\"connection-state\":\""
          + pick(List.of("Connected", "Connecting", "StandAlone", "WFConnection"))
          + "\",\"peer-role\":\"" + pick(Role.values()).token() + "\",\"peer_devices\":[{\"volume\":0,"
          + "\"replication-state\":\"" + pick(ReplicationState.values()).token()
          + "\",\"peer-disk-state\":\"" + pick(DiskState.values()).token() + "\",\"out-of-sync\":"
          + number() + ",\"percent-in-sync\":" + number() + "}]}]}]\n";
      if (random.nextInt(5) == 0) {
        json = json.substring(0, random.nextInt(json.length()));
      }
      String input = json;
      if (check(() -> new StatusJsonParser().parse(input, "fuzz"), input)) {
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(ROUNDS / 50);
  }

  @Test
  void random_text() {
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder sb = new StringBuilder(random.nextBoolean() ? pick(HEADERS) : "");
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = sb.toString();
      check(() -> new ProcDrbdParser().parse(text, "fuzz"), text);
      check(() -> new StatusJsonParser().parse(text, "fuzz"), text);
    }
  }

  /** True if the input parsed and evaluated; a ParseException is fine; anything else fails. */
  private static boolean check(ParseCall call, String input) {
    return ParseErrors.acceptedOrRefused(
        () -> DrbdPolicy.evaluate(call.parse(), DrbdPolicyOptions.defaults()), "fuzz", input);
  }

  interface ParseCall {
    DrbdStatus parse() throws ParseException;
  }
}
