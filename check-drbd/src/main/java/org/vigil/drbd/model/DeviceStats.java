package org.vigil.drbd.model;

import java.util.OptionalLong;

/**
 * Local I/O statistics of a volume, in bytes and counts. /proc/drbd: dr, dw, al, bm, ap, lo;
 * DRBD 9: read, written, al-writes, bm-writes, upper-pending, lower-pending, size.
 */
public record DeviceStats(
    OptionalLong sizeBytes,
    long readBytes,
    long writtenBytes,
    long activityLogWrites,
    long bitmapWrites,
    long upperPending,
    long lowerPending) {}
