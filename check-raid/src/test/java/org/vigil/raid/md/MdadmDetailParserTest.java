package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.raid.md.MdFixtures.detail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;

class MdadmDetailParserTest {

  private static MdadmDetail parse(String text) throws ParseException {
    return new MdadmDetailParser().parse(text, "detail");
  }

  private static final String HEAD = "/dev/md0:\n"
      + "           Version : 1.2\n"
      + "        Raid Level : raid1\n"
      + "        Array Size : 1048512 (1023.94 MiB 1073.68 MB)\n"
      + "      Raid Devices : 2\n"
      + "     Total Devices : 2\n"
      + "\n";
  private static final String STATE = "             State : clean \n";
  private static final String TABLE = "    Number   Major   Minor   RaidDevice State\n"
      + "       0       8        1        0      active sync   /dev/sda1\n"
      + "       1       8       17        1      active sync   /dev/sdb1\n";

  @Test
  void degraded_raid1_with_removed_slot_and_faulty_device_every_field() throws Exception {
    MdadmDetail d = detail("raid1-active-degraded-faulty-removed.detail");
    assertThat(d.scanEntries()).isEmpty();
    MdArrayDetail a = d.arrays().get(0);
    assertThat(a.device()).isEqualTo("/dev/md1");
    assertThat(a.name()).isEqualTo("md1");
    assertThat(a.version()).contains("1.2");
    assertThat(a.container()).isEmpty();
    assertThat(a.level()).isEqualTo(MdLevel.RAID1);
    assertThat(a.arraySizeKib()).hasValue(2094080);
    assertThat(a.usedDevSizeKib()).hasValue(2094080);
    assertThat(a.raidDevices()).hasValue(2);
    assertThat(a.totalDevices()).hasValue(2);
    assertThat(a.activeDevices()).hasValue(1);
    assertThat(a.workingDevices()).hasValue(1);
    assertThat(a.failedDevices()).hasValue(1);
    assertThat(a.spareDevices()).hasValue(0);
    assertThat(a.state()).contains(
        new MdDetailState(ArrayState.ACTIVE, Set.of(DetailStateFlag.DEGRADED)));
    assertThat(a.progress()).isEmpty();
    assertThat(a.layout()).isEmpty();
    assertThat(a.consistencyPolicy()).contains("resync");
    assertThat(a.deltaDevices()).isEmpty();
    assertThat(a.memberArrays()).isEmpty();
    assertThat(a.line()).isEqualTo(1);
    assertThat(a.rows()).containsExactly(
        new MdDeviceRow(OptionalInt.empty(), 0, 0, OptionalInt.of(0),
            Set.of(DeviceRowState.REMOVED), Optional.empty(), Optional.empty(), false, false),
        new MdDeviceRow(OptionalInt.of(1), 8, 33, OptionalInt.of(1),
            Set.of(DeviceRowState.ACTIVE, DeviceRowState.SYNC), Optional.empty(),
            Optional.of("/dev/sdc1"), false, false),
        new MdDeviceRow(OptionalInt.of(0), 8, 17, OptionalInt.empty(),
            Set.of(DeviceRowState.FAULTY), Optional.empty(), Optional.of("/dev/sdb1"), false,
            true));
  }

  @Test
  void old_mdadm_alignment_recovering_with_rebuild_status() throws Exception {
    MdArrayDetail a = detail("raid1-clean-degraded-recovering-30pct_old-mdadm.detail").arrays()
        .get(0);
    assertThat(a.version()).contains("0.90");
    assertThat(a.state().orElseThrow().flags())
        .containsExactlyInAnyOrder(DetailStateFlag.DEGRADED, DetailStateFlag.RECOVERING);
    assertThat(a.state().orElseThrow().text()).isEqualTo("clean, degraded, recovering");
    assertThat(a.progress()).contains(
        new MdDetailProgress(MdDetailProgress.Activity.REBUILD, 30));
    assertThat(a.rows().get(0).states())
        .containsExactlyInAnyOrder(DeviceRowState.SPARE, DeviceRowState.REBUILDING);
  }

  @Test
  void failed_not_started_with_bogus_used_dev_size_and_bare_sync_rows() throws Exception {
    MdArrayDetail a = detail("raid5-active-FAILED-NotStarted_reshape-interrupted.detail")
        .arrays().get(0);
    assertThat(a.arraySizeKib()).isEmpty();
    assertThat(a.usedDevSizeKib()).isEmpty();
    assertThat(a.state()).contains(new MdDetailState(ArrayState.ACTIVE,
        EnumSet.of(DetailStateFlag.FAILED, DetailStateFlag.NOT_STARTED)));
    assertThat(a.deltaDevices()).contains("1, (4->5)");
    assertThat(a.layout()).contains("left-symmetric");
    assertThat(a.rows()).hasSize(8);
    assertThat(a.rows().get(5)).isEqualTo(new MdDeviceRow(OptionalInt.empty(), 8, 81,
        OptionalInt.of(3), Set.of(DeviceRowState.SYNC), Optional.empty(),
        Optional.of("/dev/sdf1"), false, true));
    assertThat(detail("raid5-active-FAILED-NotStarted-spare_old-mdadm.detail").arrays().get(0)
        .usedDevSizeKib()).isEmpty();
  }

  @Test
  void raid10_sets_container_member_and_container() throws Exception {
    MdArrayDetail r10 = detail("raid10-clean-degraded-reshaping-grow2to4.detail").arrays().get(0);
    assertThat(r10.rows().get(0).set()).contains('A');
    assertThat(r10.rows().get(3).set()).contains('B');
    assertThat(r10.layout()).contains("near=2");
    assertThat(r10.progress()).contains(
        new MdDetailProgress(MdDetailProgress.Activity.RESHAPE, 1));
    MdArrayDetail member = detail("imsm-member-raid0-clean.detail").arrays().get(0);
    assertThat(member.version()).isEmpty();
    assertThat(member.container()).contains("/dev/md/imsm0, member 0");
    assertThat(member.state()).contains(new MdDetailState(ArrayState.CLEAN, Set.of()));
    MdArrayDetail container = detail("imsm-container.detail").arrays().get(0);
    assertThat(container.isContainer()).isTrue();
    assertThat(container.state()).isEmpty();
    assertThat(container.raidDevices()).isEmpty();
    assertThat(container.memberArrays()).containsExactly("/dev/md/RAID_2x3Tb");
    assertThat(container.rows()).allSatisfy(r -> {
      assertThat(r.states()).isEmpty();
      assertThat(r.raidDevice()).isEmpty();
      assertThat(r.afterBlank()).isTrue();
    });
  }

  @Test
  void every_device_state_word_and_missing_path() throws Exception {
    MdArrayDetail a = detail("raid1-writemostly-failfast-spare-missing-path.detail").arrays()
        .get(0);
    assertThat(a.rows().get(0).states()).contains(DeviceRowState.WRITEMOSTLY);
    assertThat(a.rows().get(1).states()).contains(DeviceRowState.FAILFAST);
    assertThat(a.rows().get(2).states()).containsExactly(DeviceRowState.SPARE);
    assertThat(a.rows().get(2).missing()).isTrue();
    assertThat(a.rows().get(2).path()).isEmpty();
    MdArrayDetail j = detail("raid5-clean-journal-device.detail").arrays().get(0);
    assertThat(j.rows().get(4).states()).containsExactly(DeviceRowState.JOURNAL);
    MdArrayDetail old = detail("raid1-clean-degraded-faulty-spare_old-mdadm.detail").arrays()
        .get(0);
    assertThat(old.rows().get(2).states())
        .containsExactlyInAnyOrder(DeviceRowState.FAULTY, DeviceRowState.SPARE);
    // every state word in Detail.c's order in one row
    MdadmDetail all = parse(HEAD + STATE + "    Number   Major   Minor   RaidDevice State\n"
        + "       0       8        1        0      faulty active sync set-A removed writemostly"
        + " failfast journal spare rebuilding\n"
        + "       1       8       17        1      active sync   /dev/sdb1\n");
    assertThat(all.arrays().get(0).rows().get(0).states())
        .isEqualTo(EnumSet.allOf(DeviceRowState.class));
  }

  @Test
  void every_state_word_parses() throws Exception {
    for (ArrayState s : ArrayState.values()) {
      assertThat(MdadmDetailParser.parseState(s.token(), "x", 1).arrayState()).isEqualTo(s);
    }
    assertThat(MdadmDetailParser.parseState("clean, FAILED, resyncing (DELAYED)", "x", 1).flags())
        .containsExactlyInAnyOrder(DetailStateFlag.FAILED, DetailStateFlag.RESYNCING,
            DetailStateFlag.DELAYED);
    assertThat(MdadmDetailParser.parseState("active, resyncing (PENDING)", "x", 1).flags())
        .containsExactlyInAnyOrder(DetailStateFlag.RESYNCING, DetailStateFlag.PENDING);
    assertThat(MdadmDetailParser.parseState("clean, degraded, recovering (REMOTE)", "x", 1)
        .flags()).containsExactlyInAnyOrder(DetailStateFlag.DEGRADED, DetailStateFlag.RECOVERING,
            DetailStateFlag.REMOTE);
    assertThat(MdadmDetailParser.parseState("active, degraded, checking, Not Started", "x", 1)
        .flags()).containsExactlyInAnyOrder(DetailStateFlag.DEGRADED, DetailStateFlag.CHECKING,
            DetailStateFlag.NOT_STARTED);
    assertThat(MdadmDetailParser.parseState("clean, reshaping", "x", 1).flags())
        .containsExactly(DetailStateFlag.RESHAPING);
  }

  @Test
  void several_blocks_concatenated() throws Exception {
    MdadmDetail d = detail("two-blocks-clean-and-active-degraded-faulty.detail");
    assertThat(d.arrays()).extracting(MdArrayDetail::name).containsExactly("md0", "md1");
    assertThat(d.arrays().get(1).line()).isGreaterThan(d.arrays().get(0).line());
    MdadmDetail states = detail("raid0-states-write-pending-and-active-idle.detail");
    assertThat(states.arrays()).extracting(a -> a.state().orElseThrow().arrayState())
        .containsExactly(ArrayState.WRITE_PENDING, ArrayState.ACTIVE_IDLE);
  }

  @Test
  void state_inactive_without_raid_devices() throws Exception {
    MdArrayDetail a = detail("raid5-state-inactive_no-raid-devices.detail").arrays().get(0);
    assertThat(a.state()).contains(new MdDetailState(ArrayState.INACTIVE, Set.of()));
    assertThat(a.raidDevices()).isEmpty();
    assertThat(a.rows()).hasSize(3).allSatisfy(r -> assertThat(r.states()).isEmpty());
  }

  @Test
  void scan_lines_with_devices_continuation() throws Exception {
    MdadmDetail d = detail("scan-verbose-active-and-INACTIVE-ARRAY.detail");
    assertThat(d.arrays()).isEmpty();
    assertThat(d.scanEntries()).hasSize(3);
    MdScanEntry e = d.scanEntries().get(1);
    assertThat(e.device()).isEqualTo("/dev/md1");
    assertThat(e.name()).isEqualTo("md1");
    assertThat(e.inactive()).isTrue();
    assertThat(e.attributes()).containsExactly(Map.entry("num-devices", "3"),
        Map.entry("metadata", "1.2"), Map.entry("name", "srv1:1"),
        Map.entry("UUID", "723f939b:62b73a3e:e86e1fe1:e37131dc"));
    assertThat(e.devices()).containsExactly("/dev/sdc1", "/dev/sdd1", "/dev/sde1");
    assertThat(e.line()).isEqualTo(3);
    MdadmDetail imsm = detail("scan-imsm-container-and-member.detail");
    assertThat(imsm.scanEntries().get(0).isContainer()).isTrue();
    assertThat(imsm.scanEntries().get(1).name()).isEqualTo("md/STORAGE");
    assertThat(imsm.scanEntries().get(1).attribute("member")).contains("0");
    MdadmDetail quoted = parse("ARRAY /dev/md/home metadata=1.2 name=\"my host:home\""
        + " UUID=0a0b0c0d:01020304:05060708:090a0b0c\n");
    assertThat(quoted.scanEntries().get(0).attribute("name")).contains("my host:home");
  }

  static Stream<Arguments> failures() {
    String head = HEAD;
    String table = TABLE;
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("truncated", HEAD + "    State : cle", 8, "last line has no newline",
            "    State : cle"),
        Arguments.of("garbage first line", "mdadm: cannot open /dev/md0\n", 1,
            "expected '/dev/mdX:'", "mdadm: cannot open /dev/md0"),
        Arguments.of("unknown field", head + "        Bad Blocks : yes\n" + STATE + table, 8,
            "unknown mdadm --detail field", "Bad Blocks"),
        Arguments.of("repeated field", head + STATE + STATE + table, 9, "field repeated",
            "State"),
        Arguments.of("not a key line", head + "  whatever\n" + STATE + table, 8,
            "unexpected line in the block", "whatever"),
        Arguments.of("unknown state word", head + "             State : clean, rebuilding\n"
            + table, 8, "unknown mdadm state word", "rebuilding"),
        Arguments.of("unknown array state", head + "             State : dirty\n" + table, 8,
            "unknown array state", "dirty"),
        Arguments.of("state words out of order", head
            + "             State : clean, recovering, degraded\n" + table, 8,
            "out of order", "degraded"),
        Arguments.of("suffix without sync", head + "             State : clean (DELAYED)\n"
            + table, 8, "sync suffix without", "(DELAYED)"),
        Arguments.of("suffix without sync word", head
            + "             State : clean, degraded (DELAYED)\n" + table, 8,
            "sync suffix without", "(DELAYED)"),
        Arguments.of("inactive with flags", head + "             State : inactive, degraded\n"
            + table, 8, "'inactive' takes no further state words", "inactive, degraded"),
        Arguments.of("bad number", head.replace("Raid Devices : 2", "Raid Devices : 12x")
            + STATE + table, 5, "not a number", "12x"),
        Arguments.of("bad size", head.replace("1048512 (1023.94 MiB 1073.68 MB)", "lots")
            + STATE + table, 4, "expected a size", "lots"),
        Arguments.of("unknown level", head.replace("raid1", "raid7") + STATE + table, 3,
            "unknown RAID level", "raid7"),
        Arguments.of("multipath level", head.replace("raid1", "multipath") + STATE + table, 3,
            "not supported", "multipath"),
        Arguments.of("no raid level", head.replace("        Raid Level : raid1\n", "") + STATE
            + table, 1, "no 'Raid Level :' line", "/dev/md0"),
        Arguments.of("no state", head + table, 1, "no 'State :' line", "/dev/md0"),
        Arguments.of("no raid devices", head.replace("      Raid Devices : 2\n", "") + STATE
            + table, 1, "no 'Raid Devices :' line", "/dev/md0"),
        Arguments.of("no table", head + STATE, 9, "no device table", null),
        Arguments.of("table cut short", head + STATE + table.substring(0,
            table.indexOf("       1       8")), 9, "lists 1 of 2 slots", null),
        Arguments.of("table without State column", head + STATE
            + "    Number   Major   Minor   RaidDevice\n"
            + "       0       8        1        0      /dev/sda1\n", 9,
            "without a State column", "RaidDevice"),
        Arguments.of("unknown device word", head + STATE + table.replace("active sync   /dev/sdb1",
            "active sync degraded   /dev/sdb1"), 11, "unknown device state word", "degraded"),
        Arguments.of("device words out of order", head + STATE + table.replace(
            "active sync   /dev/sdb1", "sync active   /dev/sdb1"), 11, "out of mdadm's order",
            "active"),
        Arguments.of("set without sync", head + STATE + table.replace(
            "active sync   /dev/sdb1", "active set-A   /dev/sdb1"), 11, "only follows 'sync'",
            "set-A"),
        Arguments.of("rebuilding without spare", head + STATE + table.replace(
            "active sync   /dev/sdb1", "active rebuilding   /dev/sdb1"), 11,
            "only follows 'spare'", "rebuilding"),
        Arguments.of("text after path", head + STATE + table.replace(
            "/dev/sdb1", "/dev/sdb1 extra"), 11, "text after the device path", "extra"),
        Arguments.of("row without state", head + STATE + table.replace(
            "active sync   /dev/sdb1", "/dev/sdb1"), 11, "without a state word", null),
        Arguments.of("malformed row", head + STATE + table.replace(
            "       1       8       17", "       1       x       17"), 11,
            "malformed device table row", null),
        Arguments.of("removed with path", head + STATE + table.replace(
            "active sync   /dev/sdb1", "removed   /dev/sdb1"), 11, "removed slot has no device",
            null),
        Arguments.of("bad status", head + STATE + "    Rebuild Status : soon\n" + table, 9,
            "expected 'NN% complete'", "soon"),
        Arguments.of("status above 100", head + STATE + "    Rebuild Status : 101% complete\n"
            + table, 9, "progress above 100%", "101% complete"),
        Arguments.of("unknown policy", head + STATE + "Consistency Policy : magic\n" + table, 9,
            "unknown consistency policy", "magic"),
        Arguments.of("array twice", head + STATE + table + head + STATE + table, 12,
            "array listed twice", "/dev/md0"),
        Arguments.of("scan mixed in", head + STATE + table + "ARRAY /dev/md1 metadata=1.2\n", 12,
            "mixed into mdadm --detail output", null),
        Arguments.of("scan unknown key", "ARRAY /dev/md0 metadata=1.2 colour=red\n", 1,
            "unknown mdadm --detail --scan key", "colour"),
        Arguments.of("scan bad uuid", "ARRAY /dev/md0 metadata=1.2 UUID=xyz\n", 1,
            "malformed UUID", "xyz"),
        Arguments.of("scan bad number", "ARRAY /dev/md0 metadata=1.2 num-devices=12x\n", 1,
            "not a number", "12x"),
        Arguments.of("scan unknown metadata", "ARRAY /dev/md0 metadata=2.0x\n", 1,
            "unknown metadata format", "2.0x"),
        Arguments.of("scan no metadata", "ARRAY /dev/md0 level=raid1\n", 1,
            "without metadata= or container=", null),
        Arguments.of("scan orphan devices", "ARRAY /dev/md0 metadata=1.2\n\n   devices=/dev/sda\n",
            3, "does not follow an ARRAY line", null),
        Arguments.of("scan unterminated quote", "ARRAY /dev/md0 metadata=1.2 name=\"x\n", 1,
            "unterminated quote", null),
        Arguments.of("detail mixed into scan", "ARRAY /dev/md0 metadata=1.2\n" + head, 2,
            "mixed into mdadm --detail --scan output", "/dev/md0:"),
        Arguments.of("carriage return", head.replace("\n", "\r\n") + STATE + table, 1,
            "carriage return", "\\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejects_with_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "detail", line, reason, token);
  }

  @Test
  void the_fixture_set_must_fail_cases_name_their_line() {
    record Case(String file, int line, String token) {}
    for (Case c : List.of(
        new Case("unknown-state-word-rebuilding.detail", 12, "rebuilding"),
        new Case("bad-number-raid-devices-12x.detail", 7, "12x"),
        new Case("unknown-device-state-word.detail", 26, "degraded"),
        new Case("device-table-cut-short.detail", 24, null),
        new Case("unknown-field.detail", 23, "Bad Blocks"),
        new Case("truncated-mid-line.detail", 13, "    Active De"))) {
      assertThatThrownBy(() -> detail(c.file())).as(c.file())
          .isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.line()).isEqualTo(c.line());
            assertThat(e.token()).isEqualTo(c.token());
          });
    }
  }

  @Test
  void binary_junk_and_oversized_input_are_rejected_before_parsing() {
    byte[] junk = (HEAD + "\u0000\u00ff\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> BoundedInput.decode(junk, "detail"))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(8);
          assertThat(e.token()).isEqualTo("\\x00");
        });
    byte[] big = (HEAD + STATE + TABLE).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BoundedInput.read(new ByteArrayInputStream(big), "detail", 100))
        .isInstanceOfSatisfying(ParseException.class,
            e -> assertThat(e.reason()).contains("input larger than"));
  }

  @Test
  void sizes_parse_without_the_human_part() throws Exception {
    MdadmDetail d = parse(HEAD.replace("1048512 (1023.94 MiB 1073.68 MB)", "4096")
        + "     Used Dev Size : unknown\n" + STATE + TABLE);
    assertThat(d.arrays().get(0).arraySizeKib()).isEqualTo(OptionalLong.of(4096));
    assertThat(d.arrays().get(0).usedDevSizeKib()).isEmpty();
  }
}
