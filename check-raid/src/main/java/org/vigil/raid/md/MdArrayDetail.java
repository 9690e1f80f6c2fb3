package org.vigil.raid.md;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code /dev/mdX:} block of {@code mdadm --detail}.
 *
 * @param device the device as printed, {@code /dev/md0} or {@code /dev/md/name}
 * @param name {@code device} without {@code /dev/}: {@code md0}, {@code md/name}
 * @param version {@code Version :} ({@code 1.2}, {@code 0.90}, {@code imsm}), absent for members
 * @param container {@code Container :} of an external member, e.g. {@code /dev/md/imsm0, member 0}
 * @param level {@code Raid Level :}
 * @param arraySizeKib {@code Array Size :} (absent when the array is not started)
 * @param usedDevSizeKib {@code Used Dev Size :}; empty when absent, unknown, -1 or 2^64-1
 * @param raidDevices {@code Raid Devices :} (absent for containers)
 * @param totalDevices {@code Total Devices :}
 * @param activeDevices {@code Active Devices :}
 * @param workingDevices {@code Working Devices :}
 * @param failedDevices {@code Failed Devices :}
 * @param spareDevices {@code Spare Devices :}
 * @param state {@code State :} (absent for containers only)
 * @param progress the {@code ... Status : NN% complete} line, if any
 * @param layout {@code Layout :}
 * @param consistencyPolicy {@code Consistency Policy :}
 * @param deltaDevices {@code Delta Devices :} of a reshape, e.g. {@code 1, (4->5)}
 * @param memberArrays {@code Member Arrays :} of a container
 * @param rows the device table
 * @param line the 1-based line of {@code /dev/mdX:}
 */
public record MdArrayDetail(
    String device,
    String name,
    Optional<String> version,
    Optional<String> container,
    MdLevel level,
    OptionalLong arraySizeKib,
    OptionalLong usedDevSizeKib,
    OptionalInt raidDevices,
    OptionalInt totalDevices,
    OptionalInt activeDevices,
    OptionalInt workingDevices,
    OptionalInt failedDevices,
    OptionalInt spareDevices,
    Optional<MdDetailState> state,
    Optional<MdDetailProgress> progress,
    Optional<String> layout,
    Optional<String> consistencyPolicy,
    Optional<String> deltaDevices,
    List<String> memberArrays,
    List<MdDeviceRow> rows,
    int line) {

  public MdArrayDetail {
    memberArrays = List.copyOf(memberArrays);
    rows = List.copyOf(rows);
  }

  public boolean isContainer() {
    return level == MdLevel.CONTAINER;
  }
}
