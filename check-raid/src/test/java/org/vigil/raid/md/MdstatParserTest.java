package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.raid.md.MdFixtures.mdstat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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

class MdstatParserTest {
  private static final String P = "Personalities : [raid1] [raid6] [raid5] [raid4] [raid10] [raid0]"
      + " [linear] \n";
  private static final String END = "unused devices: <none>\n";

  private static Mdstat parse(String text) throws ParseException {
    return new MdstatParser().parse(text, "mdstat");
  }

  @Test
  void raid1_with_bitmap_and_failed_spare_every_field() throws Exception {
    Mdstat m = mdstat("raid1-failed-spare-F-on-full-array_bitmap.mdstat");
    assertThat(m.personalities()).containsExactly(MdLevel.RAID1);
    assertThat(m.unusedDevices()).isEmpty();
    assertThat(m.arrays()).extracting(MdArray::name).containsExactly("md1", "md0");
    MdArray a = m.arrays().get(0);
    assertThat(a.state()).isEqualTo(MdstatArrayState.ACTIVE);
    assertThat(a.readOnly()).isEqualTo(MdReadOnly.READ_WRITE);
    assertThat(a.level()).contains(MdLevel.RAID1);
    assertThat(a.members()).containsExactly(
        new MdMember("sdc1", 0, Set.of()),
        new MdMember("sdh1", 5, Set.of(MemberFlag.FAULTY)),
        new MdMember("sdg1", 4, Set.of()),
        new MdMember("sdf1", 3, Set.of()),
        new MdMember("sde1", 2, Set.of()),
        new MdMember("sdd1", 1, Set.of()));
    assertThat(a.blocks()).isEqualTo(1953382400L);
    assertThat(a.metadata()).isEqualTo(new MdMetadata(MdMetadata.Kind.PERSISTENT, "1.2"));
    assertThat(a.slots()).contains(new MdSlots(5, 5, "UUUUU"));
    assertThat(a.geometry()).isEqualTo(MdGeometry.NONE);
    assertThat(a.sync()).isEmpty();
    assertThat(a.bitmap()).contains(new MdBitmap(2, 15, 8, 65536L * 1024, Optional.empty()));
    assertThat(a.line()).isEqualTo(2);
    assertThat(a.isContainer()).isFalse();
    assertThat(m.arrays().get(1).line()).isEqualTo(6);
  }

  @Test
  void raid6_recovery_progress_line_every_field() throws Exception {
    MdArray a = mdstat("raid6-6of4-recovery-no-redundancy_reindented.mdstat").arrays().get(0);
    assertThat(a.metadata()).isEqualTo(MdMetadata.V090);
    assertThat(a.geometry()).isEqualTo(new MdGeometry(OptionalInt.of(4), OptionalInt.empty(),
        OptionalInt.of(6), OptionalInt.of(2), OptionalInt.empty(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalInt.empty()));
    assertThat(a.slots()).contains(new MdSlots(6, 4, "UUUU__"));
    assertThat(a.slots().get().missing()).isEqualTo(2);
    assertThat(a.sync()).contains(new MdSync(MdSyncAction.RECOVERY, MdSyncPhase.RUNNING,
        OptionalDouble.of(19.6), OptionalLong.of(288381540L), OptionalLong.of(1465135936L),
        OptionalDouble.of(1420.1), OptionalLong.of(13810L)));
    assertThat(a.members()).extracting(MdMember::device)
        .containsExactly("sde1", "sdf1", "sdb1", "sdg1", "sdd1", "sdc");
  }

  @Test
  void reshape_relaxes_only_the_u_count_and_keeps_super_091() throws Exception {
    MdArray a = mdstat("raid6-super091-reshape-6of4-two-spares.mdstat").arrays().get(0);
    assertThat(a.metadata().text()).isEqualTo("0.91");
    assertThat(a.geometry().algorithm()).hasValue(18);
    assertThat(a.members().stream().filter(MdMember::spare)).hasSize(2);
    assertThat(a.sync().orElseThrow().action()).isEqualTo(MdSyncAction.RESHAPE);
    MdArray r10 = mdstat("raid10-4of3-reshape-grow2to4.mdstat").arrays().get(0);
    assertThat(r10.geometry().chunkKib()).hasValue(64);
    assertThat(r10.geometry().nearCopies()).hasValue(2);
    assertThat(r10.slots()).contains(new MdSlots(4, 3, "U_UU"));
    // during a reshape [n/m] may disagree with the U count; outside one it may not
    Mdstat m = parse(P + "md0 : active raid5 sdc[2] sdb[1] sda[0]\n"
        + "      2093056 blocks super 1.2 level 5, 512k chunk, algorithm 2 [3/3] [UU_]\n"
        + "      [>....................]  reshape =  1.0% (10240/1046528) finish=9.9min"
        + " speed=1024K/sec\n\n" + END);
    assertThat(m.arrays().get(0).slots()).contains(new MdSlots(3, 3, "UU_"));
  }

  @Test
  void imsm_container_and_member() throws Exception {
    Mdstat m = mdstat("imsm-member-raid0-and-container.mdstat");
    MdArray member = m.arrays().get(0);
    assertThat(member.level()).contains(MdLevel.RAID0);
    assertThat(member.metadata()).isEqualTo(
        new MdMetadata(MdMetadata.Kind.EXTERNAL_MEMBER, "external:/md127/0"));
    assertThat(member.metadata().container()).contains("md127");
    assertThat(member.geometry().chunkKib()).hasValue(128);
    assertThat(member.slots()).isEmpty();
    MdArray container = m.arrays().get(1);
    assertThat(container.state()).isEqualTo(MdstatArrayState.INACTIVE);
    assertThat(container.level()).isEmpty();
    assertThat(container.metadata().kind()).isEqualTo(MdMetadata.Kind.EXTERNAL_CONTAINER);
    assertThat(container.isContainer()).isTrue();
    assertThat(container.members()).allMatch(MdMember::spare);
    assertThat(container.blocks()).isEqualTo(4776);
  }

  @Test
  void every_flag_read_only_marker_sync_word_and_layout_word() throws Exception {
    Mdstat m = parse(P + "read_ahead not set\n"
        + "md0 : active (read-only) raid1 sdc1[2](W)(S) sdd1[3](J) sdb1[1](W)(F) sda1[0]"
        + " sde1[4](S)(R) sdf1[5](W)(J)(F) sdg1[6](R)\n"
        + "      100 blocks super 1.2 [2/1] [U_]\n"
        + "      \tresync=DELAYED\n"
        + "      bitmap: 0/1 pages [0KB], 512B chunk, file: /var/md0.bitmap\n\n"
        + "md1 : active (auto-read-only) raid10 sda2[0] sdb2[1] sdc2[2] sdd2[3]\n"
        + "      200 blocks super non-persistent 64K chunks 2 near-copies 2 offset-copies"
        + " 2 devices per set [4/4] [UUUU]\n"
        + "        recover=REMOTE\n"
        + "      \n"
        + "md2 : active linear sda3[0]\n      300 blocks 0k rounding\n      \n"
        + "md_home : broken raid0 sda4[0] sdb4[1]\n      400 blocks super 1.0 256k chunks\n"
        + "      \n"
        + "unused devices: sdx1 sdy1 \n");
    MdArray a = m.arrays().get(0);
    assertThat(a.readOnly()).isEqualTo(MdReadOnly.READ_ONLY);
    assertThat(a.members()).extracting(MdMember::flags).containsExactly(
        Set.of(MemberFlag.WRITE_MOSTLY, MemberFlag.SPARE), Set.of(MemberFlag.JOURNAL),
        Set.of(MemberFlag.WRITE_MOSTLY, MemberFlag.FAULTY),
        Set.of(), Set.of(MemberFlag.SPARE, MemberFlag.REPLACEMENT),
        EnumSet.of(MemberFlag.WRITE_MOSTLY, MemberFlag.JOURNAL, MemberFlag.FAULTY),
        Set.of(MemberFlag.REPLACEMENT));
    assertThat(a.members().get(5).text()).isEqualTo("sdf1[5](W)(J)(F)");
    assertThat(a.sync()).contains(MdSync.waiting(MdSyncAction.RESYNC, MdSyncPhase.DELAYED));
    assertThat(a.bitmap()).contains(new MdBitmap(0, 1, 0, 512, Optional.of("/var/md0.bitmap")));
    MdArray b = m.arrays().get(1);
    assertThat(b.readOnly()).isEqualTo(MdReadOnly.AUTO_READ_ONLY);
    assertThat(b.metadata().kind()).isEqualTo(MdMetadata.Kind.NON_PERSISTENT);
    assertThat(b.geometry().offsetCopies()).hasValue(2);
    assertThat(b.geometry().devicesPerSet()).hasValue(2);
    assertThat(b.geometry().raid10Copies()).isEqualTo(4);
    assertThat(b.sync()).contains(MdSync.waiting(MdSyncAction.RECOVERY, MdSyncPhase.REMOTE));
    assertThat(m.arrays().get(2).geometry().roundingKib()).hasValue(0);
    assertThat(m.arrays().get(3).state()).isEqualTo(MdstatArrayState.BROKEN);
    assertThat(m.arrays().get(3).name()).isEqualTo("md_home");
    assertThat(m.unusedDevices()).containsExactly("sdx1", "sdy1");
  }

  @Test
  void every_sync_word_and_progress_action() throws Exception {
    for (String word : List.of("resync=PENDING", "resync=REMOTE", "reshape=REMOTE")) {
      Mdstat m = parse(P + "md0 : active raid1 sda1[0] sdb1[1]\n      1 blocks [2/2] [UU]\n"
          + "      \t" + word + "\n      \n" + END);
      assertThat(m.arrays().get(0).sync().orElseThrow().phase())
          .isIn(MdSyncPhase.PENDING, MdSyncPhase.REMOTE);
    }
    for (MdSyncAction action : MdSyncAction.values()) {
      Mdstat m = parse(P + "md0 : active raid1 sda1[0] sdb1[1]\n      1 blocks [2/2] [UU]\n"
          + "      [====================>]  " + action.token()
          + " =100.0% (2/2) finish=0.0min speed=1K/sec\n\n" + END);
      assertThat(m.arrays().get(0).sync().orElseThrow().action()).isEqualTo(action);
      assertThat(m.arrays().get(0).sync().orElseThrow().percent()).hasValue(100.0);
    }
  }

  @Test
  void no_arrays_and_empty_personality_list() throws Exception {
    Mdstat m = mdstat("no-arrays.mdstat");
    assertThat(m.personalities()).isEmpty();
    assertThat(m.arrays()).isEmpty();
  }

  @Test
  void composite_corpus_fixtures_fail_on_the_duplicated_member() {
    for (String f : List.of("composite-procfs-fixture.mdstat",
        "composite-node-exporter-fixture.mdstat")) {
      assertThatThrownBy(() -> mdstat(f)).isInstanceOfSatisfying(ParseException.class, e -> {
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.token()).isEqualTo("sdd1[10](S)");
      });
    }
  }

  static Stream<Arguments> failures() {
    String a = "md0 : active raid1 sda1[0] sdb1[1]\n";
    String b = "      100 blocks super 1.2 [2/2] [UU]\n";
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("blank only", "  \n\n", 0, "empty input", null),
        Arguments.of("truncated mid-line", P + a + "      100 bl", 3,
            "last line has no newline", "      100 bl"),
        Arguments.of("shell prompt", "# cat /proc/mdstat\n" + P + END, 1,
            "expected the 'Personalities :' line", "# cat /proc/mdstat"),
        Arguments.of("fragment", a + b + END, 1, "expected the 'Personalities :' line", a.strip()),
        Arguments.of("unknown personality", "Personalities : [raid7] \n" + END, 1,
            "unknown personality", "[raid7]"),
        Arguments.of("malformed personality", "Personalities : raid1\n" + END, 1,
            "malformed personality", "raid1"),
        Arguments.of("no unused line", P + a + b + "\n", 5, "'unused devices:' line", null),
        Arguments.of("unused without none", P + a + b + "\nunused devices:\n", 5,
            "without '<none>'", "unused devices:"),
        Arguments.of("text after unused", P + END + "md0 : x\n", 3,
            "text after the 'unused devices:' line", "md0 : x"),
        Arguments.of("unknown state", P + "md0 : degraded raid1 sda1[0]\n" + b + END, 2,
            "unknown md array state", "degraded"),
        Arguments.of("unknown read-only marker", P + "md0 : active (ro) raid1 sda1[0]\n" + b
            + END, 2, "unknown read-only marker", "(ro)"),
        Arguments.of("personality not listed", "Personalities : [raid0] \n" + a + b + END, 2,
            "not listed", "raid1"),
        Arguments.of("multipath", "Personalities : [multipath] \nmd0 : active multipath sda[0]\n"
            + b + END, 2, "not supported", "multipath"),
        Arguments.of("inactive with personality", P + "md4 : inactive raid1 sda3[0](F)\n"
            + "      4883648 blocks [2/2] [UU]\n       \n" + END, 2,
            "inactive array with a personality", "raid1"),
        Arguments.of("inactive with status", P + "md4 : inactive sda3[0]\n"
            + "      4883648 blocks [2/2] [UU]\n       \n" + END, 3,
            "inactive array with personality status words", "[2/2] [UU]"),
        Arguments.of("no members", P + "md0 : active raid1\n" + b + END, 2,
            "array without members", "active raid1"),
        Arguments.of("unknown flag", P + "md0 : active raid1 sda1[0](Z) sdb1[1]\n" + b + END, 2,
            "unknown member flag", "(Z)"),
        Arguments.of("malformed member", P + "md0 : active raid1 sda1[0] sdj2[X]\n" + b + END, 2,
            "malformed member", "sdj2[X]"),
        Arguments.of("malformed flag", P + "md0 : active raid1 sda1[0](FS)\n" + b + END, 2,
            "malformed member", "sda1[0](FS)"),
        Arguments.of("flags after F", P + "md0 : active raid1 sda1[0](F)(S)\n" + b + END, 2,
            "kernel's order", "sda1[0](F)(S)"),
        Arguments.of("flags reversed", P + "md0 : active raid1 sda1[0](S)(W)\n" + b + END, 2,
            "kernel's order", "sda1[0](S)(W)"),
        Arguments.of("member twice", P + "md0 : active raid1 sda1[0] sda1[1]\n" + b + END, 2,
            "listed twice", "sda1[1]"),
        Arguments.of("array twice", P + a + b + "\n" + a + b + "\n" + END, 5,
            "array listed twice", "md0"),
        Arguments.of("bad array name", P + "sda : active raid1 sda1[0] sdb1[1]\n" + b + END, 2,
            "malformed md device name", "sda"),
        Arguments.of("bad number", P + a + "      12x blocks super 1.2 [2/2] [UU]\n" + END, 3,
            "not a number", "12x"),
        Arguments.of("number out of range", P + a
            + "      99999999999999999999 blocks super 1.2 [2/2] [UU]\n" + END, 3,
            "number out of range", "99999999999999999999"),
        Arguments.of("no blocks line", P + a + "\n" + END, 3, "expected the '<N> blocks' line",
            ""),
        Arguments.of("unknown super", P + a + "      100 blocks super external:foo [2/2] [UU]\n"
            + END, 3, "unknown superblock format", "external:foo"),
        Arguments.of("slots inconsistent", P + a + "      100 blocks super 1.2 [2/2] [U_]\n\n"
            + END, 3, "slot map shows 1 'U'", "[2/2] [U_]"),
        Arguments.of("slot map too short", P + a + "      100 blocks super 1.2 [3/2] [UU]\n\n"
            + END, 3, "says 3 slots but the slot map has 2", "[3/2] [UU]"),
        Arguments.of("slot map letter", P + a + "      100 blocks super 1.2 [2/2] [UF]\n\n"
            + END, 3, "only contain 'U' and '_'", "[UF]"),
        Arguments.of("m above n", P + a + "      100 blocks super 1.2 [2/3] [UU]\n\n" + END, 3,
            "impossible slot count", "[2/3] [UU]"),
        Arguments.of("raid1 status missing", P + a + "      100 blocks super 1.2\n\n" + END, 3,
            "malformed raid1 status", ""),
        Arguments.of("raid5 level mismatch", P + "md0 : active raid5 sda[0] sdb[1] sdc[2]\n"
            + "      100 blocks level 6, 64k chunk, algorithm 2 [3/3] [UUU]\n\n" + END, 3,
            "level does not match", "level 6"),
        Arguments.of("raid0 with slots", P + "md0 : active raid0 sda[0] sdb[1]\n"
            + "      100 blocks 64k chunks [2/2] [UU]\n\n" + END, 3, "malformed raid0 status",
            "64k chunks [2/2] [UU]"),
        Arguments.of("unknown progress action", P + a + b
            + "      [>....................]  repair =  0.5% (5/1000) finish=3.3min speed=5K/sec\n"
            + "\n" + END, 4, "unknown sync action", "repair"),
        Arguments.of("short progress bar", P + a + b
            + "      [>...]  resync =  0.5% (5/1000) finish=3.3min speed=5K/sec\n\n" + END, 4,
            "malformed progress bar", "[>...]"),
        Arguments.of("progress above 100", P + a + b
            + "      [====================>]  resync =100.1% (5/1000) finish=3.3min"
            + " speed=5K/sec\n\n" + END, 4, "progress above 100%", "100.1%"),
        Arguments.of("malformed progress", P + a + b
            + "      [>....................]  resync = 0.5% (5/1000) finish=soon\n\n" + END, 4,
            "malformed progress line", null),
        Arguments.of("unknown sync word", P + a + b + "      \tresync=STALLED\n\n" + END, 4,
            "unknown sync state", "resync=STALLED"),
        Arguments.of("two progress lines", P + a + b + "      \tresync=DELAYED\n"
            + "      \tresync=PENDING\n\n" + END, 5, "second progress line", "resync=PENDING"),
        Arguments.of("progress after bitmap", P + a + b
            + "      bitmap: 0/1 pages [0KB], 65536KB chunk\n      \tresync=DELAYED\n\n" + END,
            5, "after the bitmap line", "resync=DELAYED"),
        Arguments.of("progress on raid0", P + "md0 : active raid0 sda[0] sdb[1]\n"
            + "      100 blocks 64k chunks\n      \tresync=DELAYED\n\n" + END, 4,
            "cannot sync (raid0)", "resync=DELAYED"),
        Arguments.of("malformed bitmap", P + a + b + "      bitmap: lots of pages\n\n" + END, 4,
            "malformed bitmap line", "bitmap: lots of pages"),
        Arguments.of("bitmap pages", P + a + b
            + "      bitmap: 9/8 pages [36KB], 65536KB chunk\n\n" + END, 4,
            "more bitmap pages present", "9/8"),
        Arguments.of("unknown block line", P + a + b + "      resync status: fine\n\n" + END, 4,
            "unexpected line in the block of md0", "resync status: fine"),
        Arguments.of("indented outside block", P + "      100 blocks\n" + END, 2,
            "indented line outside an array block", "100 blocks"),
        Arguments.of("garbage line", P + "hello world\n" + END, 2, "unexpected line",
            "hello world"),
        Arguments.of("carriage return", P.replace("\n", "\r\n") + END, 1, "carriage return",
            "\\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejects_with_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "mdstat", line, reason, token);
  }

  @Test
  void binary_junk_and_oversized_input_are_rejected_before_parsing() {
    byte[] junk = (P + "md0 : active raid1 sda1[0]\n\u0000\u0001junk\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> BoundedInput.decode(junk, "mdstat"))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.reason()).contains("binary data");
          assertThat(e.token()).isEqualTo("\\x00");
        });
    byte[] latin1 = (P + END).replace("raid1", "r\u00e9id1").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> BoundedInput.decode(latin1, "mdstat"))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.reason()).contains("invalid UTF-8");
        });
    byte[] big = (P + END).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BoundedInput.read(new ByteArrayInputStream(big), "mdstat", 32))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(0);
          assertThat(e.reason()).contains("input larger than");
        });
  }

  @Test
  void unknown_personality_is_an_error_even_when_only_registered() {
    assertThatThrownBy(() -> parse("Personalities : [raid1] [dm-raid] \n" + END))
        .isInstanceOf(ParseException.class).hasMessageContaining("'[dm-raid]'");
  }
}
