package org.vigil.drbd.model;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Progress of a running resync or online verify.
 *
 * @param percentDone percent of the work done
 * @param remainingBytes data still to resync or verify, when printed
 * @param totalBytes the total of this resync or verify, when printed
 * @param timeLeft the kernel's estimate of the time to finish, when printed
 * @param speedBytesPerSecond the recent speed, when printed
 * @param stalled the kernel says no progress was made recently
 */
public record ResyncProgress(
    double percentDone,
    OptionalLong remainingBytes,
    OptionalLong totalBytes,
    Optional<Duration> timeLeft,
    OptionalLong speedBytesPerSecond,
    boolean stalled) {}
