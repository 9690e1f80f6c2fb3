package org.vigil.raid.btrfs;

import java.util.OptionalLong;

/**
 * A btrfs message line outside the records: a note of {@code scrub status}, or one of the messages
 * {@code scrub start -B} prints to stdout or stderr (a cron mail holds both, stderr often first).
 *
 * @param kind which message
 * @param line its 1-based line
 * @param text the line as printed, without surrounding whitespace
 * @param number the number in it: the count for {@link Kind#UNCORRECTABLE_ERRORS} (btrfs counts
 *     devices with uncorrectable errors there, not errors) and {@link Kind#CORRECTED_ERRORS}, the
 *     devid for the device messages; empty when the message has none
 */
public record ScrubMessage(Kind kind, int line, String text, OptionalLong number) {

  public enum Kind {
    /** {@code NOTE: Reading progress from status file} (scrub status). */
    STATUS_FILE_NOTE,
    /** {@code ERROR: there are [N ]uncorrectable errors} (scrub start exits 3). */
    UNCORRECTABLE_ERRORS,
    /**
     * {@code WARNING: errors detected during scrubbing, [N ]corrected}: some device had corrected
     * or unverified errors.
     */
    CORRECTED_ERRORS,
    /** {@code Starting scrub on devid N[ (limit X/s)]} (6.x). */
    STARTING_DEVICE,
    /** {@code ERROR: scrubbing PATH failed for device id N: ret=R, errno=E (TEXT)}. */
    DEVICE_FAILED,
    /** {@code WARNING: device N not present}: the device is missing from the filesystem. */
    DEVICE_NOT_PRESENT;

    /** Printed by {@code scrub start}/{@code resume}, never by {@code scrub status}. */
    public boolean fromStart() {
      return this != STATUS_FILE_NOTE;
    }
  }
}
