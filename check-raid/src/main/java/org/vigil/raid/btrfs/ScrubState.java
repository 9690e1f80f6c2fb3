package org.vigil.raid.btrfs;

import org.vigil.core.Vocabulary;

/**
 * What the last scrub of a filesystem or device is doing or did, as {@code btrfs scrub status}
 * (or {@code scrub start -B}) prints it (cmds/scrub.c {@code _print_scrub_ss}).
 */
public enum ScrubState implements Vocabulary.Word {
  /**
   * {@code no stats available}: btrfs has no record with a start time. The filesystem was never
   * scrubbed, or the status file under /var/lib/btrfs was lost; the error summary printed after it
   * ("no errors found", "with 0 errors") is about nothing.
   */
  NEVER_RUN("no stats available"),
  /** {@code Status: running}, or a legacy {@code , running for HH:MM:SS}. */
  RUNNING("running"),
  /**
   * btrfs-progs &lt;= 4.0 ({@code , running for N seconds}): that release had no "interrupted"
   * state and printed "running for" both for a running scrub and for one that was interrupted, e.g.
   * by a reboot. The text does not say which.
   */
  RUNNING_OR_INTERRUPTED("running for N seconds"),
  FINISHED("finished"),
  /** Cancelled ({@code btrfs scrub cancel}) or failed (e.g. an I/O error on a device). */
  ABORTED("aborted"),
  /** Stopped without finishing or being cancelled (the scrub process died). */
  INTERRUPTED("interrupted");

  /** The words of the 5.2+ {@code Status:} line. */
  public static final Vocabulary<ScrubState> STATUS_WORDS = Vocabulary.of(
      "scrub status word", new ScrubState[] {RUNNING, FINISHED, ABORTED, INTERRUPTED});

  private final String word;

  ScrubState(String word) {
    this.word = word;
  }

  /** The word btrfs prints for this state (NEVER_RUN, RUNNING_OR_INTERRUPTED: the phrase). */
  public String word() {
    return word;
  }

  @Override
  public String token() {
    return word;
  }

  /** The scrub stopped before it had read everything: the data was not fully checked. */
  public boolean incomplete() {
    return this == ABORTED || this == INTERRUPTED;
  }
}
