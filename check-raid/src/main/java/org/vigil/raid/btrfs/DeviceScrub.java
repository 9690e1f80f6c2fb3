package org.vigil.raid.btrfs;

import java.util.Optional;
import org.vigil.core.Vocabulary;

/**
 * One {@code -d} section: {@code Scrub device /dev/sda (id 1) history} (5.9+; {@code scrub device}
 * before) and the record under it.
 *
 * @param path the device path; empty when btrfs printed none ({@code Scrub device  (id 2)}), which
 *     it does for a device that is missing from the mounted filesystem
 * @param devid the btrfs device id
 * @param label the word after the id; empty when btrfs printed none, which it does for a device it
 *     has no scrub record of ({@code no stats available} follows, and no summary)
 * @param scrub the record
 * @param line the 1-based line of the section header
 */
public record DeviceScrub(
    Optional<String> path, long devid, Optional<Label> label, ScrubRecord scrub, int line) {

  /** The word btrfs appends to a device section header. */
  public enum Label implements Vocabulary.Word {
    /** {@code scrub status -d}: a finished record. */
    HISTORY("history"),
    /** {@code scrub status -d}: a record that is not finished (running, interrupted). */
    STATUS("status"),
    /** {@code scrub start -Bd}: the device scrub ended without error. */
    DONE("done"),
    /** {@code scrub start -Bd}: the device scrub was cancelled or failed. */
    CANCELED("canceled");

    public static final Vocabulary<Label> VOCABULARY =
        Vocabulary.of("device section label", values());

    private final String word;

    Label(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    @Override
    public String token() {
      return word;
    }
  }

  /** How operators know the device: its path, or the id when btrfs printed no path. */
  public String displayName() {
    return path.map(p -> p + " (id " + devid + ")").orElse("device id " + devid);
  }
}
