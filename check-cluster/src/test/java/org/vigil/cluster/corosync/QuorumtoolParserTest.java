package org.vigil.cluster.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.fixtures.ParseErrors.assertParseError;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

class QuorumtoolParserTest {
  static String fixture(String file) {
    return new String(Fixtures.bytes("corosync", file), StandardCharsets.UTF_8);
  }

  static Quorumtool parse(String text) throws ParseException {
    return QuorumtoolParser.parse(text, "quorumtool");
  }

  @Test
  void corosync_3_0_3_with_qdevice() throws Exception {
    Quorumtool q = parse(fixture("3.0.3-qdevice-ok.quorumtool"));
    assertThat(q.date()).isEqualTo(LocalDateTime.of(2020, 7, 17, 14, 0, 20));
    assertThat(q.provider()).isEqualTo(QuorumProvider.VOTEQUORUM);
    assertThat(q.nodes()).isEqualTo(2);
    assertThat(q.localNodeId()).isEqualTo(1);
    assertThat(q.ringId()).isEqualTo(new RingId(RingId.Form.DOT_HEX, OptionalLong.of(1), 0x16d));
    assertThat(q.quorate()).isTrue();
    Votequorum v = q.votequorum().orElseThrow();
    assertThat(v).isEqualTo(new Votequorum(3, 3, 3, 2, false,
        Set.of(QuorumFlag.QUORATE, QuorumFlag.QDEVICE)));
    assertThat(q.members()).containsExactly(
        new QuorumMember(1, 1, Optional.of(new QdeviceState(true, true, true, false)),
            "node1.local", true),
        new QuorumMember(2, 1, Optional.of(new QdeviceState(true, true, true, false)),
            "node2.local", false));
    assertThat(q.qdevice()).contains(new QdeviceRow(1, "Qdevice", OptionalInt.empty()));
    assertThat(q.qdeviceInUse()).isTrue();
  }

  @Test
  void corosync_2_4_machine_parsable_with_unregistered_local_qdevice() throws Exception {
    Quorumtool q = parse(fixture("2.4-p-2node-qdevice-local-nr.quorumtool"));
    assertThat(q.ringId().form()).isEqualTo(RingId.Form.SLASH_DECIMAL);
    assertThat(q.ringId().text()).isEqualTo("1084783375/40");
    assertThat(q.votequorum().orElseThrow().flags())
        .containsExactlyInAnyOrder(QuorumFlag.TWO_NODE, QuorumFlag.QUORATE);
    assertThat(q.members().get(0).qdevice()).contains(QdeviceState.NOT_REGISTERED);
    assertThat(q.members().get(1).qdevice()).contains(new QdeviceState(true, true, true, false));
  }

  @Test
  void corosync_2_3_sequence_ring_id_and_3_1_trailing_blank_line() throws Exception {
    Quorumtool old = parse(fixture("2.3-ring-id-sequence-2node-ok.quorumtool"));
    assertThat(old.ringId())
        .isEqualTo(new RingId(RingId.Form.SEQUENCE, OptionalLong.empty(), 3316));
    assertThat(old.members()).extracting(QuorumMember::name).containsExactly("c1", "c2");
    Quorumtool lms = parse(fixture("3.1.2-2node-lms-ok.quorumtool"));
    assertThat(lms.ringId().sequence()).isEqualTo(0x4a46b);
    assertThat(lms.votequorum().orElseThrow().flags()).contains(QuorumFlag.LAST_MAN_STANDING);
    assertThat(lms.qdevice()).isEmpty();
    assertThat(lms.members().get(0).qdevice()).isEmpty();
  }

  @Test
  void activity_blocked_hex_ids_not_voting_qdevice_and_no_provider() throws Exception {
    Quorumtool blocked = parse(fixture("3.1-not-quorate-activity-blocked.quorumtool"));
    assertThat(blocked.quorate()).isFalse();
    assertThat(blocked.votequorum().orElseThrow().activityBlocked()).isTrue();
    assertThat(blocked.votequorum().orElseThrow().flags()).isEmpty();
    Quorumtool hex = parse(fixture("3.1-H-hex-nodeids-ok.quorumtool"));
    assertThat(hex.members()).extracting(QuorumMember::nodeId).containsExactly(1L, 2L, 3L);
    Quorumtool na = parse(fixture("3.1-qdevice-not-alive.quorumtool"));
    assertThat(na.qdevice()).contains(new QdeviceRow(0, "Qdevice", OptionalInt.of(1)));
    Quorumtool none = parse(fixture("2.4-quorum-not-configured.quorumtool"));
    assertThat(none.provider()).isEqualTo(QuorumProvider.NOT_CONFIGURED);
    assertThat(none.votequorum()).isEmpty();
    assertThat(none.members()).isEmpty();
  }

  static Stream<Arguments> failures() {
    String ok = fixture("3.1.2-2node-lms-ok.quorumtool");
    String qd = fixture("3.0.3-qdevice-ok.quorumtool");
    return Stream.of(
        Arguments.of("", 0, "empty input", null),
        Arguments.of(ok.substring(0, ok.length() - 3), 22, "no newline", null),
        Arguments.of("Quorum info\n", 1, "expected 'Quorum information'", "Quorum info"),
        Arguments.of(ok.replace("Tue May  2", "Tue May 32"), 3, "impossible date", null),
        Arguments.of(ok.replace("Tue May", "Tue Mai"), 3, "not a ctime date", null),
        Arguments.of(ok.replace("corosync_votequorum", "corosync_ykd"), 4,
            "unknown quorum provider", "corosync_ykd"),
        Arguments.of(ok.replace("Nodes:            2", "Nodes:            12x"), 5,
            "Nodes is not a number", "12x"),
        Arguments.of(ok.replace("Ring ID:          2.4a46b", "Ring ID:          2.4a46g"), 7,
            "not a hexadecimal number", "4a46g"),
        Arguments.of(ok.replace("Quorate:          Yes", "Quorate:          Maybe"), 8,
            "unknown quorate answer", "Maybe"),
        Arguments.of(ok.replace("Expected votes:   2", "Expected votes:   -2"), 12,
            "not a number", "-2"),
        Arguments.of(ok.replace("Quorum:           1  ", "Quorum:           1 Activity blocked"),
            15, "contradicts the Quorate flag", null),
        Arguments.of(ok.replace("2Node Quorate", "2Node Quorate Quorate"), 16, "repeated",
            "Quorate"),
        Arguments.of(ok.replace("2Node Quorate", "2Node Quorate AllowDowngrade"), 16,
            "unknown votequorum flag", "AllowDowngrade"),
        Arguments.of(ok.replace("Nodeid      Votes Name", "Nodeid Name"), 20,
            "unknown membership header", null),
        Arguments.of(ok.replace("lb-int02.xxx.yyy.zzz", "lb-int02 extra"), 22,
            "unexpected text in membership row", "extra"),
        Arguments.of(ok.replace(" (local)", ""), 6, "local node exactly once", "2"),
        Arguments.of(ok.replace("Nodes:            2", "Nodes:            3"), 23,
            "too few columns", ""),
        Arguments.of(qd.replace("A,V,NMW node2", "X,V,NMW node2"), 22, "unknown qdevice column",
            "X,V,NMW"),
        Arguments.of(qd.replace("            Qdevice\n", "            Other\n"), 23,
            "unknown quorum device name", "Other"),
        Arguments.of(qd.replace("         0          1            Qdevice\n", ""), 22,
            "quorum device row", null),
        Arguments.of(ok + "extra\n", 24, "unexpected line after the membership", "extra"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void refuses(String text, int line, String reason, String token) {
    assertParseError(() -> parse(text), "quorumtool", line, reason, token);
  }
}
