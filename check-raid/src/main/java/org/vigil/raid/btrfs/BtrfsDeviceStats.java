package org.vigil.raid.btrfs;

import java.util.List;

/**
 * One {@code btrfs device stats <path>} capture.
 *
 * @param devices the devices in print order, each with all five counters
 */
public record BtrfsDeviceStats(List<DeviceErrorStats> devices) {
  public BtrfsDeviceStats {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("device stats list at least one device");
    }
  }

  /** The sum of one counter over all devices. */
  public long total(DeviceStatsCounter counter) {
    long sum = 0;
    for (DeviceErrorStats d : devices) {
      sum = Math.addExact(sum, d.get(counter));
    }
    return sum;
  }
}
