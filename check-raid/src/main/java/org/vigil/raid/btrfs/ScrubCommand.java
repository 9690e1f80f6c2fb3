package org.vigil.raid.btrfs;

/** Which btrfs command printed the capture. */
public enum ScrubCommand {
  /** {@code btrfs scrub status [-dR]}: the last recorded scrub, headed by the fsid. */
  STATUS,
  /**
   * {@code btrfs scrub start -B} or {@code scrub resume -B}: the scrub that just ran, headed by
   * {@code scrub done for <fsid>} / {@code scrub canceled for <fsid>} or, with {@code -d}, by
   * device sections only (no fsid at all); stderr messages such as {@code ERROR: there are N
   * uncorrectable errors} may be mixed in.
   */
  START
}
