package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.COUNTER;
import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vigil.core.Deadline;
import org.vigil.core.ParseException;
import org.vigil.core.Subcheck;
import org.vigil.raid.btrfs.DeviceErrorStats;
import org.vigil.raid.btrfs.DeviceStatsCounter;
import org.vigil.raid.btrfs.ScrubRecord;
import org.vigil.raid.btrfs.ScrubState;
import org.vigil.raid.live.BtrfsLive;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;

/**
 * btrfs: every btrfs in {@code <procfs>/self/mounts}, each filesystem once, read by {@link
 * BtrfsLive} ({@code btrfs scrub status -R} and {@code btrfs device stats}, as {@code check_raid
 * --btrfs-all}); verdicts from {@link BtrfsPolicy} with {@link BtrfsPolicyOptions#defaults()} at
 * the time of the scrape.
 */
final class BtrfsCollector implements VigilCollector {
  static final String SCRUB_STATE = "vigil_btrfs_scrub_state";
  static final String SCRUB_LAST_END = "vigil_btrfs_scrub_last_end_timestamp_seconds";
  static final String SCRUB_UNCORRECTABLE = "vigil_btrfs_scrub_uncorrectable_errors";
  static final String SCRUB_CORRECTED = "vigil_btrfs_scrub_corrected_errors";
  static final String SCRUB_DONE = "vigil_btrfs_scrub_done_ratio";
  static final String DEVICE_ERRORS = "vigil_btrfs_device_errors_total";
  /** Kept back from the collector's command timeout for mapping and reporting. */
  static final Duration TOOL_MARGIN = Duration.ofMillis(100);

  private final Clock clock;

  BtrfsCollector() {
    this(Clock.systemUTC());
  }

  /** @param clock the time scrub ages are judged against (the policy's "now") */
  BtrfsCollector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "btrfs";
  }

  @Override
  public String lookedAt(Sources sources) {
    return "btrfs mounts in " + mounts(sources);
  }

  @Override
  public boolean present(Sources sources) throws IOException {
    Path mounts = mounts(sources);
    // Every process has <procfs>/self/mounts; without <procfs>/self this is no procfs at all
    // (a fixture tree of another subsystem), but a procfs without the file is a failure.
    if (!Files.exists(mounts.getParent())) {
      return false;
    }
    try {
      return !BtrfsLive.mountPoints(mounts).isEmpty();
    } catch (ParseException e) {
      // Unreadable mounts are not "no btrfs": collect() fails on them and counts the parse error.
      return true;
    }
  }

  private static Path mounts(Sources sources) {
    return sources.procfs().resolve("self").resolve("mounts");
  }

  @Override
  public Collected collect(Sources sources) throws Exception {
    Deadline deadline = Deadline.after(sources.commandTimeout(), TOOL_MARGIN);
    List<String> mountPoints = BtrfsLive.mountPoints(mounts(sources));
    List<BtrfsLive.Filesystem> filesystems =
        new BtrfsLive(sources.tool(Tool.BTRFS).toString(), sources.runner(), deadline)
            .read(List.of(), mountPoints);
    return map(filesystems, clock.instant());
  }

  /** The pure mapping from the filesystems read and their verdicts at {@code now}. */
  static Collected map(List<BtrfsLive.Filesystem> filesystems, Instant now) {
    Families f = new Families()
        .declare(SCRUB_STATE, GAUGE, "State of the last or running scrub of the filesystem"
            + " (btrfs scrub status); a complete state set, 1 for the current state. never_run:"
            + " btrfs has no scrub record.")
        .declare(SCRUB_LAST_END, GAUGE, "When the last scrub ended (finished, aborted or"
            + " interrupted: see vigil_btrfs_scrub_state), from its start time plus its"
            + " duration, in seconds since the epoch. Absent while a scrub runs, when there is"
            + " no record, and for a resumed scrub (btrfs then prints only the resume time).")
        .declare(SCRUB_UNCORRECTABLE, GAUGE, "Errors the last or running scrub found no good"
            + " copy for (damaged data), in errors. Absent when there is no scrub record.")
        .declare(SCRUB_CORRECTED, GAUGE, "Errors the last or running scrub repaired from"
            + " another copy, in errors. Absent when there is no scrub record.")
        .declare(SCRUB_DONE, GAUGE, "Progress of the running scrub, 0 to 1; only when btrfs"
            + " prints the percentage or the total to scrub.")
        .declare(DEVICE_ERRORS, COUNTER, "Errors of the device since the filesystem was made"
            + " or the counters were reset (btrfs device stats -z), by type, in errors. device is"
            + " the path btrfs prints, devid:N or (null) for a missing device.");
    List<Subcheck> subchecks = new ArrayList<>();
    BtrfsPolicyOptions options = BtrfsPolicyOptions.defaults();
    for (BtrfsLive.Filesystem fs : filesystems) {
      String[] key = {"uuid", fs.uuid().orElse(""), "mount", fs.mount()};
      ScrubRecord scrub = fs.scrub().filesystem().orElseThrow(() -> new IllegalStateException(
          "btrfs scrub status -R " + fs.mount() + " printed device sections but no filesystem"
              + " summary"));
      f.stateSet(SCRUB_STATE, ScrubState.class, scrub.state(), BtrfsCollector::token, "state",
          key);
      lastEnd(scrub).ifPresent(t -> f.add(SCRUB_LAST_END, Sample.of(seconds(t), key)));
      if (scrub.state() != ScrubState.NEVER_RUN) {
        scrub.errors().ifPresent(e -> {
          f.add(SCRUB_UNCORRECTABLE, Sample.of(e.uncorrectable(), key));
          f.add(SCRUB_CORRECTED, Sample.of(e.corrected(), key));
        });
      }
      if (scrub.state() == ScrubState.RUNNING) {
        percentDone(scrub).ifPresent(p -> f.add(SCRUB_DONE,
            Sample.of(Ratios.fromPercent(p), key)));
      }
      for (DeviceErrorStats device : fs.stats().devices()) {
        for (DeviceStatsCounter counter : DeviceStatsCounter.values()) {
          f.add(DEVICE_ERRORS, Sample.of(device.get(counter), key[0], key[1], key[2], key[3],
              "device", device.device(), "type", type(counter)));
        }
      }
      subchecks.add(BtrfsPolicy.evaluate(fs.mount(), Optional.of(fs.scrub()),
          Optional.of(fs.stats()), options, now));
    }
    return new Collected(f.build(), subchecks);
  }

  /**
   * Start + duration of a scrub that ended. Not for a resumed one: btrfs then prints the resume
   * time with the total duration, so their sum is not the end.
   */
  private static Optional<Instant> lastEnd(ScrubRecord r) {
    boolean ended = r.state() == ScrubState.FINISHED || r.state().incomplete();
    if (!ended || r.resumed() || r.started().isEmpty() || r.duration().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r.started().get().plus(r.duration().get()));
  }

  /** What btrfs printed after "Bytes scrubbed:" (5.10+), else bytes scrubbed / total (5.2+). */
  private static OptionalDouble percentDone(ScrubRecord r) {
    if (r.percentDone().isPresent()) {
      return r.percentDone();
    }
    if (r.bytesScrubbed().isPresent() && r.totalToScrub().isPresent()
        && r.totalToScrub().get().bytes() > 0) {
      return OptionalDouble.of(
          100.0 * r.bytesScrubbed().get().bytes() / r.totalToScrub().get().bytes());
    }
    return OptionalDouble.empty();
  }

  private static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  /** The state label: the enum constant in lower case, e.g. never_run, finished. */
  private static String token(ScrubState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** The type label: the counter's key without "_errs" (write_io, ..., generation). */
  private static String type(DeviceStatsCounter counter) {
    String key = counter.key();
    return key.substring(0, key.length() - "_errs".length());
  }
}
