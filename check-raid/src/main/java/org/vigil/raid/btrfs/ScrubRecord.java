package org.vigil.raid.btrfs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One scrub record: of the whole filesystem, or of one device with {@code -d}.
 *
 * @param state what the scrub is doing or did
 * @param started the {@code Scrub started:} / {@code Scrub resumed:} time ({@code %c}, local time
 *     of the host, converted with the parser's zone); empty for {@code no stats available}
 * @param resumed the time is that of the last resume ({@code Scrub resumed:}, {@code scrub resumed
 *     at}); btrfs then no longer prints when the scrub first started
 * @param duration how long the scrub has run in total ({@code Duration:}, {@code after ...})
 * @param timeLeft btrfs' estimate of the time left, while running (5.2+ summary only)
 * @param eta btrfs' estimated end ({@code ETA:}), while running (5.2+ summary only)
 * @param totalToScrub {@code Total to scrub:} (5.2+ summary): the bytes actually scrubbed for a
 *     finished scrub, an estimate from the used space otherwise
 * @param bytesScrubbed bytes read so far: {@code Bytes scrubbed:} while running, legacy {@code
 *     total bytes scrubbed:}, or data_bytes_scrubbed + tree_bytes_scrubbed from {@code -R}
 * @param percentDone the percentage printed after {@code Bytes scrubbed:} (5.10+); may exceed 100
 *     when the used space shrank during the scrub
 * @param rate the {@code Rate:} line (5.2+ summary only)
 * @param errors the error counts; empty only for a {@code -d} device section btrfs printed without
 *     a summary (a device it has no record of)
 * @param mallocWarning the summary carried {@code *** WARNING: memory allocation failed while
 *     scrubbing. results may be inaccurate}
 * @param raw the {@code -R} counters, when the capture is in that form
 */
public record ScrubRecord(
    ScrubState state,
    Optional<Instant> started,
    boolean resumed,
    Optional<Duration> duration,
    Optional<Duration> timeLeft,
    Optional<Instant> eta,
    Optional<ByteSize> totalToScrub,
    Optional<ByteSize> bytesScrubbed,
    OptionalDouble percentDone,
    Optional<ScrubRate> rate,
    Optional<ScrubErrors> errors,
    boolean mallocWarning,
    Optional<RawScrubCounters> raw) {

  public ScrubRecord {
    if (state == ScrubState.NEVER_RUN && (started.isPresent() || duration.isPresent())) {
      throw new IllegalArgumentException("a record without stats has no start time or duration");
    }
    if (state != ScrubState.NEVER_RUN && state != ScrubState.RUNNING && started.isEmpty()) {
      throw new IllegalArgumentException("a " + state + " scrub record needs its start time");
    }
    if (resumed && started.isEmpty()) {
      throw new IllegalArgumentException("a resumed record needs its resume time");
    }
    if (percentDone.isPresent() && !(percentDone.getAsDouble() >= 0)) {
      throw new IllegalArgumentException("percent done must be >= 0");
    }
  }

  /** malloc errors were reported, by the warning line or a non-zero {@code malloc_errors}. */
  public boolean memoryAllocationFailed() {
    return mallocWarning || (errors.isPresent() && errors.get().malloc().orElse(0) > 0);
  }

  /**
   * When a finished scrub ended: start + duration. For a resumed scrub btrfs prints the resume
   * time and the total duration, so the end is not known; then the resume time is returned, which
   * is earlier than the real end (an age computed from it errs on the old side).
   */
  public Optional<Instant> lastActivity() {
    if (started.isEmpty()) {
      return Optional.empty();
    }
    if (state == ScrubState.FINISHED && !resumed && duration.isPresent()) {
      return Optional.of(started.get().plus(duration.get()));
    }
    return started;
  }
}
