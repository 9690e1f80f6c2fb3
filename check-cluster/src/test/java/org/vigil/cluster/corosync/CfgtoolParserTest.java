package org.vigil.cluster.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.fixtures.ParseErrors.assertParseError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

class CfgtoolParserTest {
  static String fixture(String file) {
    return new String(Fixtures.bytes("corosync", file), StandardCharsets.UTF_8);
  }

  static Cfgtool parse(String text) throws ParseException {
    return CfgtoolParser.parse(text, "cfgtool");
  }

  @Test
  void corosync_2_rings_one_faulty_in_both_whitespace_variants() throws Exception {
    for (String f : List.of("2.x-ring0-faulty.cfgtool", "2.x-ring0-faulty-indented.cfgtool")) {
      Cfgtool c = parse(fixture(f));
      assertThat(c.format()).isEqualTo(CfgtoolFormat.RINGS);
      assertThat(c.localNodeId()).isEqualTo(16777226L);
      assertThat(c.links()).containsExactly(
          new CorosyncLink(0, Optional.empty(), "10.0.0.1", Optional.of(InterfaceStatus.FAULTY),
              List.of()),
          new CorosyncLink(1, Optional.empty(), "172.16.0.1", Optional.of(InterfaceStatus.ACTIVE),
              List.of()));
    }
    assertThat(parse(fixture("2.x-seqid-ring1-faulty.cfgtool")).links().get(1).interfaceStatus())
        .contains(InterfaceStatus.FAULTY);
  }

  @Test
  void corosync_3_0_udp_status_ok() throws Exception {
    Cfgtool c = parse(fixture("3.0-udp-status-ok.cfgtool"));
    assertThat(c.format()).isEqualTo(CfgtoolFormat.LINKS_3_0);
    assertThat(c.links()).containsExactly(new CorosyncLink(0, Optional.empty(), "128.1.0.86",
        Optional.of(InterfaceStatus.OK), List.of()));
    assertThat(c.perNode()).isFalse();
  }

  @Test
  void corosync_3_0_1_early_knet_with_enabled_artifact() throws Exception {
    Cfgtool c = parse(fixture("3.0.1-knet-enabled0-artifact.cfgtool"));
    assertThat(c.format()).isEqualTo(CfgtoolFormat.LINKS_3_0_EARLY);
    assertThat(c.localNodeId()).isEqualTo(2);
    assertThat(c.links().get(1).peers()).containsExactly(
        new LinkPeer(0, Optional.of(true), PeerLinkState.CONNECTED),
        new LinkPeer(1, Optional.of(false), PeerLinkState.CONNECTED));
  }

  @Test
  void corosync_3_0_2_nodeid_form() throws Exception {
    Cfgtool c = parse(fixture("3.0.2-link1-node2-disconnected.cfgtool"));
    assertThat(c.format()).isEqualTo(CfgtoolFormat.LINKS_3_0);
    assertThat(c.links().get(1).peers()).containsExactly(
        new LinkPeer(1, Optional.empty(), PeerLinkState.LOCALHOST),
        new LinkPeer(2, Optional.empty(), PeerLinkState.DISCONNECTED));
  }

  @Test
  void corosync_3_1_knet() throws Exception {
    Cfgtool c = parse(fixture("3.1.7-knet-two-links-ok.cfgtool"));
    assertThat(c.format()).isEqualTo(CfgtoolFormat.LINKS_3_1);
    assertThat(c.transport()).contains(Transport.KNET);
    assertThat(c.links()).hasSize(2);
    assertThat(c.links().get(0)).isEqualTo(new CorosyncLink(0, Optional.of(LinkTransport.UDP),
        "10.10.11.2", Optional.empty(), List.of(
            new LinkPeer(1, Optional.empty(), PeerLinkState.CONNECTED),
            new LinkPeer(2, Optional.empty(), PeerLinkState.LOCALHOST))));
    Cfgtool single = parse(fixture("3.1.3-single-node-localhost.cfgtool"));
    assertThat(single.links().get(0).transport()).isEmpty();
    assertThat(parse(fixture("3.1-link1-knet-error.cfgtool")).links().get(1).peers().get(0)
        .state()).isEqualTo(PeerLinkState.KNET_ERROR);
    assertThat(parse(fixture("3.1-ipv6-single-link-ok.cfgtool")).links().get(0).address())
        .isEqualTo("fd00::1");
  }

  static Stream<Arguments> failures() {
    String ring = fixture("2.x-two-rings-ok.cfgtool");
    String k31 = fixture("3.1.7-knet-two-links-ok.cfgtool");
    String k301 = fixture("3.0.1-knet-enabled0-artifact.cfgtool");
    return Stream.of(
        Arguments.of("", 0, "empty input", null),
        Arguments.of("Printing ring status.", 1, "no newline", null),
        Arguments.of("Could not initialize corosync configuration API error 2\n", 1,
            "unknown corosync-cfgtool output", null),
        Arguments.of("Printing ring status.\nLocal node ID 5\n", 2, "no ring or link listed", null),
        Arguments.of(ring.replace("Local node ID 739312183", "Local node ID 12x"), 2,
            "node ID is not a number", "12x"),
        Arguments.of(ring.replace("ring 1 active", "ring 0 active"), 8, "another ring", "0"),
        Arguments.of(ring.replace("ring 1 active with no faults", "ring 1 degraded"), 8,
            "unknown ring status", "ring 1 degraded"),
        Arguments.of(ring.replace("= 10.0.2.55", "= 10.0.2.256"), 7, "not a numeric IP address",
            "10.0.2.256"),
        Arguments.of(ring.replace("RING ID 1", "RING ID 0"), 8, "another ring", "1"),
        Arguments.of(k31.replace("transport knet", "transport token"), 1,
            "unknown corosync transport", "token"),
        Arguments.of(k31.replace("LINK ID 1 udp", "LINK ID 1 tcp"), 7,
            "unknown knet link transport", "tcp"),
        Arguments.of(k31.replace("connected\n", "half-connected\n"), 5, "unknown knet link state",
            "half-connected"),
        Arguments.of(k31.replace("nodeid:          2:     localhost", "nodeid: 2: connected"), 6,
            "exactly once as localhost", null),
        Arguments.of(k31.substring(0, k31.indexOf("LINK ID 1") + 14), 7, "ends before the 'addr ='",
            null),
        Arguments.of(k31.substring(0, k31.indexOf("        status:\n", 60)), 3, "ends before",
            null),
        Arguments.of(k301.replace("link connected:1\nLINK", "link connected:2\nLINK"), 7,
            "expected 0 or 1", "2"),
        Arguments.of(k301.replace("node 1: link enabled:0", "node 0: link enabled:0"), 12,
            "node listed twice", null));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void refuses(String text, int line, String reason, String token) {
    assertParseError(() -> parse(text), "cfgtool", line, reason, token);
  }
}
