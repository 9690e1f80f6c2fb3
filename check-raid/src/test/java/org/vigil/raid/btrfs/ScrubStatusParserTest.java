package org.vigil.raid.btrfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.vigil.raid.btrfs.DeviceScrub.Label;
import org.vigil.raid.btrfs.ScrubMessage.Kind;

class ScrubStatusParserTest {
  private static final String FSID_62 = "5204acda-b256-4e01-91e5-de8688dc809e";
  private static final String HAND_FSID = "3f6c2a91-8d4e-4b07-a1c3-5e9d7f2b6a18";
  private static final String LEGACY_FSID = "0e8c4f7a-31d2-4b9e-9a55-2f7c1d6e8b40";

  static BtrfsScrubStatus fixture(String file) throws ParseException {
    return parse(BoundedInput.decode(Fixtures.bytes("btrfs", file), file));
  }

  static BtrfsScrubStatus parse(String text) throws ParseException {
    return new ScrubStatusParser(ZoneOffset.UTC).parse(text, "scrub");
  }

  private static ScrubRecord fs(BtrfsScrubStatus s) {
    assertThat(s.devices()).isEmpty();
    return s.filesystem().orElseThrow();
  }

  private static ByteSize human(long bytes, String text) {
    return new ByteSize(bytes, text, false);
  }

  private static Map<RawScrubCounter, Long> rawValues(long... values) {
    Map<RawScrubCounter, Long> map = new EnumMap<>(RawScrubCounter.class);
    RawScrubCounter[] all = RawScrubCounter.values();
    for (int i = 0; i < all.length; i++) {
      map.put(all[i], values[i]);
    }
    return map;
  }

  // ---- btrfs-progs 6.2 -R, the form the live check reads ----

  @Test
  void progs_62_raw_finished_every_field() throws Exception {
    BtrfsScrubStatus s = fixture("6.2-finished-clean.scrub-status-raw");
    assertThat(s.format()).isEqualTo(ScrubFormat.LABELLED);
    assertThat(s.command()).isEqualTo(ScrubCommand.STATUS);
    assertThat(s.fsid()).contains(FSID_62);
    assertThat(s.raw()).isTrue();
    assertThat(s.messages()).isEmpty();
    ScrubRecord r = fs(s);
    assertThat(r.state()).isEqualTo(ScrubState.FINISHED);
    assertThat(r.started()).contains(Instant.parse("2026-11-25T15:35:56Z"));
    assertThat(r.resumed()).isFalse();
    assertThat(r.duration()).contains(Duration.ofSeconds(1));
    assertThat(r.timeLeft()).isEmpty();
    assertThat(r.eta()).isEmpty();
    assertThat(r.totalToScrub()).isEmpty();
    assertThat(r.percentDone()).isEmpty();
    assertThat(r.rate()).isEmpty();
    assertThat(r.bytesScrubbed()).contains(ByteSize.exact(209715200L + 557056L));
    assertThat(r.mallocWarning()).isFalse();
    assertThat(r.memoryAllocationFailed()).isFalse();
    // The whole-filesystem unverified count is never summed by btrfs: 0 there means "unknown".
    assertThat(r.errors()).contains(new ScrubErrors(
        0, 0, 0, 0, 0, 0, OptionalLong.empty(), OptionalLong.of(0)));
    assertThat(r.raw().orElseThrow().values()).isEqualTo(rawValues(
        3200, 34, 209715200, 557056, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 299106304));
    assertThat(r.lastActivity()).contains(Instant.parse("2026-11-25T15:35:57Z"));
  }

  @Test
  void progs_62_raw_errors_land_in_their_fields() throws Exception {
    ScrubRecord r = fs(fixture("6.2-finished-corrected-uncorrectable.scrub-status-raw"));
    assertThat(r.errors()).contains(new ScrubErrors(
        0, 0, 0, 12, 4, 8, OptionalLong.empty(), OptionalLong.of(0)));
    assertThat(r.raw().orElseThrow().get(RawScrubCounter.LAST_PHYSICAL)).isEqualTo(298844160L);
  }

  @Test
  void progs_62_raw_without_stats_is_never_run_even_while_a_scrub_runs() throws Exception {
    // Captured 3 s after 'btrfs scrub start': -R has no 'Time left:', so nothing tells it apart.
    for (String file : List.of(
        "6.2-never-scrubbed.scrub-status-raw", "6.2-running-no-record-yet.scrub-status-raw")) {
      ScrubRecord r = fs(fixture(file));
      assertThat(r.state()).as(file).isEqualTo(ScrubState.NEVER_RUN);
      assertThat(r.started()).isEmpty();
      assertThat(r.duration()).isEmpty();
      assertThat(r.bytesScrubbed()).contains(ByteSize.exact(0));
      assertThat(r.errors().orElseThrow().clean()).isTrue();
    }
  }

  @Test
  void progs_62_raw_running_and_interrupted() throws Exception {
    ScrubRecord running = fs(fixture("6.2-running.scrub-status-raw"));
    assertThat(running.state()).isEqualTo(ScrubState.RUNNING);
    assertThat(running.started()).contains(Instant.parse("2026-11-25T15:36:46Z"));
    assertThat(running.timeLeft()).isEmpty();
    ScrubRecord interrupted = fs(fixture("6.2-interrupted.scrub-status-raw"));
    assertThat(interrupted.state()).isEqualTo(ScrubState.INTERRUPTED);
    assertThat(interrupted.duration()).contains(Duration.ofSeconds(5));
    assertThat(fs(fixture("6.2-aborted.scrub-status-raw")).state())
        .isEqualTo(ScrubState.ABORTED);
  }

  @Test
  void progs_62_per_device_raw_keeps_unverified_per_device() throws Exception {
    BtrfsScrubStatus s =
        fixture("6.2-per-device-finished-corrected-uncorrectable.scrub-status-raw");
    assertThat(s.raw()).isTrue();
    assertThat(s.filesystem()).isEmpty();
    assertThat(s.devices()).extracting(DeviceScrub::devid).containsExactly(1L, 2L);
    DeviceScrub second = s.devices().get(1);
    assertThat(second.path()).contains("/dev/loop3");
    assertThat(second.label()).contains(Label.HISTORY);
    assertThat(second.line()).isEqualTo(23);
    assertThat(second.scrub().errors()).contains(new ScrubErrors(
        0, 0, 0, 8, 4, 4, OptionalLong.of(0), OptionalLong.of(0)));
    assertThat(fixture("6.x-per-device-unverified.scrub-status-raw").devices().get(0).scrub()
        .errors().orElseThrow().unverified()).hasValue(3);
  }

  // ---- btrfs-progs 5.2+ summary form ----

  @Test
  void progs_62_running_summary_every_field() throws Exception {
    BtrfsScrubStatus s = fixture("6.2-running.scrub-status");
    assertThat(s.raw()).isFalse();
    ScrubRecord r = fs(s);
    assertThat(r.state()).isEqualTo(ScrubState.RUNNING);
    assertThat(r.started()).contains(Instant.parse("2026-11-25T15:36:46Z"));
    assertThat(r.resumed()).isFalse();
    assertThat(r.duration()).contains(Duration.ofSeconds(5));
    assertThat(r.timeLeft()).contains(Duration.ofSeconds(4));
    assertThat(r.eta()).contains(Instant.parse("2026-11-25T15:36:56Z"));
    assertThat(r.totalToScrub()).contains(human(210270945L, "200.53MiB"));
    assertThat(r.bytesScrubbed()).contains(human(108359844L, "103.34MiB"));
    assertThat(r.percentDone()).hasValue(51.53);
    assertThat(r.rate()).contains(
        new ScrubRate(human(21674066L, "20.67MiB"), Optional.empty(), false));
    assertThat(r.errors()).contains(ScrubErrors.none());
    assertThat(r.raw()).isEmpty();
  }

  @Test
  void running_without_a_record_yet_is_running_without_a_start_time() throws Exception {
    ScrubRecord r = fs(fixture("6.2-running-no-record-yet.scrub-status"));
    assertThat(r.state()).isEqualTo(ScrubState.RUNNING);
    assertThat(r.started()).isEmpty();
    assertThat(r.percentDone()).hasValue(0.0);
    assertThat(r.bytesScrubbed()).contains(new ByteSize(0, "0.00B", true));
  }

  @Test
  void never_scrubbed_summary_says_no_errors_about_nothing() throws Exception {
    ScrubRecord r = fs(fixture("6.2-never-scrubbed.scrub-status"));
    assertThat(r.state()).isEqualTo(ScrubState.NEVER_RUN);
    assertThat(r.totalToScrub()).contains(human(210270945L, "200.53MiB"));
    assertThat(r.rate().orElseThrow().perSecond()).isEqualTo(new ByteSize(0, "0.00B", true));
    assertThat(r.errors()).contains(ScrubErrors.none());
  }

  @Test
  void percent_above_100_and_a_far_eta_are_accepted() throws Exception {
    // Real 6.1 output (linux-btrfs, Sep 2024): the used space shrank during the scrub.
    ScrubRecord r = fs(parse("UUID:             44803366-3981-4ebb-853b-6c991380c8a6\n"
        + "Scrub started:    Sat Sep 28 19:20:34 2024\nStatus:           running\n"
        + "Duration:         28:09:48\nTime left:        19507110:45:51\n"
        + "ETA:              Sat Feb  9 05:16:16 4250\nTotal to scrub:   24.21TiB\n"
        + "Bytes scrubbed:   24.22TiB  (100.06%)\n"
        + "Rate:             250.51MiB/s (some device limits set)\n"
        + "Error summary:    read=1\n   Corrected:      1\n   Uncorrectable:  0\n"
        + "   Unverified:     0\n"));
    assertThat(r.percentDone()).hasValue(100.06);
    assertThat(r.timeLeft()).contains(Duration.ofHours(19507110).plusMinutes(45).plusSeconds(51));
    assertThat(r.eta()).contains(Instant.parse("4250-02-09T05:16:16Z"));
    assertThat(r.rate().orElseThrow().someDeviceLimitsSet()).isTrue();
    assertThat(r.errors()).contains(new ScrubErrors(
        1, 0, 0, 0, 1, 0, OptionalLong.empty(), OptionalLong.empty()));
  }

  @Test
  void progs_52_running_without_percent() throws Exception {
    ScrubRecord r = fs(fixture("5.2-running-no-percent.scrub-status"));
    assertThat(r.percentDone()).isEmpty();
    assertThat(r.bytesScrubbed()).contains(human(14774687498L, "13.76GiB"));
    assertThat(r.totalToScrub()).contains(human(30408368456L, "28.32GiB"));
  }

  @Test
  void progs_66_rate_limits() throws Exception {
    assertThat(fs(fixture("6.6-finished-rate-limit.scrub-status")).rate()).contains(new ScrubRate(
        human(69489132L, "66.27MiB"), Optional.of(new ByteSize(104857600L, "100.00MiB", false)),
        false));
    assertThat(fs(fixture("6.6-finished-some-device-limits.scrub-status")).rate())
        .contains(new ScrubRate(human(69489132L, "66.27MiB"), Optional.empty(), true));
  }

  @Test
  void si_and_raw_unit_options() throws Exception {
    ScrubRecord si = fs(fixture("6.2-finished-clean-si-units.scrub-status"));
    assertThat(si.totalToScrub()).contains(human(210270000L, "210.27MB"));
    // btrfs-progs 6.2 keeps the Rate binary with --si.
    assertThat(si.rate().orElseThrow().perSecond()).isEqualTo(human(210270945L, "200.53MiB"));
    ScrubRecord raw = fs(fixture("6.2-finished-clean-raw-units.scrub-status"));
    assertThat(raw.totalToScrub()).contains(ByteSize.exact(210272256L));
    assertThat(raw.rate().orElseThrow().perSecond()).isEqualTo(ByteSize.exact(210272256L));
  }

  @Test
  void error_summary_keys_corrected_and_the_empty_key_list() throws Exception {
    assertThat(fs(fixture("6.x-finished-csum-corrected-uncorrectable.scrub-status")).errors())
        .contains(new ScrubErrors(0, 0, 0, 1068, 172, 896, OptionalLong.empty(),
            OptionalLong.empty()));
    assertThat(fs(fixture("5.10-aborted-verify-csum-corrected-uncorrectable.scrub-status"))
        .errors()).contains(new ScrubErrors(0, 0, 79, 5, 7, 77, OptionalLong.empty(),
            OptionalLong.empty()));
    assertThat(fs(fixture("6.x-finished-corrected-no-error-kinds.scrub-status")).errors())
        .contains(new ScrubErrors(0, 0, 0, 0, 2, 0, OptionalLong.empty(), OptionalLong.empty()));
  }

  @Test
  void memory_allocation_warning_and_malloc_counter() throws Exception {
    ScrubRecord warned = fs(fixture("6.x-finished-malloc-warning.scrub-status"));
    assertThat(warned.mallocWarning()).isTrue();
    assertThat(warned.memoryAllocationFailed()).isTrue();
    ScrubRecord counted = fs(fixture("6.x-finished-malloc.scrub-status-raw"));
    assertThat(counted.mallocWarning()).isFalse();
    assertThat(counted.errors().orElseThrow().malloc()).hasValue(2);
    assertThat(counted.memoryAllocationFailed()).isTrue();
    assertThat(fs(fixture("4.x-finished-malloc-warning.scrub-status")).mallocWarning()).isTrue();
  }

  @Test
  void resumed_scrubs() throws Exception {
    ScrubRecord r = fs(fixture("6.2-resumed-aborted.scrub-status"));
    assertThat(r.resumed()).isTrue();
    assertThat(r.started()).contains(Instant.parse("2026-11-25T15:36:07Z"));
    assertThat(r.state()).isEqualTo(ScrubState.ABORTED);
    // For a resumed record the end is unknown; the resume time stands in for it.
    assertThat(r.lastActivity()).contains(Instant.parse("2026-11-25T15:36:07Z"));
  }

  @Test
  void per_device_never_scrubbed_headers_end_without_a_label() throws Exception {
    BtrfsScrubStatus s = fixture("6.2-per-device-never-scrubbed.scrub-status");
    assertThat(s.devices()).hasSize(2);
    DeviceScrub d = s.devices().get(0);
    assertThat(d.path()).contains("/dev/loop2");
    assertThat(d.label()).isEmpty();
    assertThat(d.line()).isEqualTo(3);
    assertThat(d.scrub().state()).isEqualTo(ScrubState.NEVER_RUN);
    assertThat(d.scrub().errors()).isEmpty();
    assertThat(s.raw()).isFalse();
  }

  @Test
  void per_device_section_of_a_missing_device_has_no_path() throws Exception {
    BtrfsScrubStatus s = fixture("6.2-per-device-degraded-missing-path.scrub-status");
    DeviceScrub missing = s.devices().get(1);
    assertThat(missing.path()).isEmpty();
    assertThat(missing.devid()).isEqualTo(2);
    assertThat(missing.displayName()).isEqualTo("device id 2");
    assertThat(missing.scrub().state()).isEqualTo(ScrubState.ABORTED);
  }

  @Test
  void per_device_52_to_58_lowercase_headers_and_status_file_note() throws Exception {
    BtrfsScrubStatus s = fixture("5.6-per-device-resumed-finished-status-file-note.scrub-status");
    assertThat(s.messages()).containsExactly(new ScrubMessage(Kind.STATUS_FILE_NOTE, 1,
        "NOTE: Reading progress from status file", OptionalLong.empty()));
    assertThat(s.devices()).extracting(DeviceScrub::path)
        .containsExactly(Optional.of("/dev/sda"), Optional.of("/dev/sdb"));
    assertThat(s.devices().get(0).scrub().resumed()).isTrue();
    assertThat(s.devices().get(1).scrub().duration())
        .contains(Duration.ofHours(7).plusMinutes(27).plusSeconds(15));
  }

  // ---- btrfs scrub start -B ----

  @Test
  void start_bd_has_no_fsid_and_keeps_its_messages() throws Exception {
    BtrfsScrubStatus s = fixture("6.2-start-Bd-device-not-present.scrub-status");
    assertThat(s.command()).isEqualTo(ScrubCommand.START);
    assertThat(s.fsid()).isEmpty();
    assertThat(s.messages()).containsExactly(new ScrubMessage(Kind.DEVICE_NOT_PRESENT, 1,
        "WARNING: device 2 not present", OptionalLong.of(2)));
    assertThat(s.devices()).extracting(DeviceScrub::label)
        .containsExactly(Optional.of(Label.DONE), Optional.of(Label.CANCELED));
  }

  @Test
  void start_b_from_cron_with_stderr_first() throws Exception {
    BtrfsScrubStatus s = fixture("6.x-start-B-cron-uncorrectable.scrub-status");
    assertThat(s.command()).isEqualTo(ScrubCommand.START);
    assertThat(s.fsid()).contains("d90583c8-9284-48b4-9444-abd00924002a");
    assertThat(s.messages()).extracting(ScrubMessage::kind, ScrubMessage::line,
            ScrubMessage::number)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.UNCORRECTABLE_ERRORS, 1, OptionalLong.of(1)),
            org.assertj.core.groups.Tuple.tuple(Kind.STARTING_DEVICE, 2, OptionalLong.of(1)));
    assertThat(fs(s).errors().orElseThrow().uncorrectable()).isEqualTo(110693);
  }

  @Test
  void start_b_device_failure_and_cancel() throws Exception {
    BtrfsScrubStatus s = fixture("5.x-start-B-aborted-eio.scrub-status");
    assertThat(s.messages()).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo(Kind.DEVICE_FAILED);
      assertThat(m.number()).hasValue(1);
      assertThat(m.text()).endsWith("errno=5 (Input/output error)");
    });
    assertThat(fs(s).state()).isEqualTo(ScrubState.ABORTED);
    assertThat(fs(s).totalToScrub()).contains(human(405917359145L, "378.04GiB"));
    assertThat(fixture("6.x-start-BR-aborted.scrub-status-raw").raw()).isTrue();
  }

  // ---- legacy layouts ----

  @Test
  void legacy_41_to_51_finished_every_field() throws Exception {
    BtrfsScrubStatus s = fixture("4.x-finished-clean.scrub-status");
    assertThat(s.format()).isEqualTo(ScrubFormat.LEGACY);
    assertThat(s.command()).isEqualTo(ScrubCommand.STATUS);
    assertThat(s.fsid()).contains("aef23e40-53f8-43a5-b849-16ecb3d938f2");
    assertThat(s.raw()).isFalse();
    ScrubRecord r = fs(s);
    assertThat(r.state()).isEqualTo(ScrubState.FINISHED);
    assertThat(r.started()).contains(Instant.parse("2021-01-22T07:37:06Z"));
    assertThat(r.duration()).contains(Duration.ofSeconds(94));
    assertThat(r.bytesScrubbed()).contains(human(10136122819L, "9.44GiB"));
    assertThat(r.totalToScrub()).isEmpty();
    assertThat(r.rate()).isEmpty();
    assertThat(r.errors()).contains(ScrubErrors.none());
  }

  @Test
  void legacy_up_to_40_seconds_with_error_details() throws Exception {
    ScrubRecord r = fs(fixture("3.x-aborted-seconds-csum-uncorrectable.scrub-status"));
    assertThat(r.state()).isEqualTo(ScrubState.ABORTED);
    assertThat(r.duration()).contains(Duration.ofSeconds(89882));
    assertThat(r.bytesScrubbed()).contains(human(2056086743941L, "1.87TiB"));
    assertThat(r.errors()).contains(new ScrubErrors(
        0, 0, 0, 4, 0, 4, OptionalLong.empty(), OptionalLong.empty()));
  }

  @Test
  void legacy_running_for_seconds_is_running_or_interrupted() throws Exception {
    assertThat(fs(fixture("3.x-running-or-interrupted-seconds.scrub-status")).state())
        .isEqualTo(ScrubState.RUNNING_OR_INTERRUPTED);
    assertThat(fs(fixture("4.x-running.scrub-status")).state()).isEqualTo(ScrubState.RUNNING);
  }

  @Test
  void legacy_interrupted_resumed_and_corrected() throws Exception {
    ScrubRecord interrupted = fs(fixture("4.x-interrupted.scrub-status"));
    assertThat(interrupted.state()).isEqualTo(ScrubState.INTERRUPTED);
    assertThat(interrupted.duration()).contains(Duration.ofMinutes(10));
    assertThat(fs(fixture("4.x-resumed-finished.scrub-status")).resumed()).isTrue();
    assertThat(fs(fixture("4.x-finished-corrected.scrub-status")).errors()).contains(
        new ScrubErrors(1, 0, 0, 2, 3, 0, OptionalLong.empty(), OptionalLong.empty()));
    assertThat(fs(fixture("4.x-never-scrubbed.scrub-status")).state())
        .isEqualTo(ScrubState.NEVER_RUN);
  }

  @Test
  void legacy_per_device_raw_and_start_bd() throws Exception {
    BtrfsScrubStatus raw = fixture("4.x-per-device-raw-finished-truncated.scrub-status-raw");
    assertThat(raw.format()).isEqualTo(ScrubFormat.LEGACY);
    assertThat(raw.raw()).isTrue();
    DeviceScrub d = raw.devices().get(0);
    assertThat(d.label()).contains(Label.HISTORY);
    assertThat(d.scrub().raw().orElseThrow().get(RawScrubCounter.NO_CSUM)).isEqualTo(1894424);
    assertThat(d.scrub().bytesScrubbed()).contains(ByteSize.exact(3633406001152L + 4907614208L));

    BtrfsScrubStatus start = fixture("4.x-start-Bd-finished-corrected-warning.scrub-status");
    assertThat(start.command()).isEqualTo(ScrubCommand.START);
    assertThat(start.fsid()).isEmpty();
    assertThat(start.devices().get(0).label()).contains(Label.DONE);
    assertThat(start.messages()).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo(Kind.CORRECTED_ERRORS);
      assertThat(m.line()).isEqualTo(4);
      assertThat(m.number()).isEmpty();
    });
    assertThat(fixture("4.0-synology-per-device-finished.scrub-status").devices())
        .singleElement().satisfies(x -> assertThat(x.path()).contains("/dev/mapper/cachedev_0"));
  }

  @Test
  void timestamps_are_local_time_of_the_given_zone() throws Exception {
    String text = "UUID:             " + HAND_FSID + "\n"
        + "Scrub started:    Sat Mar 14 10:22:47 2020\n"
        + "Status:           finished\nDuration:         0:31:02\nTotal to scrub:   1.00GiB\n"
        + "Rate:             1.00MiB/s\nError summary:    no errors found\n";
    BtrfsScrubStatus berlin = new ScrubStatusParser(ZoneId.of("Europe/Berlin")).parse(text, "x");
    assertThat(berlin.filesystem().orElseThrow().started())
        .contains(Instant.parse("2020-03-14T09:22:47Z"));
    assertThat(fs(parse(text)).started()).contains(Instant.parse("2020-03-14T10:22:47Z"));
  }

  @Test
  void every_corpus_and_captured_fixture_that_is_not_invalid_parses() throws Exception {
    for (String file : List.of("5.4-aborted-csum-uncorrectable.scrub-status",
        "5.x-finished-csum-uncorrectable.scrub-status", "6.x-finished-clean-3dev.scrub-status",
        "6.x-resumed-aborted.scrub-status", "5.2-start-B-uncorrectable.scrub-status",
        "4.x-finished-clean-2019.scrub-status", "4.x-finished-clean-mailwrapped.scrub-status",
        "5.4-per-device-finished-csum-errors-truncated.scrub-status",
        "6.2-per-device-running-no-record-yet.scrub-status",
        "6.2-per-device-running.scrub-status-raw",
        "6.2-per-device-interrupted.scrub-status", "6.2-per-device-aborted.scrub-status",
        "6.2-per-device-degraded-after-scrub.scrub-status",
        "6.2-start-BR-device-not-present.scrub-status-raw",
        "6.2-start-B-finished-clean.scrub-status",
        "6.2-no-stats-after-killed-start.scrub-status", "6.2-degraded-aborted.scrub-status-raw",
        "3.x-finished-seconds.scrub-status", "5.10-running.scrub-status")) {
      assertThat(fixture(file).records()).as(file).isNotEmpty();
    }
  }

  // ---- failure modes ----

  private static final String HEAD = "UUID:             " + FSID_62 + "\n";
  private static final String STATS = "Scrub started:    Wed Nov 25 15:35:56 2026\n"
      + "Status:           finished\nDuration:         0:00:01\n";
  private static final String SUMMARY = "Total to scrub:   200.53MiB\n"
      + "Rate:             200.53MiB/s\nError summary:    no errors found\n";
  private static final String LEGACY = "scrub status for " + LEGACY_FSID + "\n"
      + "\tscrub started at Sat Mar 14 10:22:47 2020 and finished after 00:31:02\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", 0, "empty input", null),
        Arguments.of("blank lines only", "\n \n", 0, "empty input", null),
        Arguments.of("cut mid-line", HEAD + STATS + "Total to scrub:   200.5", 5,
            "last line has no newline", "Total to scrub:   200.5"),
        Arguments.of("cut before the summary", HEAD + STATS, 5,
            "output ends early: expected the scrub summary", ""),
        Arguments.of("cut inside the summary", HEAD + STATS + "Total to scrub:   200.53MiB\n", 6,
            "output ends early: expected 'Rate:'", ""),
        Arguments.of("cut after Error summary keys", HEAD + STATS
            + "Total to scrub:   1.00GiB\nRate:             1.00MiB/s\nError summary:    csum=3\n"
            + "  Corrected:      3\n", 9, "output ends early: expected 'Uncorrectable:'", ""),
        Arguments.of("unknown status word", HEAD + STATS.replace("finished", "paused") + SUMMARY,
            3, "unknown scrub status word", "paused"),
        Arguments.of("unknown line", HEAD + STATS + "Checksum:         crc32c\n" + SUMMARY, 5,
            "unknown line", "Checksum:         crc32c"),
        Arguments.of("label out of order", HEAD + STATS + "Rate:             1.00MiB/s\n"
            + SUMMARY, 5, "unexpected 'Rate:' line, expected 'Total to scrub:'", "Rate:"),
        Arguments.of("bad number", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:    csum=3\n  Corrected:      12x\n", 8,
            "not a number", "12x"),
        Arguments.of("bad error count", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:    csum=3x\n", 7, "not a number",
            "3x"),
        Arguments.of("zero error count", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:    csum=0\n", 7,
            "zero error count", "csum=0"),
        Arguments.of("unknown error kind", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:    parity=2\n", 7,
            "unknown error kind", "parity=2"),
        Arguments.of("error kinds out of order", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:    csum=2 read=1\n", 7,
            "out of order", "read=1"),
        Arguments.of("error summary without errors", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB/s\nError summary:\n  Corrected:      0\n"
            + "  Uncorrectable:  0\n  Unverified:     0\n", 7,
            "error summary without any error", null),
        Arguments.of("bad duration", HEAD + STATS.replace("0:00:01", "0:61:01") + SUMMARY, 4,
            "above 59", "0:61:01"),
        Arguments.of("duration beyond any date", HEAD + STATS.replace("0:00:01",
            "2562047788015215:00:00") + SUMMARY, 4, "duration out of range",
            "2562047788015215:00:00"),
        Arguments.of("legacy seconds beyond any date", "scrub status for " + LEGACY_FSID + "\n"
            + "\tscrub started at Sat Mar 14 10:22:47 2020 and finished after"
            + " 9223372036854775807 seconds\n\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 2,
            "duration out of range", "9223372036854775807 seconds"),
        Arguments.of("duration without seconds", HEAD + STATS.replace("0:00:01", "0:01")
            + SUMMARY, 4, "malformed duration", "0:01"),
        Arguments.of("bad percentage", HEAD + STATS.replace("finished", "running")
            + "Time left:        0:00:01\nETA:              Wed Nov 25 15:36:00 2026\n"
            + "Total to scrub:   1.00GiB\nBytes scrubbed:   0.50GiB  (50%)\n" + "Rate:"
            + "             1.00MiB/s\nError summary:    no errors found\n", 8,
            "malformed percentage", "50%"),
        Arguments.of("running without time left", HEAD + STATS.replace("finished", "running")
            + SUMMARY, 5, "running scrub without 'Time left:'", null),
        Arguments.of("time left for a finished scrub", HEAD + STATS
            + "Time left:        0:00:01\nETA:              Wed Nov 25 15:36:00 2026\n"
            + "Total to scrub:   1.00GiB\nBytes scrubbed:   0.50GiB  (50.00%)\n"
            + "Rate:             1.00MiB/s\nError summary:    no errors found\n", 5,
            "'Time left:' for a scrub whose status is 'finished'", null),
        Arguments.of("unknown size unit", HEAD + STATS + SUMMARY.replace("200.53MiB\n",
            "200.53Mib\n"), 5, "unknown size unit 'Mib'", "200.53Mib"),
        Arguments.of("size with one decimal", HEAD + STATS + SUMMARY.replace("200.53MiB\n",
            "200.5MiB\n"), 5, "malformed size", "200.5MiB"),
        Arguments.of("size too large", HEAD + STATS + SUMMARY.replace("200.53MiB\n",
            "9.00EiB\n"), 5, "size out of range", "9.00EiB"),
        Arguments.of("malformed rate", HEAD + STATS + "Total to scrub:   1.00GiB\n"
            + "Rate:             1.00MiB\nError summary:    no errors found\n", 6,
            "expected 'SIZE/s'", "1.00MiB"),
        Arguments.of("non-C locale timestamp", HEAD + STATS.replace(
            "Wed Nov 25 15:35:56 2026", "mer. 25 nov. 2026 15:35:56") + SUMMARY, 2,
            "not in the C locale's %c format", "mer. 25 nov. 2026 15:35:56"),
        Arguments.of("weekday does not match", HEAD + STATS.replace("Wed Nov 25", "Thu Nov 25")
            + SUMMARY, 2, "weekday Thu does not match the date (it was a Wed)",
            "Thu Nov 25 15:35:56 2026"),
        Arguments.of("impossible date", HEAD + STATS.replace("Wed Nov 25", "Wed Nov 31")
            + SUMMARY, 2, "impossible date", "Wed Nov 31 15:35:56 2026"),
        Arguments.of("not a uuid", "UUID:             /mnt/data\n" + STATS + SUMMARY, 1,
            "not a filesystem UUID", "/mnt/data"),
        Arguments.of("unknown raw counter", HEAD + STATS + "\tread_errors: 0\n"
            + "\tbitrot_errors: 0\n", 6, "unknown raw scrub counter", "bitrot_errors"),
        Arguments.of("repeated raw counter", HEAD + STATS + "\tread_errors: 0\n"
            + "\tread_errors: 0\n", 6, "counter repeated", "read_errors"),
        Arguments.of("raw counters cut short", HEAD + STATS + "\tread_errors: 0\n", 5,
            "-R counters incomplete, missing data_extents_scrubbed", null),
        Arguments.of("negative raw counter", HEAD + STATS + "\tread_errors: -1\n", 5,
            "not a number", "-1"),
        Arguments.of("raw counter too large", HEAD + STATS
            + "\tread_errors: 99999999999999999999\n", 5, "number out of range",
            "99999999999999999999"),
        Arguments.of("mixed layouts", HEAD + STATS
            + "\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 5, "mixes output layouts",
            "total bytes scrubbed: 1.00GiB with 0 errors"),
        Arguments.of("legacy header with a 5.2 record", "scrub status for " + LEGACY_FSID + "\n"
            + STATS + SUMMARY, 2, "mixes output layouts", null),
        Arguments.of("capital device header in legacy output", "scrub status for "
            + LEGACY_FSID + "\nScrub device /dev/sda (id 1) history\n"
            + LEGACY.substring(LEGACY.indexOf('\n') + 1)
            + "\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 2, "mixes output layouts", null),
        Arguments.of("interrupted with seconds", "scrub status for " + LEGACY_FSID + "\n"
            + "\tscrub started at Sat Mar 14 10:22:47 2020, interrupted after 600 seconds, not"
            + " running\n\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 2,
            "mixes output layouts", "600 seconds"),
        Arguments.of("legacy sentence unknown", "scrub status for " + LEGACY_FSID + "\n"
            + "\tscrub started at Sat Mar 14 10:22:47 2020 and stopped after 00:31:02\n"
            + "\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 2, "expected '... and finished",
            null),
        Arguments.of("legacy error total mismatch", LEGACY
            + "\ttotal bytes scrubbed: 1.00GiB with 5 errors\n\terror details: csum=4\n"
            + "\tcorrected errors: 0, uncorrectable errors: 4, unverified errors: 0\n", 3,
            "error total does not match", "5"),
        Arguments.of("legacy errors without details", LEGACY
            + "\ttotal bytes scrubbed: 1.00GiB with 5 errors\n", 4,
            "output ends early: expected 'error details:'", ""),
        Arguments.of("legacy decimal unit", LEGACY
            + "\ttotal bytes scrubbed: 1.00GB with 0 errors\n", 3, "decimal size unit", "1.00GB"),
        Arguments.of("legacy raw size", LEGACY
            + "\ttotal bytes scrubbed: 1073741824 with 0 errors\n", 3, "size without a unit",
            "1073741824"),
        Arguments.of("legacy durations mixed", "scrub status for " + LEGACY_FSID + "\n"
            + "scrub device /dev/sda (id 1) history\n"
            + "\tscrub started at Sat Mar 14 10:22:47 2020 and finished after 1843 seconds\n"
            + "\ttotal bytes scrubbed: 1.00GiB with 0 errors\n"
            + "scrub device /dev/sdb (id 2) history\n"
            + "\tscrub started at Sat Mar 14 10:22:47 2020 and finished after 00:30:43\n"
            + "\ttotal bytes scrubbed: 1.00GiB with 0 errors\n", 6, "mixes output layouts",
            "00:30:43"),
        Arguments.of("summary and raw mixed", HEAD + "\nScrub device /dev/sda (id 1) history\n"
            + STATS + SUMMARY + "\nScrub device /dev/sdb (id 2) history\n" + STATS
            + "\tdata_extents_scrubbed: 1\n", 15, "mixes the -R counter form and the summary",
            "data_extents_scrubbed: 1"),
        Arguments.of("unknown device label", HEAD + "\nScrub device /dev/sda (id 1) paused\n"
            + STATS + SUMMARY, 3, "unknown device section label", "paused"),
        Arguments.of("device id not a number", HEAD + "\nScrub device /dev/sda (id one) history\n"
            + STATS + SUMMARY, 3, "not a number", "one"),
        Arguments.of("device listed twice", HEAD + "\nScrub device /dev/sda (id 1) history\n"
            + STATS + SUMMARY + "\nScrub device /dev/sda (id 1) history\n" + STATS + SUMMARY, 11,
            "device id listed twice", "1"),
        Arguments.of("labelled device without summary", HEAD
            + "\nScrub device /dev/sda (id 1) history\n\tno stats available\n", 5,
            "output ends early: expected the scrub summary", ""),
        Arguments.of("start label in status output", HEAD
            + "\nScrub device /dev/sda (id 1) done\n" + STATS + SUMMARY, 3,
            "'done'/'canceled' device section in 'btrfs scrub status' output", "done"),
        Arguments.of("start message in status output", "ERROR: there are 1 uncorrectable"
            + " errors\n" + HEAD + STATS + SUMMARY, 1, "'btrfs scrub start' message in 'btrfs"
            + " scrub status' output", "ERROR: there are 1 uncorrectable errors"),
        Arguments.of("unknown btrfs message", "WARNING: failed to read status: Invalid argument\n"
            + HEAD + "\tno stats available\n" + SUMMARY, 1, "unknown btrfs message", null),
        Arguments.of("note after the start", HEAD + "NOTE: Reading progress from status file\n"
            + STATS + SUMMARY, 2, "'NOTE:' line after the status began", null),
        Arguments.of("only messages", "ERROR: there are 1 uncorrectable errors\n", 0,
            "no scrub status in the input", null),
        Arguments.of("no stats in start output", "scrub done for " + FSID_62
            + "\n\tno stats available\n" + SUMMARY, 2, "'no stats available' in 'btrfs scrub"
            + " start' output", "no stats available"),
        Arguments.of("blank line inside a record", HEAD + STATS + "\n" + SUMMARY, 5,
            "unexpected blank line", ""),
        Arguments.of("trailing blank line", HEAD + STATS + SUMMARY + "\n", 8,
            "unexpected blank line", ""),
        Arguments.of("two filesystems", HEAD + STATS + SUMMARY + HEAD + STATS + SUMMARY, 8,
            "unexpected 'UUID:' line", "UUID:"),
        Arguments.of("carriage return", (HEAD + STATS + SUMMARY).replace("\n", "\r\n"), 1,
            "carriage return", null),
        Arguments.of("control character", HEAD
            + "Scrub started:    Wed Nov 25 15:35:56 2026\u001b\n"
            + STATS.substring(STATS.indexOf('\n') + 1) + SUMMARY, 2, "control character", null),
        Arguments.of("fragment", "Error summary:    csum=72\n  Corrected:      2\n", 1,
            "expected the first line", "Error summary:"),
        Arguments.of("background start message", "scrub started on /mnt, fsid " + FSID_62
            + " (pid=5010)\n", 1, "unknown line", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_input_is_a_parse_error_naming_line_reason_and_token(
      String name, String text, int line, String reason, String token) {
    ParseErrors.assertParseError(() -> parse(text), "scrub", line, reason, token);
  }

  @Test
  void binary_junk_is_refused_before_parsing() {
    byte[] bytes = (HEAD + "Scrub started:    \u0000\u0000\u00ff\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parse(BoundedInput.decode(bytes, "scrub")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).contains("NUL");
        });
    byte[] latin1 = (HEAD + STATS + "Total to scrub:   1,5\u00b5B\n").getBytes(
        StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parse(BoundedInput.decode(latin1, "scrub")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.reason()).contains("invalid UTF-8");
          assertThat(e.token()).isEqualTo("\\xb5");
        });
  }

  @Test
  void oversized_input_is_refused_before_parsing() {
    byte[] big = (HEAD + STATS + SUMMARY).repeat(10).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BoundedInput.read(new ByteArrayInputStream(big), "scrub", 256))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isZero();
          assertThat(e.reason()).contains("input larger than 256 B");
        });
  }

  @Test
  void the_parser_is_stateless_between_calls() throws Exception {
    ScrubStatusParser parser = new ScrubStatusParser(ZoneOffset.UTC);
    String raw = BoundedInput.decode(Fixtures.bytes("btrfs", "6.2-aborted.scrub-status-raw"), "a");
    String summary = BoundedInput.decode(Fixtures.bytes("btrfs", "6.2-aborted.scrub-status"), "b");
    assertThat(parser.parse(raw, "a").raw()).isTrue();
    assertThat(parser.parse(summary, "b").raw()).isFalse();
  }
}
