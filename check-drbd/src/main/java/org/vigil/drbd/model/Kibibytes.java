package org.vigil.drbd.model;

/**
 * The one place where DRBD's KiB figures become bytes. /proc/drbd prints ns, nr, dw, dr, oos and
 * the resync totals in KiB (sectors/2); drbdsetup prints size, read, written, sent, received and
 * out-of-sync in KiB.
 */
public final class Kibibytes {
  private Kibibytes() {}

  /**
   * @throws ArithmeticException when the value in bytes does not fit a long
   */
  public static long toBytes(long kib) {
    return Math.multiplyExact(kib, 1024L);
  }
}
