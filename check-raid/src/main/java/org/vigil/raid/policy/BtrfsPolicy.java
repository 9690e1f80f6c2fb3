package org.vigil.raid.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.Finding;
import org.vigil.core.Numbers;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.Subcheck;
import org.vigil.raid.btrfs.BtrfsDeviceStats;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.DeviceErrorStats;
import org.vigil.raid.btrfs.DeviceScrub;
import org.vigil.raid.btrfs.DeviceStatsCounter;
import org.vigil.raid.btrfs.ScrubErrors;
import org.vigil.raid.btrfs.ScrubMessage;
import org.vigil.raid.btrfs.ScrubRecord;
import org.vigil.raid.btrfs.ScrubState;

/**
 * The btrfs policy: a pure function from one filesystem's parsed scrub status and device stats
 * (either may be absent), the operator's options and the time of the check to a {@link Subcheck}.
 * The README's btrfs policy table is the specification of this class.
 *
 * <ul>
 *   <li>CRITICAL: uncorrectable scrub errors; a missing device ({@code devid:N} / {@code (null)} in
 *       device stats, a device section without a path, {@code WARNING: device N not present});
 *       write_io_errs or flush_io_errs above 0.
 *   <li>WARNING: corrected or unverified scrub errors; errors detected but neither corrected nor
 *       uncorrectable; read_io_errs, corruption_errs or generation_errs above 0; the last scrub
 *       aborted or interrupted (or, with btrfs-progs &lt;= 4.0, possibly interrupted); never
 *       scrubbed; the last finished scrub older than the limit, or dated in the future; memory
 *       allocation failures; a device whose scrub failed.
 *   <li>OK: a running scrub (with its progress), a clean finished scrub within the age limit,
 *       clean device stats.
 * </ul>
 */
public final class BtrfsPolicy {
  /** Scrub times up to this far ahead of the check's clock are taken as clock jitter. */
  static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern DEVICE_FAILED =
      Pattern.compile("ERROR: (?<what>scrubbing .+ failed for device id (?<id>\\d+): .*)");

  private BtrfsPolicy() {}

  /**
   * @param name the filesystem as operators know it (mount path or UUID), used in perfdata labels
   * @param scrub the parsed {@code btrfs scrub status}, if it was read
   * @param stats the parsed {@code btrfs device stats}, if it was read
   * @param now the time of the check; scrub ages are measured against it
   */
  public static Subcheck evaluate(
      String name, Optional<BtrfsScrubStatus> scrub, Optional<BtrfsDeviceStats> stats,
      BtrfsPolicyOptions options, Instant now) {
    return new Evaluation(name, options, now).run(scrub, stats);
  }

  /** The findings, summary, details and perfdata of one filesystem. */
  private static final class Evaluation {
    private final String name;
    private final BtrfsPolicyOptions options;
    private final Instant now;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<PerfData> perfdata = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();
    /** Missing devices by id, from every source, so each is reported once. */
    private final TreeSet<Long> missingDevids = new TreeSet<>();
    private final Map<Long, String> missingEvidence = new LinkedHashMap<>();
    private boolean missingNullPath;

    Evaluation(String name, BtrfsPolicyOptions options, Instant now) {
      this.name = name;
      this.options = options;
      this.now = now;
    }

    Subcheck run(Optional<BtrfsScrubStatus> scrub, Optional<BtrfsDeviceStats> stats) {
      if (scrub.isEmpty() && stats.isEmpty()) {
        return new Subcheck(name, "nothing read",
            List.of(Finding.unknown("neither a scrub status nor device stats to check")),
            List.of(), List.of());
      }
      scrub.ifPresent(this::checkScrub);
      stats.ifPresent(this::checkStats);
      reportMissing();
      return new Subcheck(name, String.join("; ", summary), findings, details, perfdata);
    }

    // ---- scrub ----

    private void checkScrub(BtrfsScrubStatus status) {
      details.add("scrub: " + status.format().description() + " layout, 'btrfs scrub "
          + status.command().name().toLowerCase(Locale.ROOT) + "' output"
          + (status.raw() ? " with -R counters" : "")
          + status.fsid().map(f -> ", fsid " + f).orElse(""));
      if (status.filesystem().isPresent()) {
        ScrubRecord record = status.filesystem().get();
        checkRecord("", record, status.raw());
        summary.add(recordSummary(record));
        if (record.state() != ScrubState.NEVER_RUN) {
          details.add("btrfs never adds unverified errors into the filesystem total; run"
              + " 'btrfs scrub status -d' for per-device unverified counts");
        }
      } else {
        for (DeviceScrub device : status.devices()) {
          if (device.path().isEmpty()) {
            missing(device.devid(), "btrfs printed no path for it in the scrub status");
          }
          checkRecord(device.displayName() + ": ", device.scrub(), status.raw());
          details.add(device.displayName() + ": " + recordSummary(device.scrub()));
        }
        summary.add(devicesSummary(status.devices()));
      }
      checkMessages(status);
      scrubPerfdata(status.records());
    }

    private void checkRecord(String where, ScrubRecord record, boolean raw) {
      record.errors().ifPresent(errors -> checkErrors(where, errors));
      if (record.memoryAllocationFailed()) {
        findings.add(Finding.warning(
            where + "memory allocation failed during the scrub: its results may be inaccurate"));
      }
      String started = record.started().map(t -> " (started " + WHEN.format(t) + ")").orElse("");
      switch (record.state()) {
        case NEVER_RUN -> findings.add(Finding.warning(where + "never scrubbed ('no stats"
            + " available'): there is no evidence the data was ever verified, whatever the error"
            + " summary says" + (raw ? " (with -R, a scrub that started moments ago looks the"
            + " same until btrfs records its progress)" : "")));
        case RUNNING -> findings.add(Finding.ok(where + runningText(record)));
        case RUNNING_OR_INTERRUPTED -> findings.add(Finding.warning(where + "scrub 'running for "
            + record.duration().map(Duration::getSeconds).orElse(0L) + " seconds'" + started
            + ": btrfs-progs <= 4.0 prints this both for a running scrub and for one that was"
            + " interrupted, e.g. by a reboot; unless a scrub is running, the data was NOT fully"
            + " checked"));
        case ABORTED -> findings.add(Finding.warning(where + "last scrub was aborted"
            + record.duration().map(d -> " after " + Numbers.clock(d)).orElse("") + started
            + ": the data was NOT fully checked"));
        case INTERRUPTED -> findings.add(Finding.warning(where + "last scrub was interrupted"
            + record.duration().map(d -> " after " + Numbers.clock(d)).orElse("") + started
            + " and did not finish: the data was NOT fully checked"));
        case FINISHED -> checkAge(where, record);
      }
    }

    private void checkErrors(String where, ScrubErrors e) {
      String kinds = kinds(e);
      if (e.uncorrectable() > 0) {
        findings.add(Finding.critical(where + "scrub found " + e.uncorrectable()
            + " uncorrectable " + plural(e.uncorrectable(), "error") + kinds
            + ": data is damaged and could not be repaired from another copy; the kernel log"
            + " names the affected files, restore them from backup"));
      }
      if (e.corrected() > 0) {
        findings.add(Finding.warning(where + "scrub corrected " + e.corrected() + " "
            + plural(e.corrected(), "error") + (e.uncorrectable() > 0 ? "" : kinds)
            + ": a disk is returning bad data; it was repaired from the other copy"));
      }
      if (e.unverified().orElse(0) > 0) {
        long n = e.unverified().getAsLong();
        findings.add(Finding.warning(where + "scrub found " + n + " unverified "
            + plural(n, "error") + ": reads failed and then succeeded on retry, a disk or its"
            + " cable is unreliable"));
      }
      if (e.detected() > e.unverified().orElse(0) && e.corrected() == 0
          && e.uncorrectable() == 0) {
        findings.add(Finding.warning(where + "scrub detected " + e.detected() + " "
            + plural(e.detected(), "error") + kinds + " that were neither corrected nor counted"
            + " uncorrectable (read-only scrub?): data may be damaged"));
      }
    }

    private void checkAge(String where, ScrubRecord record) {
      Instant last = record.lastActivity().orElseThrow();
      String when = record.resumed()
          ? "last scrub (resumed " + WHEN.format(last) + ") finished"
          : "last scrub finished " + WHEN.format(last);
      if (last.isAfter(now.plus(FUTURE_TOLERANCE))) {
        findings.add(Finding.warning(where + when + ", which is after the time of this check ("
            + WHEN.format(now) + "): the clock or the time zone is wrong, so the scrub's age"
            + " cannot be judged"));
        return;
      }
      Duration age = Duration.between(last, now);
      if (age.compareTo(options.scrubMaxAge()) > 0) {
        findings.add(Finding.warning(where + when + ", " + span(age) + " ago (limit "
            + span(options.scrubMaxAge()) + "): the data has not been verified since"));
      }
    }

    private void checkMessages(BtrfsScrubStatus status) {
      List<ScrubRecord> records = status.records();
      boolean uncorrectable = records.stream()
          .anyMatch(r -> r.errors().map(e -> e.uncorrectable() > 0).orElse(false));
      boolean corrected = records.stream().anyMatch(r -> r.errors()
          .map(e -> e.corrected() > 0 || e.unverified().orElse(0) > 0).orElse(false));
      for (ScrubMessage m : status.messages()) {
        switch (m.kind()) {
          case UNCORRECTABLE_ERRORS -> {
            if (!uncorrectable) {
              findings.add(Finding.critical("btrfs scrub reported '" + m.text() + "' although"
                  + " the summary counts none: data is damaged"));
            }
          }
          case CORRECTED_ERRORS -> {
            if (!corrected) {
              findings.add(Finding.warning("btrfs scrub warned '" + m.text() + "' although the"
                  + " summary counts no corrected errors (it leaves out unverified ones): a disk"
                  + " returned bad data"));
            }
          }
          case DEVICE_FAILED -> {
            Matcher f = DEVICE_FAILED.matcher(m.text());
            String what = f.matches() ? f.group("what") : m.text();
            findings.add(Finding.warning("btrfs reported '" + what + "': that device could not"
                + " be scrubbed, its data was NOT checked"));
          }
          case DEVICE_NOT_PRESENT -> missing(m.number().orElseThrow(),
              "btrfs scrub said '" + m.text() + "'");
          case STARTING_DEVICE, STATUS_FILE_NOTE -> details.add("btrfs: " + m.text());
        }
      }
    }

    private void scrubPerfdata(List<ScrubRecord> records) {
      List<ScrubErrors> counted = new ArrayList<>();
      for (ScrubRecord r : records) {
        if (r.state() != ScrubState.NEVER_RUN && r.errors().isPresent()) {
          counted.add(r.errors().get());
        }
      }
      if (!counted.isEmpty()) {
        long unc = 0;
        long cor = 0;
        long csum = 0;
        long read = 0;
        long verify = 0;
        long superBlock = 0;
        long unverified = 0;
        boolean unverifiedKnown = true;
        for (ScrubErrors e : counted) {
          unc += e.uncorrectable();
          cor += e.corrected();
          csum += e.csum();
          read += e.read();
          verify += e.verify();
          superBlock += e.superBlock();
          unverifiedKnown &= e.unverified().isPresent();
          unverified += e.unverified().orElse(0);
        }
        counter("uncorrectable", unc);
        counter("corrected", cor);
        if (unverifiedKnown) {
          counter("unverified", unverified);
        }
        counter("csum", csum);
        counter("read", read);
        counter("verify", verify);
        counter("super", superBlock);
      }
      Optional<Instant> oldest = records.stream().map(ScrubRecord::lastActivity)
          .flatMap(Optional::stream).min(Instant::compareTo);
      oldest.ifPresent(t -> perfdata.add(PerfData.of(name + "_scrub_age",
          Math.max(0, Duration.between(t, now).getSeconds()), Unit.SECONDS).withMin(0)));
    }

    private void counter(String kind, long value) {
      perfdata.add(PerfData.of(name + "_" + kind, value, Unit.COUNTER).withMin(0));
    }

    // ---- device stats ----

    private void checkStats(BtrfsDeviceStats stats) {
      boolean anyNonZero = false;
      int missingCount = 0;
      for (DeviceErrorStats d : stats.devices()) {
        if (d.missing()) {
          missingCount++;
          if (d.missingDevid().isPresent()) {
            missing(d.missingDevid().getAsLong(), "device stats list it as " + d.device());
          } else {
            missingNullPath = true;
          }
        }
        details.add(d.device() + ": write " + d.get(DeviceStatsCounter.WRITE_IO_ERRS)
            + ", read " + d.get(DeviceStatsCounter.READ_IO_ERRS) + ", flush "
            + d.get(DeviceStatsCounter.FLUSH_IO_ERRS) + ", corruption "
            + d.get(DeviceStatsCounter.CORRUPTION_ERRS) + ", generation "
            + d.get(DeviceStatsCounter.GENERATION_ERRS));
        for (DeviceStatsCounter c : DeviceStatsCounter.values()) {
          long v = d.get(c);
          if (v > 0) {
            anyNonZero = true;
            String head = d.device() + " " + c.key() + " " + v + ": ";
            findings.add(switch (c) {
              case WRITE_IO_ERRS -> Finding.critical(head + "writes to this device failed, so"
                  + " its copies of recent data may be missing or stale");
              case FLUSH_IO_ERRS -> Finding.critical(head + "cache flushes to this device"
                  + " failed, so data btrfs believed safely written may not be on it");
              case READ_IO_ERRS -> Finding.warning(head + "reads from this device failed;"
                  + " btrfs used another copy where it had one");
              case CORRUPTION_ERRS -> Finding.warning(head + "this device returned data that"
                  + " failed its checksum");
              case GENERATION_ERRS -> Finding.warning(head + "this device returned outdated"
                  + " metadata, writes it acknowledged were lost");
            });
          }
        }
      }
      if (anyNonZero) {
        details.add("device stats are lifetime counters kept on disk: after dealing with the"
            + " cause, reset them with 'btrfs device stats -z'");
      }
      int n = stats.devices().size();
      StringBuilder sb = new StringBuilder().append(n).append(n == 1 ? " device" : " devices");
      if (missingCount > 0) {
        sb.append(" (").append(missingCount).append(" missing)");
      }
      List<String> nonZero = new ArrayList<>();
      for (DeviceStatsCounter c : DeviceStatsCounter.values()) {
        long total = stats.total(c);
        perfdata.add(PerfData.of(name + "_" + c.key(), total, Unit.COUNTER).withMin(0));
        if (total > 0) {
          nonZero.add(c.key() + " " + total);
        }
      }
      sb.append(nonZero.isEmpty() ? ", device stats clean"
          : ", device stats: " + String.join(", ", nonZero));
      summary.add(sb.toString());
    }

    // ---- missing devices ----

    private void missing(long devid, String evidence) {
      missingDevids.add(devid);
      missingEvidence.merge(devid, evidence, (a, b) -> a + "; " + b);
    }

    private void reportMissing() {
      for (long devid : missingDevids) {
        findings.add(Finding.critical("device id " + devid + " is missing ("
            + missingEvidence.get(devid) + "): the filesystem runs degraded, data that had a copy"
            + " on it has one copy left or none"));
      }
      if (missingNullPath) {
        findings.add(Finding.critical("a device is missing (device stats list it as (null)): the"
            + " filesystem runs degraded, data that had a copy on it has one copy left or none"));
      }
    }

    // ---- text ----

    private String recordSummary(ScrubRecord r) {
      String errors = r.errors().map(Evaluation::errorSummary).orElse("");
      String tail = errors.isEmpty() ? "" : ", " + errors;
      return switch (r.state()) {
        case NEVER_RUN -> "never scrubbed";
        case RUNNING -> percentDone(r).map(p -> "scrub running, " + p + " done")
            .orElse("scrub running");
        case RUNNING_OR_INTERRUPTED -> "scrub running or interrupted"
            + r.started().map(t -> ", started " + WHEN.format(t)).orElse("") + tail;
        case FINISHED -> "scrub finished " + WHEN.format(r.lastActivity().orElseThrow()) + tail;
        case ABORTED, INTERRUPTED -> "scrub " + r.state().word() + " "
            + WHEN.format(r.started().orElseThrow())
            + r.duration().map(d -> " after " + Numbers.clock(d)).orElse("") + tail;
      };
    }

    private String devicesSummary(List<DeviceScrub> devices) {
      Map<ScrubState, Integer> byState = new LinkedHashMap<>();
      for (DeviceScrub d : devices) {
        byState.merge(d.scrub().state(), 1, Integer::sum);
      }
      int n = devices.size();
      String head = "scrub of " + n + (n == 1 ? " device: " : " devices: ");
      if (byState.size() == 1) {
        ScrubRecord first = devices.get(0).scrub();
        if (first.state() == ScrubState.FINISHED) {
          Instant oldest = devices.stream().map(d -> d.scrub().lastActivity().orElseThrow())
              .min(Instant::compareTo).orElseThrow();
          return head + "finished " + WHEN.format(oldest) + ", " + summedErrors(devices);
        }
        if (first.state() == ScrubState.NEVER_RUN) {
          return head + "never scrubbed";
        }
        return head + first.state().word() + ", " + summedErrors(devices);
      }
      List<String> parts = new ArrayList<>();
      byState.forEach((state, count) -> parts.add(count + " " + state.word()));
      return head + String.join(", ", parts) + ", " + summedErrors(devices);
    }

    private static String summedErrors(List<DeviceScrub> devices) {
      long unc = 0;
      long cor = 0;
      long unv = 0;
      long det = 0;
      for (DeviceScrub d : devices) {
        if (d.scrub().errors().isPresent()) {
          ScrubErrors e = d.scrub().errors().get();
          unc += e.uncorrectable();
          cor += e.corrected();
          unv += e.unverified().orElse(0);
          det += e.detected();
        }
      }
      return errorSummary(unc, cor, unv, det);
    }

    private static String errorSummary(ScrubErrors e) {
      return errorSummary(e.uncorrectable(), e.corrected(), e.unverified().orElse(0),
          e.detected());
    }

    private static String errorSummary(long unc, long cor, long unv, long detected) {
      List<String> parts = new ArrayList<>();
      if (unc > 0) {
        parts.add(unc + " uncorrectable");
      }
      if (cor > 0) {
        parts.add(cor + " corrected");
      }
      if (unv > 0) {
        parts.add(unv + " unverified");
      }
      if (parts.isEmpty()) {
        return detected + " " + plural(detected, "error");
      }
      return String.join(", ", parts);
    }

    /**
     * The percentage btrfs printed (5.10+), or bytes scrubbed / total to scrub when it printed both
     * but no percentage (5.2-5.9), which is how btrfs computes it.
     */
    private static Optional<String> percentDone(ScrubRecord r) {
      OptionalDouble percent = r.percentDone();
      if (percent.isEmpty() && r.bytesScrubbed().isPresent() && r.totalToScrub().isPresent()
          && r.totalToScrub().get().bytes() > 0) {
        percent = OptionalDouble.of(
            100.0 * r.bytesScrubbed().get().bytes() / r.totalToScrub().get().bytes());
      }
      return percent.isPresent()
          ? Optional.of(Numbers.percent(percent.getAsDouble())) : Optional.empty();
    }

    private static String runningText(ScrubRecord r) {
      StringBuilder sb = new StringBuilder("scrub running");
      percentDone(r).ifPresent(p -> sb.append(", ").append(p).append(" done"));
      r.timeLeft().ifPresent(t -> sb.append(", about ").append(Numbers.clock(t)).append(" left"));
      r.started().ifPresent(t -> sb.append(", started ").append(WHEN.format(t)));
      return sb.toString();
    }

    private static String kinds(ScrubErrors e) {
      List<String> parts = new ArrayList<>();
      if (e.read() > 0) {
        parts.add("read=" + e.read());
      }
      if (e.superBlock() > 0) {
        parts.add("super=" + e.superBlock());
      }
      if (e.verify() > 0) {
        parts.add("verify=" + e.verify());
      }
      if (e.csum() > 0) {
        parts.add("csum=" + e.csum());
      }
      return parts.isEmpty() ? "" : " (" + String.join(" ", parts) + ")";
    }

    private static String plural(long n, String word) {
      return n == 1 ? word : word + "s";
    }

    /** A rounded-down age: days from two days on, hours from two hours on, else minutes. */
    private static String span(Duration d) {
      if (d.toDays() >= 2) {
        return d.toDays() + " days";
      }
      if (d.toHours() >= 2) {
        return d.toHours() + " hours";
      }
      long minutes = Math.max(0, d.toMinutes());
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
  }
}
