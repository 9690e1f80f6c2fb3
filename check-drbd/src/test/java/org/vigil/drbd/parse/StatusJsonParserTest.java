package org.vigil.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DeviceStats;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.PeerStats;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.ResyncSuspension;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.model.Suspension;
import org.vigil.drbd.model.WriteOrdering;

class StatusJsonParserTest {
  static final String TWO_PEERS = """
      [
      {
        "name": "r0",
        "node-id": 1,
        "role": "Primary",
        "suspended": true,
        "suspended-user": false,
        "suspended-no-data": false,
        "suspended-fencing": true,
        "suspended-quorum": false,
        "force-io-failures": false,
        "write-ordering": "flush",
        "devices": [
          {
            "volume": 0,
            "minor": 10,
            "disk-state": "UpToDate",
            "client": false,
            "open": true,
            "quorum": true,
            "size": 1,
            "read": 2,
            "written": 3,
            "al-writes": 4,
            "bm-writes": 5,
            "upper-pending": 6,
            "lower-pending": 7
          } ],
        "connections": [
          {
            "peer-node-id": 2,
            "name": "beta",
            "connection-state": "Connected",
            "congested": false,
            "peer-role": "Secondary",
            "tls": false,
            "ap-in-flight": 0,
            "rs-in-flight": 0,
            "paths": [ ],
            "peer_devices": [
              {
                "volume": 0,
                "replication-state": "SyncSource",
                "peer-disk-state": "Inconsistent",
                "peer-client": false,
                "resync-suspended": "user,dependency",
                "received": 8,
                "sent": 9,
                "out-of-sync": 10,
                "pending": 11,
                "unacked": 12,
                "has-sync-details": true,
                "has-online-verify-details": false,
                "percent-in-sync": 37.50,
                "rs-total": 16,
                "percent-resync-done": 37.50,
                "estimated-seconds-to-finish": 987654321
              } ]
          },
          {
            "peer-node-id": 3,
            "name": "gamma",
            "connection-state": "Connecting",
            "congested": false,
            "peer-role": "Unknown",
            "peer_devices": [ ]
          } ]
      }
      ]
      """;

  private static DrbdStatus parse(String text) throws ParseException {
    return new StatusJsonParser().parse(text, "json");
  }

  @Test
  void every_member_lands_in_its_field_with_kib_as_bytes() throws Exception {
    DrbdStatus s = parse(TWO_PEERS);
    assertThat(s.format()).isEqualTo(DrbdStatus.Format.DRBDSETUP_STATUS_JSON);
    DrbdResource r = s.resources().get(0);
    assertThat(r.name()).isEqualTo("r0");
    assertThat(r.role()).isEqualTo(Role.PRIMARY);
    assertThat(r.suspensions()).containsExactly(Suspension.FENCING);
    assertThat(r.writeOrdering()).contains(WriteOrdering.FLUSH);
    assertThat(r.volumes().get(0).minor()).hasValue(10);
    assertThat(r.volumes().get(0).client()).contains(false);
    assertThat(r.volumes().get(0).quorum()).contains(true);
    assertThat(r.volumes().get(0).stats())
        .contains(new DeviceStats(OptionalLong.of(1024), 2048, 3072, 4, 5, 6, 7));
    DrbdConnection beta = r.connections().get(0);
    assertThat(beta.peer()).contains("beta");
    assertThat(beta.peerNodeId()).hasValue(2);
    assertThat(beta.state()).isEqualTo(ConnectionState.CONNECTED);
    DrbdPeerVolume pv = beta.peerVolumes().get(0);
    assertThat(pv.replication()).isEqualTo(ReplicationState.SYNC_SOURCE);
    assertThat(pv.peerDisk()).contains(DiskState.INCONSISTENT);
    assertThat(pv.resyncSuspended())
        .isEqualTo(EnumSet.of(ResyncSuspension.USER, ResyncSuspension.DEPENDENCY));
    assertThat(pv.stats()).contains(new PeerStats(9 * 1024, 8 * 1024, 11, 12));
    assertThat(pv.outOfSyncBytes()).hasValue(10 * 1024);
    assertThat(pv.percentInSync()).hasValue(37.5);
    assertThat(pv.progress().orElseThrow().percentDone()).isEqualTo(37.5);
    assertThat(pv.progress().orElseThrow().totalBytes()).hasValue(16 * 1024);
    // 987654321 is drbdsetup's "no estimate", not 31 years.
    assertThat(pv.progress().orElseThrow().timeLeft()).isEmpty();
    DrbdConnection gamma = r.connections().get(1);
    assertThat(gamma.state()).isEqualTo(ConnectionState.CONNECTING);
    assertThat(gamma.peerRole()).isEqualTo(Role.UNKNOWN);
    assertThat(gamma.peerVolumes()).isEmpty();
  }

  @Test
  void suspended_without_a_reason_is_unspecified() throws Exception {
    DrbdStatus s = parse(TWO_PEERS.replace("\"suspended-fencing\": true", "\"suspended-fencing\": false"));
    assertThat(s.resources().get(0).suspensions()).containsExactly(Suspension.UNSPECIFIED);
  }

  @Test
  void members_we_do_not_know_are_ignored_but_older_outputs_without_optional_ones_parse()
      throws Exception {
    DrbdStatus s = parse("""
        [{"name":"r0","role":"Secondary","future-member":{"x":[1,2]},
          "devices":[{"volume":0,"minor":0,"disk-state":"Inconsistent","size":131032}],
          "connections":[{"peer-node-id":1,"name":"faketwo","connection-state":"Connecting",
            "peer-role":"Unknown","peer_devices":[{"volume":0,"replication-state":"Off",
            "peer-disk-state":"DUnknown","out-of-sync":131032,"percent-in-sync":0.00}]}]}]
        """);
    DrbdResource r = s.resources().get(0);
    assertThat(r.suspensions()).isEmpty();
    assertThat(r.volumes().get(0).stats()).isEmpty();
    assertThat(r.volumes().get(0).quorum()).isEmpty();
  }

  @Test
  void empty_array_is_a_valid_status_with_no_resources() throws Exception {
    assertThat(parse("[]\n").resources()).isEmpty();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("truncated", TWO_PEERS.substring(0, 200), 11, "truncated", null),
        Arguments.of("unknown connection state",
            TWO_PEERS.replace("\"Connecting\"", "\"Connceted\""), 63,
            "unknown connection state", "Connceted"),
        Arguments.of("unknown replication state",
            TWO_PEERS.replace("\"SyncSource\"", "\"SyncSauce\""), 43,
            "unknown replication state", "SyncSauce"),
        Arguments.of("unknown disk state",
            TWO_PEERS.replace("\"UpToDate\"", "\"UpToDat\""), 17, "unknown disk state",
            "UpToDat"),
        Arguments.of("unknown role", TWO_PEERS.replace("\"Primary\"", "\"Leader\""), 5,
            "unknown role", "Leader"),
        Arguments.of("unknown resync-suspended word",
            TWO_PEERS.replace("user,dependency", "user,gremlins"), 46,
            "unknown resync-suspended reason", "gremlins"),
        Arguments.of("counter as a string", TWO_PEERS.replace("\"read\": 2", "\"read\": \"2\""),
            22, "expected a number", "read"),
        Arguments.of("counter not a number", TWO_PEERS.replace("\"read\": 2", "\"read\": 12x"),
            22, "malformed JSON number", "12x"),
        Arguments.of("negative counter", TWO_PEERS.replace("\"sent\": 9", "\"sent\": -9"), 48,
            "negative value", "-9"),
        Arguments.of("fractional counter", TWO_PEERS.replace("\"sent\": 9", "\"sent\": 9.5"), 48,
            "whole number", "9.5"),
        Arguments.of("percent above 100",
            TWO_PEERS.replace("\"percent-in-sync\": 37.50", "\"percent-in-sync\": 137.50"), 54,
            "percentage above 100", "137.50"),
        Arguments.of("missing disk state", TWO_PEERS.replace("\"disk-state\": \"UpToDate\",", ""),
            14, "missing member", "disk-state"),
        Arguments.of("missing peer_devices", TWO_PEERS.replace("\"peer_devices\": [ ]", "\"x\": 1"),
            60, "without 'peer_devices'", "gamma"),
        Arguments.of("boolean as string", TWO_PEERS.replace("\"quorum\": true", "\"quorum\": \"no\""),
            20, "expected true or false", "quorum"),
        Arguments.of("top level object", "{\"name\": \"r0\"}\n", 1, "to be an array", "{...}"),
        Arguments.of("duplicate member", "[{\"name\":\"a\",\"name\":\"b\"}]\n", 1,
            "duplicate JSON member", "name"),
        Arguments.of("trailing comma", "[1,]\n", 1, "unexpected character", "]"),
        Arguments.of("trailing garbage", "[] x\n", 1, "unexpected text after", "x"),
        Arguments.of("resource listed twice", "[" + resource("r0") + "," + resource("r0") + "]",
            1, "resource listed twice", "r0"),
        Arguments.of("suspended false with a reason", TWO_PEERS.replace("\"suspended\": true",
            "\"suspended\": false"), 2, "suspended-* reason is true", "r0"),
        Arguments.of("deep nesting", "[".repeat(100) + "]".repeat(100), 1,
            "nested deeper than 64", null),
        Arguments.of("raw newline in a string", "[\"a\nb\"]\n", 1,
            "control character inside a JSON string", null),
        Arguments.of("bad escape", "[\"a\\qb\"]\n", 1, "bad escape", "\\q"),
        Arguments.of("NaN", "[NaN]\n", 1, "unexpected character", "NaN]"));
  }

  private static String resource(String name) {
    return "{\"name\":\"" + name + "\",\"role\":\"Secondary\",\"devices\":[],\"connections\":[]}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_input_is_a_parse_error_naming_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "json", line, reason, token);
  }
}
