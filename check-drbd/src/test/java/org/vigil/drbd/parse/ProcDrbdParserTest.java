package org.vigil.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;
import org.vigil.drbd.model.Congestion;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DeviceStats;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.DrbdStatus.Format;
import org.vigil.drbd.model.DrbdVolume;
import org.vigil.drbd.model.PeerStats;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.ResyncProgress;
import org.vigil.drbd.model.ResyncSuspension;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.model.Suspension;
import org.vigil.drbd.model.WriteOrdering;

class ProcDrbdParserTest {
  private static final String HEADER_84 =
      "version: 8.4.11-1 (api:1/proto:86-101)\n"
          + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, "
          + "2018-04-26 12:10:42\n";

  private static DrbdStatus parse(String text) throws ParseException {
    return new ProcDrbdParser().parse(text, "proc");
  }

  @Test
  void every_counter_of_an_84_device_lands_in_its_field_in_bytes_or_counts() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
        + "    ns:1 nr:2 dw:3 dr:4 al:5 bm:6 lo:7 pe:8 ua:9 ap:10 ep:1 wo:f oos:11\n");
    assertThat(s.format()).isEqualTo(Format.PROC_DRBD_8);
    assertThat(s.version()).contains("8.4.11-1");
    DrbdResource r = s.resources().get(0);
    assertThat(r.name()).isEqualTo("drbd0");
    assertThat(r.role()).isEqualTo(Role.PRIMARY);
    assertThat(r.suspensions()).isEmpty();
    assertThat(r.writeOrdering()).contains(WriteOrdering.FLUSH);
    assertThat(r.volumes().get(0).minor()).hasValue(0);
    assertThat(r.volumes().get(0).disk()).isEqualTo(DiskState.UPTODATE);
    // dr, dw are KiB; al, bm are counts; ap is application (upper) pending, lo local (lower).
    assertThat(r.volumes().get(0).stats()).contains(new DeviceStats(
        java.util.OptionalLong.empty(), 4 * 1024L, 3 * 1024L, 5, 6, 10, 7));
    DrbdConnection c = r.connections().get(0);
    assertThat(c.peer()).isEmpty();
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(c.peerRole()).isEqualTo(Role.SECONDARY);
    DrbdPeerVolume pv = c.peerVolumes().get(0);
    assertThat(pv.replication()).isEqualTo(ReplicationState.ESTABLISHED);
    assertThat(pv.peerDisk()).contains(DiskState.UPTODATE);
    // ns, nr and oos are KiB (node_exporter multiplies nr by 1: a unit bug we must not repeat).
    assertThat(pv.stats()).contains(new PeerStats(1024L, 2 * 1024L, 8, 9));
    assertThat(pv.outOfSyncBytes()).hasValue(11 * 1024L);
    assertThat(r.volumes().get(0).activityLogSuspended()).contains(false);
    assertThat(r.volumes().get(0).congestion()).contains(Congestion.NONE);
  }

  @Test
  void io_flags_map_to_suspension_resync_pause_congestion_and_al() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:PausedSyncT ro:Secondary/Primary ds:Inconsistent/UpToDate C sapuds\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:0\n");
    DrbdResource r = s.resources().get(0);
    assertThat(r.suspensions()).containsExactly(Suspension.UNSPECIFIED);
    assertThat(r.connections().get(0).peerVolumes().get(0).resyncSuspended())
        .isEqualTo(EnumSet.of(
            ResyncSuspension.DEPENDENCY, ResyncSuspension.PEER, ResyncSuspension.USER));
    assertThat(r.volumes().get(0).congestion()).contains(Congestion.FROZEN);
    assertThat(r.volumes().get(0).activityLogSuspended()).contains(true);
    assertThat(r.connections().get(0).peerVolumes().get(0).replication())
        .isEqualTo(ReplicationState.PAUSED_SYNC_T);
  }

  @Test
  void standalone_with_blank_protocol_column_parses() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:4096\n");
    DrbdConnection c = s.resources().get(0).connections().get(0);
    assertThat(c.state()).isEqualTo(ConnectionState.STANDALONE);
    assertThat(c.peerRole()).isEqualTo(Role.UNKNOWN);
    assertThat(c.peerVolumes().get(0).peerDisk()).contains(DiskState.DUNKNOWN);
  }

  @Test
  void resync_progress_84_with_want_and_stalled_suffix() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:100\n"
        + "\t[==>.................] sync'ed: 15.3% (1024/2048)M\n"
        + "\tfinish: 1:02:03 speed: 1,234 (1,000) want: 61,440 K/sec (stalled)\n");
    ResyncProgress p =
        s.resources().get(0).connections().get(0).peerVolumes().get(0).progress().orElseThrow();
    assertThat(p.percentDone()).isEqualTo(15.3);
    assertThat(p.remainingBytes()).hasValue(1024L * 1024 * 1024);
    assertThat(p.totalBytes()).hasValue(2048L * 1024 * 1024);
    assertThat(p.timeLeft()).contains(Duration.ofSeconds(3723));
    assertThat(p.speedBytesPerSecond()).hasValue(1234L * 1024);
    assertThat(p.stalled()).isTrue();
  }

  @Test
  void online_verify_uses_verified_word() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
        + "\t[=====>..............] verified: 28.0% (720/1000)K\n"
        + "\tfinish: 0:00:05 speed: 144 (144) want: 0 K/sec\n");
    DrbdPeerVolume pv = s.resources().get(0).connections().get(0).peerVolumes().get(0);
    assertThat(pv.replication()).isEqualTo(ReplicationState.VERIFY_S);
    assertThat(pv.progress().orElseThrow().remainingBytes()).hasValue(720L * 1024);
  }

  @Test
  void drbd_80_st_field_four_flags_and_lru_lines() throws Exception {
    DrbdStatus s = parse("version: 8.0.16 (api:86/proto:86)\n"
        + "GIT-hash: d30881451c988619e243d6294a899139eed1183d build by phil@mescal, "
        + "2009-08-06 08:00:00\n"
        + " 0: cs:Connected st:Primary/Secondary ds:UpToDate/UpToDate C r---\n"
        + "    ns:10 nr:0 dw:10 dr:20 al:1 bm:0 lo:0 pe:0 ua:0 ap:0\n"
        + "\tresync: used:0/61 hits:0 misses:0 starving:0 dirty:0 changed:0\n"
        + "\tact_log: used:0/127 hits:11 misses:1 starving:0 dirty:0 changed:1\n");
    DrbdResource r = s.resources().get(0);
    assertThat(r.role()).isEqualTo(Role.PRIMARY);
    assertThat(r.writeOrdering()).isEmpty();
    assertThat(r.connections().get(0).peerVolumes().get(0).outOfSyncBytes()).isEmpty();
    assertThat(r.volumes().get(0).congestion()).isEmpty();
  }

  @Test
  void drbd_07_local_data_and_no_peer_disk() throws Exception {
    DrbdStatus s = parse("version: 0.7.25 (api:79/proto:74)\n"
        + "SVN Revision: 3030 build by root@node1, 2009-01-01 12:00:00\n"
        + " 0: cs:Connected st:Primary/Secondary ld:Consistent\n"
        + "    ns:1 nr:0 dw:1 dr:2 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n");
    assertThat(s.format()).isEqualTo(Format.PROC_DRBD_0_7);
    DrbdResource r = s.resources().get(0);
    assertThat(r.volumes().get(0).disk()).isEqualTo(DiskState.CONSISTENT);
    assertThat(r.connections().get(0).peerVolumes().get(0).peerDisk()).isEmpty();
  }

  @Test
  void drbd_07_stalled_line_and_diskless_pseudo_states() throws Exception {
    DrbdStatus s = parse("version: 0.7.19 (api:78/proto:74)\n"
        + "SVN Revision: 2212 build by root@host, 2006-05-28 17:54:59\n"
        + " 0: cs:SyncSource st:Primary/Secondary ld:Consistent\n"
        + "    ns:1 nr:0 dw:1 dr:2 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n"
        + "\t[===================>] sync'ed:100.0% (52/52)K\n"
        + "\tstalled\n"
        + " 1: cs:DiskLessClient st:Primary/Secondary ld:Inconsistent\n"
        + "    ns:1 nr:0 dw:1 dr:2 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n"
        + " 2: cs:ServerForDLess st:Primary/Secondary ld:Consistent\n"
        + "    ns:1 nr:0 dw:1 dr:2 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n");
    assertThat(s.resources().get(0).connections().get(0).peerVolumes().get(0).progress()
        .orElseThrow().stalled()).isTrue();
    assertThat(s.resources().get(1).volumes().get(0).disk()).isEqualTo(DiskState.DISKLESS);
    assertThat(s.resources().get(2).connections().get(0).peerVolumes().get(0).peerDisk())
        .contains(DiskState.DISKLESS);
  }

  @Test
  void unconfigured_minors_and_gaps_between_minors() throws Exception {
    DrbdStatus s = parse("version: 8.4.3 (api:1/proto:86-101)\n"
        + "srcversion: 1A9F77B1CA5FF92235C2213 \n"
        + "\n"
        + " 1: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:d oos:0\n"
        + " 2: cs:Unconfigured\n"
        + "\n"
        + " 4: cs:Unconfigured\n");
    assertThat(s.resources()).extracting(DrbdResource::name).containsExactly("drbd1");
    assertThat(s.unconfiguredMinors()).containsExactly(2, 4);
  }

  @Test
  void drbd9_header_alone_is_recognised_as_having_no_device_state() throws Exception {
    DrbdStatus s = parse("version: 9.2.8 (api:2/proto:86-122)\n"
        + "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by @buildsystem, "
        + "2024-02-16 09:45:16\n"
        + "Transports (api:20): tcp (9.2.8) rdma (9.2.8)\n");
    assertThat(s.format()).isEqualTo(Format.PROC_DRBD_9);
    assertThat(s.resources()).isEmpty();
  }

  @Test
  void drbd9_in_84_compat_mode_prints_device_lines() throws Exception {
    DrbdStatus s = parse("version: 9.3.3 (api:2/proto:86-124) (compat 8.4)\n"
        + "GIT-hash: 7d3945b1d1fb89ef4d99f6269adf62f4702bf9c9 build by @host, "
        + "2026-01-01 00:00:00\n"
        + " 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n");
    assertThat(s.format()).isEqualTo(Format.PROC_DRBD_8);
    assertThat(s.resources()).hasSize(1);
  }

  static Stream<Arguments> malformed() {
    String dev = " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n";
    String counters = "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("blank", "\n\n", 0, "empty input", null),
        Arguments.of("cut mid-line", HEADER_84 + dev + "    ns:0 nr:0 dw:", 4,
            "no newline (truncated", "    ns:0 nr:0 dw:"),
        Arguments.of("cut before the counter line", HEADER_84 + dev, 4,
            "expected the counter line", ""),
        Arguments.of("unknown connection state", HEADER_84
            + dev.replace("Connected", "Connceted") + counters, 3,
            "unknown connection state", "Connceted"),
        Arguments.of("unknown local disk state", HEADER_84
            + dev.replace("ds:UpToDate", "ds:UpToDat") + counters, 3,
            "unknown disk state", "UpToDat"),
        Arguments.of("unknown peer disk state", HEADER_84
            + dev.replace("/UpToDate", "/Sleeping") + counters, 3,
            "unknown disk state", "Sleeping"),
        Arguments.of("unknown role", HEADER_84 + dev.replace("Primary", "Leader") + counters, 3,
            "unknown role", "Leader"),
        Arguments.of("out-of-range word from the kernel", HEADER_84
            + dev.replace("ds:UpToDate", "ds:TO_LARGE") + counters, 3,
            "out-of-range state value", "TO_LARGE"),
        Arguments.of("non-numeric counter", HEADER_84 + dev + counters.replace("ns:0", "ns:12x"),
            4, "not a number", "ns:12x"),
        Arguments.of("negative unsigned counter", HEADER_84 + dev
            + counters.replace("dw:0", "dw:-1"), 4, "not a number", "dw:-1"),
        Arguments.of("counter too large", HEADER_84 + dev
            + counters.replace("dr:0", "dr:99999999999999999999"), 4, "out of range",
            "99999999999999999999"),
        Arguments.of("counter in bytes overflows", HEADER_84 + dev
            + counters.replace("dr:0", "dr:9223372036854775807"), 4, "too large", null),
        Arguments.of("unknown counter", HEADER_84 + dev + counters.replace("ep:1", "xx:1"), 4,
            "unknown counter", "xx:1"),
        Arguments.of("repeated counter", HEADER_84 + dev + counters.replace("ep:1", "ns:1"), 4,
            "counter repeated", "ns:1"),
        Arguments.of("missing counters", HEADER_84 + dev
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0\n", 4, "missing counters pe, ua, ap",
            null),
        Arguments.of("unknown write ordering", HEADER_84 + dev
            + counters.replace("wo:f", "wo:x"), 4, "unknown write ordering", "x"),
        Arguments.of("bad flag letter", HEADER_84 + dev.replace("r-----", "r--x--") + counters,
            3, "unknown I/O state flag 'x' at position 4", "r--x--"),
        Arguments.of("too many flags", HEADER_84 + dev.replace("r-----", "r------") + counters,
            3, "must be 4-6 characters", "r------"),
        Arguments.of("unknown protocol", HEADER_84 + dev.replace(" C ", " D ") + counters, 3,
            "unknown replication protocol", "D"),
        Arguments.of("st: field in an 8.4 file", HEADER_84 + dev.replace("ro:", "st:")
            + counters, 3, "expected 'ro:'", "st:Primary/Secondary"),
        Arguments.of("build line twice", HEADER_84 + HEADER_84.substring(HEADER_84.indexOf('\n')
            + 1) + dev + counters, 3, "unexpected line", null),
        Arguments.of("minors out of order", HEADER_84 + dev.replace(" 0:", " 1:") + counters
            + dev + counters, 5, "out of order", "0"),
        Arguments.of("progress line in a Connected device", HEADER_84 + dev + counters
            + "\t[==>.................] sync'ed: 15.3% (1024/2048)M\n"
            + "\tfinish: 1:02:03 speed: 1,234 (1,000) K/sec\n", 5,
            "progress line for a device in state Connected", null),
        Arguments.of("progress above 100%", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[===================>] sync'ed:100.1% (1/2)K\n\tstalled\n", 5,
            "progress above 100%", "100.1%"),
        Arguments.of("garbage after the counters", HEADER_84 + dev + counters
            + "\tsomething else\n", 5, "unexpected line after minor 0", "\tsomething else"),
        Arguments.of("line re-wrapped by a mail client", HEADER_84 + dev
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 \npe:0 ua:0 ap:0 ep:1 wo:f oos:0\n", 4,
            "missing counters pe, ua, ap", null),
        Arguments.of("DRBD 0.6 without a header",
            "\t0: cs:Connected st:Primary/Secondary ns:0 nr:0 dw:0 dr:0 of:0\n", 1,
            "DRBD 0.6 and older are not supported", null),
        Arguments.of("unsupported version", "version: 10.0.0 (api:3/proto:86-130)\n", 1,
            "unsupported DRBD version", "10.0.0"),
        Arguments.of("placeholder version", "version: 9.x.y (api:2/proto:118-124)\n", 1,
            "malformed version header", null),
        Arguments.of("elided GIT hash", "version: 8.4.9-1 (api:1/proto:86-101)\n"
            + "GIT-hash: [...] build by linbit@buildsystem, 2016-11-18 14:49:21\n", 2,
            "expected the build line", null),
        Arguments.of("device line in plain DRBD 9", "version: 9.2.8 (api:2/proto:86-122)\n"
            + "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by x, 2024\n" + dev
            + counters, 3, "without '(compat 8.4)'", null),
        Arguments.of("0.7 disk word in ld:", "version: 0.7.25 (api:79/proto:74)\n"
            + "SVN Revision: 3030 build by root@node1, 2009-01-01 12:00:00\n"
            + " 0: cs:Connected st:Primary/Secondary ld:UpToDate\n"
            + "    ns:1 nr:0 dw:1 dr:2 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n", 3,
            "must be Consistent or Inconsistent", "UpToDate"),
        Arguments.of("unconfigured minor with more text", HEADER_84 + " 0: cs:Unconfigured x\n", 3,
            "unexpected text at end of line", null),
        Arguments.of("carriage returns", HEADER_84.replace("\n", "\r\n"), 1,
            "malformed version header", null),
        Arguments.of("signed counter below the smallest long", HEADER_84 + dev
            + counters.replace("lo:0", "lo:-9223372036854775809"), 4, "number out of range",
            "-9223372036854775809"),
        Arguments.of("counter one above the largest long", HEADER_84 + dev
            + counters.replace("ns:0", "ns:9223372036854775808"), 4, "number out of range",
            "9223372036854775808"),
        Arguments.of("counter of 100,000 digits", HEADER_84 + dev
            + counters.replace("ns:0", "ns:" + "9".repeat(100_000)), 4, "number out of range",
            "9".repeat(100_000)),
        Arguments.of("unknown field at the end of a 100,000-character line", HEADER_84 + dev
            + counters.replace("oos:0", "oos:" + "0".repeat(100_000) + " xx:1"), 4,
            "unknown counter", "xx:1"),
        Arguments.of("flags of 100,000 characters", HEADER_84
            + dev.replace("r-----", "r" + "-".repeat(100_000)) + counters, 3,
            "must be 4-6 characters", "r" + "-".repeat(100_000)),
        Arguments.of("minor beyond int", HEADER_84 + dev.replace(" 0:", "2147483648:")
            + counters, 3, "number out of range", "2147483648"),
        Arguments.of("line separator inside a device line", HEADER_84
            + dev.replace("C r", "C\u2028r") + counters, 3, "expected a device line", null),
        Arguments.of("hours left beyond what a duration holds", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1024/2048)M\n"
            + "\tfinish: 9223372036854775807:00:00 speed: 1 (1) K/sec\n", 6,
            "number out of range", "9223372036854775807"),
        Arguments.of("speed beyond long", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1024/2048)M\n"
            + "\tfinish: 1:02:03 speed: 9,223,372,036,854,775,808 (1) K/sec\n", 6,
            "number out of range", "9223372036854775808"),
        Arguments.of("progress total beyond long", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1/99999999999999999999)K\n"
            + "\tstalled\n", 5, "number out of range", "99999999999999999999"),
        Arguments.of("progress in MiB beyond long in bytes", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1/9007199254740993)M\n"
            + "\tstalled\n", 5, "number too large", "9007199254740993"),
        Arguments.of("delay_probe without a number", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1024/2048)K delay_probe: \n"
            + "\tstalled\n", 5, "unexpected line after minor 0", null),
        Arguments.of("speed grouped wrongly", HEADER_84
            + dev.replace("Connected", "SyncSource") + counters
            + "\t[==>.................] sync'ed: 15.3% (1024/2048)K\n"
            + "\tfinish: 1:02:03 speed: 1,23 (1) K/sec\n", 6, "expected 'finish:", null));
  }

  @Test
  void signed_counters_reach_the_smallest_long_and_a_long_counter_line_with_odd_edges_parses()
      throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
        + "\tns:" + "0".repeat(100_000) + "1 nr:0 dw:0 dr:0 al:0 bm:0 lo:-9223372036854775808"
        + " pe:-1 ua:0 ap:0 ep:1 wo:f oos:9007199254740991  \n");
    DrbdVolume volume = s.resources().get(0).volumes().get(0);
    assertThat(volume.stats().orElseThrow().lowerPending()).isEqualTo(Long.MIN_VALUE);
    DrbdPeerVolume pv = s.resources().get(0).connections().get(0).peerVolumes().get(0);
    assertThat(pv.stats().orElseThrow().pending()).isEqualTo(-1);
    assertThat(pv.outOfSyncBytes()).hasValue(9007199254740991L * 1024);
    assertThat(pv.stats().orElseThrow().sentBytes()).isEqualTo(1024);
  }

  @Test
  void counters_in_another_order_than_the_kernels_are_still_read_by_name() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
        + "    oos:3 wo:d ep:1 ap:10 ua:9 pe:8 lo:7 bm:6 al:5 dr:4 dw:3 nr:2 ns:1\n");
    DrbdResource r = s.resources().get(0);
    assertThat(r.writeOrdering()).contains(WriteOrdering.DRAIN);
    assertThat(r.volumes().get(0).stats()).contains(new DeviceStats(
        java.util.OptionalLong.empty(), 4 * 1024L, 3 * 1024L, 5, 6, 10, 7));
    assertThat(r.connections().get(0).peerVolumes().get(0).stats())
        .contains(new PeerStats(1024L, 2 * 1024L, 8, 9));
  }

  @Test
  void finish_line_with_a_range_of_speeds_and_a_negative_speed_reads_as_zero() throws Exception {
    DrbdStatus s = parse(HEADER_84
        + " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:100\n"
        + "\t[>...................] sync'ed:  0.1% (2047/2048)M delay_probe: 1234\n"
        + "\tfinish: 0:99:99 speed: -1 (1,000 -- 2,000) K/sec\n");
    ResyncProgress p =
        s.resources().get(0).connections().get(0).peerVolumes().get(0).progress().orElseThrow();
    assertThat(p.percentDone()).isEqualTo(0.1);
    assertThat(p.timeLeft()).contains(Duration.ofSeconds(99 * 60 + 99));
    assertThat(p.speedBytesPerSecond()).hasValue(0);
    assertThat(p.stalled()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_input_is_a_parse_error_naming_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "proc", line, reason, token);
  }

  @Test
  void parse_errors_never_leak_as_other_exceptions_for_a_list_of_odd_lines() {
    for (String odd : List.of(" 0: ", " 0: cs:", " 0: cs:Connected ro:", " 0: cs:Connected ro:/",
        " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate", "99999999999: cs:x")) {
      assertThatThrownBy(() -> parse(HEADER_84 + odd + "\n")).isInstanceOf(ParseException.class);
    }
    assertThat(Optional.empty()).isEmpty();
  }
}
