package org.vigil.raid.btrfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;
import org.vigil.fixtures.Fixtures;

class DeviceStatsParserTest {

  static BtrfsDeviceStats fixture(String file) throws ParseException {
    return parse(BoundedInput.decode(Fixtures.bytes("btrfs", file), file));
  }

  static BtrfsDeviceStats parse(String text) throws ParseException {
    return new DeviceStatsParser().parse(text, "stats");
  }

  private static Map<DeviceStatsCounter, Long> counters(
      long write, long read, long flush, long corruption, long generation) {
    Map<DeviceStatsCounter, Long> map = new EnumMap<>(DeviceStatsCounter.class);
    map.put(DeviceStatsCounter.WRITE_IO_ERRS, write);
    map.put(DeviceStatsCounter.READ_IO_ERRS, read);
    map.put(DeviceStatsCounter.FLUSH_IO_ERRS, flush);
    map.put(DeviceStatsCounter.CORRUPTION_ERRS, corruption);
    map.put(DeviceStatsCounter.GENERATION_ERRS, generation);
    return map;
  }

  @Test
  void every_counter_lands_in_its_field() throws Exception {
    BtrfsDeviceStats s = fixture("4.9-all-counters-nonzero.device-stats");
    assertThat(s.devices()).containsExactly(
        new DeviceErrorStats("/dev/sda1", counters(10418, 227, 117, 77, 47), 1));
    DeviceErrorStats d = s.devices().get(0);
    assertThat(d.missing()).isFalse();
    assertThat(d.missingDevid()).isEmpty();
    assertThat(d.clean()).isFalse();
    assertThat(s.total(DeviceStatsCounter.FLUSH_IO_ERRS)).isEqualTo(117);
  }

  @Test
  void several_devices_in_print_order_with_their_first_line() throws Exception {
    BtrfsDeviceStats s = fixture("6.x-3dev-corruption.device-stats");
    assertThat(s.devices()).extracting(DeviceErrorStats::device)
        .containsExactly("/dev/sdb1", "/dev/sda1", "/dev/sdc1");
    assertThat(s.devices()).extracting(DeviceErrorStats::line).containsExactly(1, 6, 11);
    assertThat(s.devices().get(0).get(DeviceStatsCounter.CORRUPTION_ERRS)).isEqualTo(521);
    assertThat(s.total(DeviceStatsCounter.CORRUPTION_ERRS)).isEqualTo(521);
    assertThat(s.devices().get(1).clean()).isTrue();
  }

  @Test
  void column_styles_before_and_after_49_and_tabs_in_any_order() throws Exception {
    for (String file : new String[] {"docs-zero-3-space-columns.device-stats",
        "4.0-synology-zero.device-stats", "5.x-2dev-zero.device-stats",
        "6.2-2dev-zero.device-stats", "6.x-counters-reordered-tabs.device-stats"}) {
      BtrfsDeviceStats s = fixture(file);
      assertThat(s.devices()).as(file).allSatisfy(d -> assertThat(d.clean()).isTrue());
    }
    assertThat(fixture("4.0-synology-zero.device-stats").devices().get(0).device())
        .isEqualTo("/dev/mapper/cachedev_0");
  }

  @Test
  void missing_devices_devid_and_null() throws Exception {
    DeviceErrorStats devid = fixture("6.2-degraded-missing-devid.device-stats").devices().get(1);
    assertThat(devid.device()).isEqualTo("devid:2");
    assertThat(devid.missing()).isTrue();
    assertThat(devid.missingDevid()).isEqualTo(OptionalLong.of(2));
    DeviceErrorStats nul = fixture("3.x-null-path-missing-device.device-stats").devices().get(1);
    assertThat(nul.device()).isEqualTo("(null)");
    assertThat(nul.missing()).isTrue();
    assertThat(nul.missingDevid()).isEmpty();
  }

  private static final String DEV =
      "[/dev/sda].write_io_errs    0\n[/dev/sda].read_io_errs     0\n"
          + "[/dev/sda].flush_io_errs    0\n[/dev/sda].corruption_errs  0\n"
          + "[/dev/sda].generation_errs  0\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("cut mid-line", DEV + "[/dev/sdb].write_io_e", 6, "no newline",
            "[/dev/sdb].write_io_e"),
        Arguments.of("cut between counters", DEV + "[/dev/sdb].write_io_errs    0\n", 6,
            "device lacks counters read_io_errs, flush_io_errs, corruption_errs,"
                + " generation_errs", "/dev/sdb"),
        Arguments.of("device cut before the next starts", DEV.replace(
            "[/dev/sda].generation_errs  0\n", "") + "[/dev/sdb].write_io_errs    0\n", 4,
            "device lacks counters generation_errs", "/dev/sda"),
        Arguments.of("unknown counter", DEV.replace("flush_io_errs", "bitflip_errs"), 3,
            "unknown device stats counter", "bitflip_errs"),
        Arguments.of("repeated counter", DEV.replace("flush_io_errs", "read_io_errs"), 3,
            "counter repeated for /dev/sda", "read_io_errs"),
        Arguments.of("bad number", DEV.replace("corruption_errs  0", "corruption_errs  12x"), 4,
            "not a number", "12x"),
        Arguments.of("negative number", DEV.replace("corruption_errs  0", "corruption_errs  -1"),
            4, "not a number", "-1"),
        Arguments.of("number too large", DEV.replace("corruption_errs  0",
            "corruption_errs  99999999999999999999"), 4, "number out of range",
            "99999999999999999999"),
        Arguments.of("missing value", DEV.replace("corruption_errs  0", "corruption_errs"), 4,
            "unknown line", "[/dev/sda].corruption_errs"),
        Arguments.of("extra column", DEV.replace("corruption_errs  0", "corruption_errs  0 0"),
            4, "unknown line", null),
        Arguments.of("device listed twice", DEV + DEV.replace("sda", "sdb") + DEV, 11,
            "device listed twice", "/dev/sda"),
        Arguments.of("relative device name", DEV.replace("/dev/sda", "sda"), 1,
            "not an absolute path, devid:N or (null)", "sda"),
        Arguments.of("malformed devid", DEV.replace("/dev/sda", "devid:x"), 1,
            "not an absolute path, devid:N or (null)", "devid:x"),
        Arguments.of("devid too large", DEV.replace("/dev/sda", "devid:99999999999999999999"), 1,
            "device id out of range", "devid:99999999999999999999"),
        Arguments.of("blank line", DEV + "\n" + DEV.replace("sda", "sdb"), 6,
            "unexpected blank line", ""),
        Arguments.of("btrfs error", "ERROR: getting device info for /mnt failed: Operation not"
            + " permitted\n", 1, "btrfs error or warning instead of device stats", null),
        Arguments.of("table form", "Id Path      Write errors Read errors\n", 1, "unknown line",
            null),
        Arguments.of("json form", "{\"__header\": {\"version\": \"1\"}}\n", 1, "unknown line",
            null),
        Arguments.of("carriage return", DEV.replace("\n", "\r\n"), 1, "carriage return", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_input_is_a_parse_error_naming_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "stats", line, reason, token);
  }

  @Test
  void binary_junk_is_refused_before_parsing() {
    byte[] nul = (DEV + "[/dev/sdb].write_io_errs    \u0000\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parse(BoundedInput.decode(nul, "stats")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(6);
          assertThat(e.reason()).contains("NUL");
        });
    assertThatThrownBy(() -> parse(BoundedInput.decode(
            Fixtures.bytes("btrfs", "invalid-binary-junk.device-stats"), "stats")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.reason()).contains("invalid UTF-8");
          assertThat(e.token()).isEqualTo("\\xff");
        });
  }

  @Test
  void oversized_input_is_refused_before_parsing() {
    byte[] big = DEV.repeat(50).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BoundedInput.read(new ByteArrayInputStream(big), "stats", 1024))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isZero();
          assertThat(e.reason()).contains("input larger than");
        });
  }
}
