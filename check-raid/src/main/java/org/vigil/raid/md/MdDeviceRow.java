package org.vigil.raid.md;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One row of the {@code mdadm --detail} device table, {@code Number Major Minor RaidDevice State
 * path}.
 *
 * @param number the device number; empty for {@code -}
 * @param major device major
 * @param minor device minor
 * @param raidDevice the slot; empty for {@code -} (spare, faulty, journal, container member)
 * @param states the state words; empty in a container's table (no State column)
 * @param set the raid10 near-layout set letter of {@code set-A}, if printed
 * @param path the device path; empty when none was printed (removed) or {@code missing}
 * @param missing mdadm printed {@code missing}: the device node was not found
 * @param afterBlank the row follows the blank line that ends the slot rows
 */
public record MdDeviceRow(
    OptionalInt number,
    int major,
    int minor,
    OptionalInt raidDevice,
    Set<DeviceRowState> states,
    Optional<Character> set,
    Optional<String> path,
    boolean missing,
    boolean afterBlank) {

  public MdDeviceRow {
    states = Set.copyOf(states);
  }

  public boolean has(DeviceRowState state) {
    return states.contains(state);
  }

  /** A name for messages: the path, else {@code major:minor}. */
  public String label() {
    return path.orElse(missing ? "missing device " + major + ":" + minor : major + ":" + minor);
  }
}
