package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.raid.md.MdFixtures.sysfs;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.ParseException;

class MdSysfsReaderTest {

  @Test
  void reads_every_md_array_and_skips_other_block_devices() throws Exception {
    Map<String, MdSysfs> m = new MdSysfsReader().read(sysfs("healthy"));
    assertThat(m.keySet()).containsExactly("md0", "md1", "md9");
    assertThat(m.get("md0")).isEqualTo(new MdSysfs("md0", OptionalLong.of(0),
        Optional.of(SysfsSyncAction.IDLE), OptionalInt.of(0), Optional.of(ArrayState.CLEAN)));
    assertThat(m.get("md1").arrayState()).contains(ArrayState.ACTIVE);
    // only array_state exists for md9: the other attributes are unknown, not zero
    assertThat(m.get("md9")).isEqualTo(new MdSysfs("md9", OptionalLong.empty(),
        Optional.empty(), OptionalInt.empty(), Optional.of(ArrayState.CLEAR)));
  }

  @Test
  void every_fixture_vocabulary_word_is_read() throws Exception {
    assertThat(new MdSysfsReader().read(sysfs("sync-actions")).values())
        .extracting(s -> s.syncAction().orElseThrow())
        .containsExactly(SysfsSyncAction.RESYNC, SysfsSyncAction.RECOVER, SysfsSyncAction.CHECK,
            SysfsSyncAction.RESHAPE);
    assertThat(new MdSysfsReader().read(sysfs("repair")).get("md1").syncAction())
        .contains(SysfsSyncAction.REPAIR);
    assertThat(new MdSysfsReader().read(sysfs("frozen")).get("md0").syncAction())
        .contains(SysfsSyncAction.FROZEN);
    assertThat(new MdSysfsReader().read(sysfs("read-auto")).values())
        .extracting(s -> s.arrayState().orElseThrow())
        .containsExactly(ArrayState.READ_AUTO, ArrayState.WRITE_PENDING, ArrayState.READ_AUTO);
    assertThat(new MdSysfsReader().read(sysfs("suspended")).values())
        .extracting(s -> s.arrayState().orElseThrow())
        .containsExactly(ArrayState.SUSPENDED, ArrayState.ACTIVE_IDLE);
    assertThat(new MdSysfsReader().read(sysfs("broken")).get("md127").arrayState())
        .contains(ArrayState.BROKEN);
    assertThat(new MdSysfsReader().read(sysfs("inactive")).get("md1").arrayState())
        .contains(ArrayState.INACTIVE);
    assertThat(new MdSysfsReader().read(sysfs("readonly")).get("md0").arrayState())
        .contains(ArrayState.READONLY);
    assertThat(new MdSysfsReader().read(sysfs("mismatch")).get("md0").mismatchCount())
        .hasValue(256);
    assertThat(new MdSysfsReader().read(sysfs("degraded-disagrees")).get("md1").degraded())
        .hasValue(1);
  }

  @Test
  void a_bad_file_fails_naming_its_path() {
    Path root = sysfs("bad-mismatch-cnt");
    assertThatThrownBy(() -> new MdSysfsReader().read(root))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.source()).isEqualTo(
              root.resolve("block/md0/md/mismatch_cnt").toString());
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.token()).isEqualTo("12x");
        });
    assertThatThrownBy(() -> new MdSysfsReader().read(sysfs("unknown-sync-action")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.source()).endsWith("md0/md/sync_action");
          assertThat(e.reason()).isEqualTo("unknown sync_action");
          assertThat(e.token()).isEqualTo("scrub");
        });
  }

  @Test
  void not_a_sysfs_root(@TempDir Path dir) {
    assertThatThrownBy(() -> new MdSysfsReader().read(dir))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("block");
  }

  @Test
  void natural_order_oversized_file_and_skipped_names(@TempDir Path dir) throws Exception {
    for (String md : new String[] {"md10", "md2", "md_home", "md127"}) {
      Files.createDirectories(dir.resolve("block").resolve(md).resolve("md"));
      Files.writeString(dir.resolve("block").resolve(md).resolve("md/degraded"), "0\n");
    }
    Files.createDirectories(dir.resolve("block/mdfoo/md"));
    Files.createDirectories(dir.resolve("block/md3"));
    assertThat(new MdSysfsReader().read(dir).keySet())
        .containsExactly("md2", "md10", "md127", "md_home");
    Files.writeString(dir.resolve("block/md2/md/array_state"), "clean\n".repeat(100));
    assertThatThrownBy(() -> new MdSysfsReader(64).read(dir))
        .isInstanceOfSatisfying(ParseException.class,
            e -> assertThat(e.reason()).contains("input larger than"));
    Files.write(dir.resolve("block/md2/md/array_state"), new byte[] {'c', 0, '\n'});
    assertThatThrownBy(() -> new MdSysfsReader().read(dir))
        .isInstanceOfSatisfying(ParseException.class,
            e -> assertThat(e.reason()).contains("binary data"));
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("mismatch_cnt", "12x\n", 1, "not a number", "12x"),
        Arguments.of("mismatch_cnt", "-1\n", 1, "not a number", "-1"),
        Arguments.of("mismatch_cnt", "99999999999999999999\n", 1, "out of range",
            "99999999999999999999"),
        Arguments.of("degraded", "", 0, "empty input", null),
        Arguments.of("degraded", "1", 1, "no newline", "1"),
        Arguments.of("degraded", "1\n2\n", 2, "more than one line", "2"),
        Arguments.of("degraded", " 1\n", 1, "blanks around", " 1"),
        Arguments.of("sync_action", "scrub\n", 1, "unknown sync_action", "scrub"),
        Arguments.of("sync_action", "Idle\n", 1, "unknown sync_action", "Idle"),
        Arguments.of("array_state", "degraded\n", 1, "unknown array state", "degraded"),
        Arguments.of("array_state", "clean \n", 1, "blanks around", "clean "));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("values")
  void rejects_bad_values(String file, String content, int line, String reason, String token) {
    assertThatThrownBy(() -> MdSysfsParser.parse("md0", Map.of(file, content), "/sys/md0/md"))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.source()).isEqualTo("/sys/md0/md/" + file);
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.reason()).contains(reason);
          if (token != null) {
            assertThat(e.token()).isEqualTo(token);
          }
        });
  }

  @Test
  void every_vocabulary_word_parses() throws Exception {
    for (SysfsSyncAction a : SysfsSyncAction.values()) {
      assertThat(MdSysfsParser.parse("md0", Map.of("sync_action", a.token() + "\n"), "d")
          .syncAction()).contains(a);
    }
    for (ArrayState s : ArrayState.values()) {
      assertThat(MdSysfsParser.parse("md0", Map.of("array_state", s.token() + "\n"), "d")
          .arrayState()).contains(s);
    }
    assertThatThrownBy(() -> MdSysfsParser.parse("md0", Map.of("uevent", "x\n"), "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
