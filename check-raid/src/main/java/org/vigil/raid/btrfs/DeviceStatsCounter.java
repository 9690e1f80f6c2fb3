package org.vigil.raid.btrfs;

import org.vigil.core.Vocabulary;

/**
 * The five per-device error counters of {@code btrfs device stats} (cmds/device.c; the kernel's
 * btrfs_dev_stat_values), in print order. They are lifetime totals kept on disk until {@code
 * btrfs device stats -z} resets them.
 */
public enum DeviceStatsCounter implements Vocabulary.Word {
  /** Writes to the device that failed. */
  WRITE_IO_ERRS("write_io_errs"),
  /** Reads from the device that failed. */
  READ_IO_ERRS("read_io_errs"),
  /** Cache flushes (barriers) that failed. */
  FLUSH_IO_ERRS("flush_io_errs"),
  /** Blocks read with a checksum or metadata header mismatch. */
  CORRUPTION_ERRS("corruption_errs"),
  /** Metadata blocks read with an older generation than expected (lost writes). */
  GENERATION_ERRS("generation_errs");

  public static final Vocabulary<DeviceStatsCounter> VOCABULARY =
      Vocabulary.of("device stats counter", values());

  private final String key;

  DeviceStatsCounter(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  @Override
  public String token() {
    return key;
  }
}
