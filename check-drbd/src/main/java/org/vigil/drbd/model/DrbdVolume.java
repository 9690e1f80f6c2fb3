package org.vigil.drbd.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One local volume of a resource.
 *
 * @param volume volume number within the resource (0 for /proc/drbd)
 * @param minor the device minor (/dev/drbdN)
 * @param disk the local disk state
 * @param client DRBD 9: true for an intentionally diskless client; absent when not printed
 * @param quorum DRBD 9: whether the volume has quorum; absent when not printed
 * @param activityLogSuspended 8.3+ flag 6; absent when not printed
 * @param congestion 8.3+ flag 5; absent when not printed
 * @param stats I/O statistics, when printed
 */
public record DrbdVolume(
    int volume,
    OptionalInt minor,
    DiskState disk,
    Optional<Boolean> client,
    Optional<Boolean> quorum,
    Optional<Boolean> activityLogSuspended,
    Optional<Congestion> congestion,
    Optional<DeviceStats> stats) {}
