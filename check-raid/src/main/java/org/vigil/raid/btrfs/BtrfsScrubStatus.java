package org.vigil.raid.btrfs;

import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code btrfs scrub status [-dR]} (or {@code scrub start -B}) capture said about
 * one filesystem.
 *
 * @param format the output layout (legacy or 5.2+)
 * @param command which command printed it
 * @param fsid the filesystem UUID ({@code UUID:}, {@code scrub status for}, {@code scrub done
 *     for}); empty for {@code scrub start -Bd} output, which never prints it
 * @param raw the records are in the {@code -R} counter form
 * @param filesystem the whole-filesystem record; empty when the capture is per device ({@code -d})
 * @param devices the {@code -d} sections, in print order; empty when {@code filesystem} is present
 * @param messages notes and {@code scrub start} messages, in line order
 */
public record BtrfsScrubStatus(
    ScrubFormat format,
    ScrubCommand command,
    Optional<String> fsid,
    boolean raw,
    Optional<ScrubRecord> filesystem,
    List<DeviceScrub> devices,
    List<ScrubMessage> messages) {

  public BtrfsScrubStatus {
    devices = List.copyOf(devices);
    messages = List.copyOf(messages);
    if (filesystem.isPresent() == !devices.isEmpty()) {
      throw new IllegalArgumentException(
          "a scrub status has either a filesystem record or device sections");
    }
  }

  /** The records to judge: the filesystem's, or each device's. */
  public List<ScrubRecord> records() {
    return filesystem.map(List::of)
        .orElseGet(() -> devices.stream().map(DeviceScrub::scrub).toList());
  }
}
