package org.vigil.raid.btrfs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The counters of one device, as {@code [/dev/sda1].write_io_errs    0} lines.
 *
 * @param device what btrfs printed between the brackets: the device path, {@code devid:N} for a
 *     device that is missing (btrfs-progs 4.5.2+), or {@code (null)} for a missing device before
 * @param counters each of the five counters
 * @param line the 1-based line of the device's first counter
 */
public record DeviceErrorStats(String device, Map<DeviceStatsCounter, Long> counters, int line) {
  public DeviceErrorStats {
    EnumMap<DeviceStatsCounter, Long> copy = new EnumMap<>(DeviceStatsCounter.class);
    copy.putAll(counters);
    for (DeviceStatsCounter c : DeviceStatsCounter.values()) {
      Long v = copy.get(c);
      if (v == null || v < 0) {
        throw new IllegalArgumentException(device + ": counter " + c.key() + " missing");
      }
    }
    counters = Collections.unmodifiableMap(copy);
    if (device.startsWith("devid:")) {
      if (!device.matches("devid:\\d+")) {
        throw new IllegalArgumentException("malformed missing-device name " + device);
      }
      Long.parseLong(device.substring("devid:".length()));
    }
  }

  public long get(DeviceStatsCounter counter) {
    return counters.get(counter);
  }

  /** The device is not present: btrfs printed {@code devid:N} or {@code (null)} for its path. */
  public boolean missing() {
    return missingDevid().isPresent() || device.equals("(null)");
  }

  /** N of {@code devid:N}. */
  public OptionalLong missingDevid() {
    return device.startsWith("devid:")
        ? OptionalLong.of(Long.parseLong(device.substring("devid:".length())))
        : OptionalLong.empty();
  }

  /** All five counters are zero. */
  public boolean clean() {
    return counters.values().stream().allMatch(v -> v == 0);
  }
}
