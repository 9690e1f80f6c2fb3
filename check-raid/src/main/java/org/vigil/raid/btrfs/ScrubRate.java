package org.vigil.raid.btrfs;

import java.util.Optional;

/**
 * The {@code Rate:} line: average bytes per second over the scrub's duration, and since
 * btrfs-progs 6.6.3 the device throughput limit ({@code (limit 1.00GiB/s)}) or, on a multi-device
 * filesystem, the note that some device has one ({@code (some device limits set)}).
 */
public record ScrubRate(ByteSize perSecond, Optional<ByteSize> limit, boolean someDeviceLimitsSet) {
  public ScrubRate {
    if (limit.isPresent() && someDeviceLimitsSet) {
      throw new IllegalArgumentException("a rate has either a limit or the device-limits note");
    }
  }
}
