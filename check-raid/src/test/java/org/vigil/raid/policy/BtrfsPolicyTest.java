package org.vigil.raid.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.BoundedInput;
import org.vigil.core.Finding;
import org.vigil.core.ParseException;
import org.vigil.core.PerfData;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.fixtures.Fixtures;
import org.vigil.raid.btrfs.BtrfsDeviceStats;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.ScrubStatusParser;

class BtrfsPolicyTest {
  private static final Instant NOW = Instant.parse("2020-04-01T00:00:00Z");
  private static final String UUID = "3f6c2a91-8d4e-4b07-a1c3-5e9d7f2b6a18";
  private static final String HEAD = "UUID:             " + UUID + "\n";
  private static final String FINISHED = "Scrub started:    Sat Mar 14 10:22:47 2020\n"
      + "Status:           finished\nDuration:         0:00:13\n";
  private static final String CLEAN = "Total to scrub:   120.50GiB\n"
      + "Rate:             66.27MiB/s\nError summary:    no errors found\n";

  private static BtrfsScrubStatus scrub(String text) throws ParseException {
    return new ScrubStatusParser(ZoneOffset.UTC).parse(text, "scrub");
  }

  private static BtrfsDeviceStats stats(String text) throws ParseException {
    return new DeviceStatsParser().parse(text, "stats");
  }

  private static String fixture(String file) throws ParseException {
    return BoundedInput.decode(Fixtures.bytes("btrfs", file), file);
  }

  private static String errors(String summary, long corrected, long uncorrectable,
      long unverified) {
    return "Total to scrub:   120.50GiB\nRate:             66.27MiB/s\n"
        + "Error summary:    " + summary + "\n  Corrected:      " + corrected + "\n"
        + "  Uncorrectable:  " + uncorrectable + "\n  Unverified:     " + unverified + "\n";
  }

  private static String device(String name, String counter, long value) {
    StringBuilder sb = new StringBuilder();
    for (String c : List.of("write_io_errs", "read_io_errs", "flush_io_errs", "corruption_errs",
        "generation_errs")) {
      sb.append('[').append(name).append("].").append(String.format("%-16s", c)).append(' ')
          .append(c.equals(counter) ? value : 0).append('\n');
    }
    return sb.toString();
  }

  static Subcheck evaluate(String scrubText, String statsText, Instant now, Duration maxAge)
      throws ParseException {
    return BtrfsPolicy.evaluate("/srv",
        scrubText == null ? Optional.empty() : Optional.of(scrub(scrubText)),
        statsText == null ? Optional.empty() : Optional.of(stats(statsText)),
        new BtrfsPolicyOptions(maxAge), now);
  }

  static Stream<Arguments> policyLines() throws ParseException {
    return Stream.of(
        // CRITICAL
        Arguments.of("uncorrectable errors", HEAD + FINISHED + errors("csum=239", 0, 239, 0),
            null, State.CRITICAL, "scrub found 239 uncorrectable errors (csum=239): data is"
                + " damaged and could not be repaired from another copy"),
        Arguments.of("one uncorrectable error", HEAD + FINISHED + errors("csum=1", 0, 1, 0),
            null, State.CRITICAL, "scrub found 1 uncorrectable error (csum=1)"),
        Arguments.of("missing device devid:N", null, device("/dev/sda", "", 0)
            + device("devid:2", "", 0), State.CRITICAL, "device id 2 is missing (device stats"
                + " list it as devid:2): the filesystem runs degraded, data that had a copy on"
                + " it has one copy left or none"),
        Arguments.of("missing device (null)", null, device("/dev/sda", "", 0)
            + device("(null)", "", 0), State.CRITICAL,
            "a device is missing (device stats list it as (null))"),
        Arguments.of("missing device without a path in -d", fixture(
            "6.2-per-device-degraded-missing-path.scrub-status"), null, State.CRITICAL,
            "device id 2 is missing (btrfs printed no path for it in the scrub status)"),
        Arguments.of("device not present in scrub start", fixture(
            "6.2-start-BR-device-not-present.scrub-status-raw"), null, State.CRITICAL,
            "device id 2 is missing (btrfs scrub said 'WARNING: device 2 not present')"),
        Arguments.of("write_io_errs", null, device("/dev/sda1", "write_io_errs", 12),
            State.CRITICAL, "/dev/sda1 write_io_errs 12: writes to this device failed, so its"
                + " copies of recent data may be missing or stale"),
        Arguments.of("flush_io_errs", null, device("/dev/sdb1", "flush_io_errs", 3),
            State.CRITICAL, "/dev/sdb1 flush_io_errs 3: cache flushes to this device failed, so"
                + " data btrfs believed safely written may not be on it"),
        Arguments.of("start -B said uncorrectable, summary none", "ERROR: there are uncorrectable"
            + " errors\nscrub done for " + UUID + "\n" + FINISHED + CLEAN, null, State.CRITICAL,
            "btrfs scrub reported 'ERROR: there are uncorrectable errors' although the summary"
                + " counts none"),
        // WARNING
        Arguments.of("corrected errors", HEAD + FINISHED + errors("read=2 csum=3", 5, 0, 0), null,
            State.WARNING, "scrub corrected 5 errors (read=2 csum=3): a disk is returning bad"
                + " data; it was repaired from the other copy"),
        Arguments.of("unverified errors", fixture("6.x-per-device-unverified.scrub-status-raw"),
            null, State.WARNING, "/dev/sda1 (id 1): scrub found 3 unverified errors: reads"
                + " failed and then succeeded on retry, a disk or its cable is unreliable"),
        Arguments.of("detected, not repaired", HEAD + FINISHED + errors("csum=5", 0, 0, 0), null,
            State.WARNING, "scrub detected 5 errors (csum=5) that were neither corrected nor"
                + " counted uncorrectable"),
        Arguments.of("read_io_errs", null, device("/dev/sda1", "read_io_errs", 227),
            State.WARNING, "/dev/sda1 read_io_errs 227: reads from this device failed"),
        Arguments.of("corruption_errs", null, device("/dev/sdb1", "corruption_errs", 521),
            State.WARNING, "/dev/sdb1 corruption_errs 521: this device returned data that failed"
                + " its checksum"),
        Arguments.of("generation_errs", null, device("/dev/sda1", "generation_errs", 47),
            State.WARNING, "/dev/sda1 generation_errs 47: this device returned outdated"
                + " metadata"),
        Arguments.of("aborted", HEAD + FINISHED.replace("finished", "aborted") + CLEAN, null,
            State.WARNING, "last scrub was aborted after 0:00:13 (started 2020-03-14 10:22 UTC):"
                + " the data was NOT fully checked"),
        Arguments.of("interrupted", HEAD + FINISHED.replace("finished", "interrupted") + CLEAN,
            null, State.WARNING, "last scrub was interrupted after 0:00:13 (started 2020-03-14"
                + " 10:22 UTC) and did not finish: the data was NOT fully checked"),
        Arguments.of("running or interrupted (<= 4.0)", fixture(
            "3.x-running-or-interrupted-seconds.scrub-status"), null, State.WARNING,
            "btrfs-progs <= 4.0 prints this both for a running scrub and for one that was"
                + " interrupted"),
        Arguments.of("never scrubbed", HEAD + "\tno stats available\n" + CLEAN, null,
            State.WARNING, "never scrubbed ('no stats available'): there is no evidence the data"
                + " was ever verified, whatever the error summary says"),
        Arguments.of("never scrubbed, legacy", fixture("4.x-never-scrubbed.scrub-status"), null,
            State.WARNING, "never scrubbed ('no stats available')"),
        Arguments.of("malloc warning", HEAD + FINISHED + "*** WARNING: memory allocation failed"
            + " while scrubbing. results may be inaccurate\n" + CLEAN, null, State.WARNING,
            "memory allocation failed during the scrub: its results may be inaccurate"),
        Arguments.of("malloc counter", fixture("6.x-finished-malloc.scrub-status-raw"), null,
            State.WARNING, "memory allocation failed during the scrub"),
        Arguments.of("corrected warning with 0 errors", fixture(
            "4.x-start-Bd-finished-corrected-warning.scrub-status"), null, State.WARNING,
            "btrfs scrub warned 'WARNING: errors detected during scrubbing, corrected' although"
                + " the summary counts no corrected errors"),
        Arguments.of("device scrub failed", fixture("5.x-start-B-aborted-eio.scrub-status"),
            null, State.WARNING, "btrfs reported 'scrubbing /mnt/custom failed for device id 1:"
                + " ret=-1, errno=5 (Input/output error)': that device could not be scrubbed,"
                + " its data was NOT checked"),
        // OK
        Arguments.of("running with progress", fixture("6.2-running.scrub-status"), null,
            State.OK, "scrub running, 51.5% done, about 0:00:04 left, started 2026-11-25 15:36"
                + " UTC"),
        Arguments.of("finished clean", HEAD + FINISHED + CLEAN, device("/dev/sda", "", 0),
            State.OK, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyLines")
  void each_policy_line(String name, String scrubText, String statsText, State state,
      String message) throws Exception {
    Subcheck sc = evaluate(scrubText, statsText, NOW, Duration.ofDays(3650));
    assertThat(sc.state()).as(sc.findings().toString()).isEqualTo(state);
    if (message != null) {
      assertThat(sc.findings()).extracting(Finding::message)
          .anySatisfy(m -> assertThat(m).contains(message));
      assertThat(sc.findings()).filteredOn(f -> f.message().contains(message))
          .extracting(Finding::state).contains(state);
    }
  }

  @Test
  void summary_and_perfdata_of_a_clean_filesystem() throws Exception {
    Subcheck sc = evaluate(HEAD + FINISHED + CLEAN, device("/dev/sda", "", 0)
        + device("/dev/sdb", "", 0), NOW, BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.name()).isEqualTo("/srv");
    assertThat(sc.state()).isEqualTo(State.OK);
    assertThat(sc.findings()).isEmpty();
    assertThat(sc.summary())
        .isEqualTo("scrub finished 2020-03-14 10:23 UTC, 0 errors; 2 devices, device stats clean");
    assertThat(sc.perfdata()).extracting(PerfData::format).containsExactly(
        "'/srv_uncorrectable'=0c;;;0", "'/srv_corrected'=0c;;;0", "'/srv_csum'=0c;;;0",
        "'/srv_read'=0c;;;0", "'/srv_verify'=0c;;;0", "'/srv_super'=0c;;;0",
        "'/srv_scrub_age'=1517820s;;;0",
        "'/srv_write_io_errs'=0c;;;0", "'/srv_read_io_errs'=0c;;;0",
        "'/srv_flush_io_errs'=0c;;;0", "'/srv_corruption_errs'=0c;;;0",
        "'/srv_generation_errs'=0c;;;0");
  }

  @Test
  void perdevice_perfdata_sums_devices_and_includes_unverified() throws Exception {
    Subcheck sc = evaluate(fixture("6.2-per-device-finished-corrected-uncorrectable.scrub-status"),
        fixture("6.2-2dev-corruption.device-stats"), Instant.parse("2026-11-26T00:00:00Z"),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.perfdata()).extracting(PerfData::format).contains(
        "'/srv_uncorrectable'=8c;;;0", "'/srv_corrected'=4c;;;0", "'/srv_unverified'=0c;;;0",
        "'/srv_csum'=12c;;;0", "'/srv_corruption_errs'=12c;;;0");
    assertThat(sc.summary()).isEqualTo("scrub of 2 devices: finished 2026-11-25 15:35 UTC,"
        + " 8 uncorrectable, 4 corrected; 2 devices, device stats: corruption_errs 12");
  }

  @Test
  void scrub_older_than_the_limit_says_how_old() throws Exception {
    Subcheck sc = evaluate(HEAD + FINISHED + CLEAN, null, Instant.parse("2020-05-20T00:00:00Z"),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.state()).isEqualTo(State.WARNING);
    assertThat(sc.problems()).extracting(Finding::message).containsExactly(
        "last scrub finished 2020-03-14 10:23 UTC, 66 days ago (limit 35 days): the data has not"
            + " been verified since");
    assertThat(evaluate(HEAD + FINISHED + CLEAN, null, Instant.parse("2020-05-20T00:00:00Z"),
        Duration.ofDays(70)).state()).isEqualTo(State.OK);
  }

  @Test
  void age_is_measured_from_the_end_of_the_scrub_at_the_limit_exactly() throws Exception {
    Instant end = Instant.parse("2020-03-14T10:23:00Z");
    assertThat(evaluate(HEAD + FINISHED + CLEAN, null, end.plus(Duration.ofDays(35)),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE).state()).isEqualTo(State.OK);
    assertThat(evaluate(HEAD + FINISHED + CLEAN, null, end.plus(Duration.ofDays(35)).plusSeconds(1),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE).state()).isEqualTo(State.WARNING);
  }

  @Test
  void resumed_scrub_age_counts_from_the_resume() throws Exception {
    Subcheck sc = evaluate(fixture("4.x-resumed-finished.scrub-status"), null,
        Instant.parse("2020-05-01T00:00:00Z"), BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.problems()).extracting(Finding::message).containsExactly(
        "last scrub (resumed 2020-03-14 10:22 UTC) finished, 47 days ago (limit 35 days): the"
            + " data has not been verified since");
  }

  @Test
  void a_scrub_dated_after_the_check_is_a_clock_problem() throws Exception {
    Subcheck sc = evaluate(HEAD + FINISHED + CLEAN, null, Instant.parse("2020-03-14T09:00:00Z"),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.state()).isEqualTo(State.WARNING);
    assertThat(sc.problems().get(0).message()).contains("which is after the time of this check"
        + " (2020-03-14 09:00 UTC): the clock or the time zone is wrong");
    // A few minutes of clock jitter are tolerated.
    assertThat(evaluate(HEAD + FINISHED + CLEAN, null, Instant.parse("2020-03-14T10:20:00Z"),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE).state()).isEqualTo(State.OK);
  }

  @Test
  void never_scrubbed_in_raw_form_mentions_the_just_started_ambiguity() throws Exception {
    Subcheck sc = evaluate(fixture("6.2-never-scrubbed.scrub-status-raw"), null, NOW,
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.problems()).singleElement().satisfies(f -> assertThat(f.message()).endsWith(
        "(with -R, a scrub that started moments ago looks the same until btrfs records its"
            + " progress)"));
    assertThat(sc.summary()).isEqualTo("never scrubbed");
    assertThat(sc.perfdata()).isEmpty();
  }

  @Test
  void missing_device_reported_once_across_scrub_and_stats() throws Exception {
    Subcheck sc = evaluate(fixture("6.2-start-Bd-device-not-present.scrub-status"),
        fixture("6.2-degraded-missing-devid.device-stats"), Instant.parse("2026-11-26T00:00:00Z"),
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.findings()).filteredOn(f -> f.message().startsWith("device id 2 is missing"))
        .singleElement().satisfies(f -> {
          assertThat(f.state()).isEqualTo(State.CRITICAL);
          assertThat(f.message()).contains("btrfs printed no path for it in the scrub status;"
              + " btrfs scrub said 'WARNING: device 2 not present'; device stats list it as"
              + " devid:2");
        });
    assertThat(sc.summary()).endsWith("2 devices (1 missing), device stats clean");
  }

  @Test
  void uncorrectable_and_aborted_both_reported_worst_first() throws Exception {
    Subcheck sc = evaluate(fixture("5.4-aborted-csum-uncorrectable.scrub-status"), null,
        Instant.parse("2020-03-01T00:00:00Z"), BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.problems()).extracting(Finding::state)
        .containsExactly(State.CRITICAL, State.WARNING);
    assertThat(sc.summary()).isEqualTo("scrub aborted 2020-02-27 00:16 UTC after 0:02:03,"
        + " 278 uncorrectable");
  }

  @Test
  void all_counters_of_a_device() throws Exception {
    Subcheck sc = evaluate(null, fixture("4.9-all-counters-nonzero.device-stats"), NOW,
        BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.problems()).extracting(Finding::state).containsExactly(State.CRITICAL,
        State.CRITICAL, State.WARNING, State.WARNING, State.WARNING);
    assertThat(sc.summary()).isEqualTo("1 device, device stats: write_io_errs 10418,"
        + " read_io_errs 227, flush_io_errs 117, corruption_errs 77, generation_errs 47");
    assertThat(sc.details()).contains("device stats are lifetime counters kept on disk: after"
        + " dealing with the cause, reset them with 'btrfs device stats -z'");
  }

  @Test
  void running_scrub_is_ok_and_summarised_with_its_progress() throws Exception {
    Subcheck sc = evaluate(fixture("5.2-running-no-percent.scrub-status"), null,
        Instant.parse("2023-04-10T12:35:00Z"), BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE);
    assertThat(sc.state()).isEqualTo(State.OK);
    assertThat(sc.summary()).isEqualTo("scrub running, 48.6% done");
    assertThat(sc.findings()).singleElement().satisfies(f -> {
      assertThat(f.state()).isEqualTo(State.OK);
      assertThat(f.message()).isEqualTo(
          "scrub running, 48.6% done, about 0:00:05 left, started 2023-04-10 12:34 UTC");
    });
  }

  @Test
  void nothing_to_check_is_unknown() {
    Subcheck sc = BtrfsPolicy.evaluate("/srv", Optional.empty(), Optional.empty(),
        BtrfsPolicyOptions.defaults(), NOW);
    assertThat(sc.state()).isEqualTo(State.UNKNOWN);
  }

  @Test
  void options_need_a_positive_age() {
    assertThat(BtrfsPolicyOptions.defaults().scrubMaxAge()).isEqualTo(Duration.ofDays(35));
    assertThatThrownBy(() -> new BtrfsPolicyOptions(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
