package org.vigil.raid.btrfs;

/**
 * A size as btrfs printed it. Human-readable sizes ({@code 1.23GiB}, {@code 210.27MB}) carry two
 * decimals, so {@link #bytes} is rounded to the nearest byte and {@link #exact} is false; raw sizes
 * ({@code --raw}, the {@code -R} counters) are exact.
 *
 * @param bytes the value in bytes
 * @param text the text btrfs printed, e.g. {@code 28.32GiB}
 * @param exact whether {@code bytes} is exact rather than rounded from two decimals
 */
public record ByteSize(long bytes, String text, boolean exact) {
  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
  }

  public static ByteSize exact(long bytes) {
    return new ByteSize(bytes, Long.toString(bytes), true);
  }
}
