package org.vigil.raid.btrfs;

import java.util.OptionalLong;

/**
 * The error counts of one scrub record.
 *
 * <p>The summary form prints the read/super/verify/csum counts only when non-zero ({@code Error
 * summary:    csum=239}) and says {@code no errors found} (5.2+) or {@code with 0 errors} (legacy)
 * when read+super+verify+csum and corrected+uncorrectable are all zero, so those six are always
 * known.
 *
 * @param read blocks that could not be read (I/O errors)
 * @param superBlock superblock errors
 * @param verify metadata block header errors (wrong generation, bytenr or fsid)
 * @param csum checksum mismatches
 * @param corrected errors repaired from another copy
 * @param uncorrectable errors no good copy was found for: damaged data
 * @param unverified blocks that failed to read and then read fine on retry. Empty when the text
 *     does not give it: "no errors found" omits it, and btrfs never adds it into the filesystem
 *     total ({@code add_to_fs_stat} lacks it in every release), so a whole-filesystem 0 is no
 *     information and is reported as empty; only per-device ({@code -d}) values are real
 * @param malloc memory allocation failures during the scrub, known only from {@code -R}; the
 *     summary form only prints a warning line (see {@link ScrubRecord#memoryAllocationFailed})
 */
public record ScrubErrors(
    long read, long superBlock, long verify, long csum, long corrected, long uncorrectable,
    OptionalLong unverified, OptionalLong malloc) {

  public ScrubErrors {
    for (long v : new long[] {read, superBlock, verify, csum, corrected, uncorrectable}) {
      if (v < 0) {
        throw new IllegalArgumentException("negative error count");
      }
    }
  }

  public static ScrubErrors none() {
    return new ScrubErrors(0, 0, 0, 0, 0, 0, OptionalLong.empty(), OptionalLong.empty());
  }

  /** read + super + verify + csum: what btrfs counts as detected errors. */
  public long detected() {
    return read + superBlock + verify + csum;
  }

  /** Nothing detected, corrected, uncorrectable or unverified. */
  public boolean clean() {
    return detected() == 0 && corrected == 0 && uncorrectable == 0
        && unverified.orElse(0) == 0;
  }
}
