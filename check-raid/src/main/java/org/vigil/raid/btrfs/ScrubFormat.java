package org.vigil.raid.btrfs;

/** The output layout of btrfs-progs' scrub commands, which changed in v5.2 (commit 0323a6c7). */
public enum ScrubFormat {
  /**
   * btrfs-progs up to 5.1: {@code scrub status for <fsid>} and tab-indented sentences such as
   * {@code scrub started at <%c> and finished after 00:01:34} (durations in seconds up to 4.0).
   */
  LEGACY("btrfs-progs <= 5.1"),
  /** btrfs-progs 5.2 and later: {@code UUID:}, {@code Scrub started:}, {@code Status:} lines. */
  LABELLED("btrfs-progs >= 5.2");

  private final String description;

  ScrubFormat(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
