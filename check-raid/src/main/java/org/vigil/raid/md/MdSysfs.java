package org.vigil.raid.md;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The sysfs attributes of one array, {@code <sysfs>/block/mdN/md/*}; each is empty when its file
 * does not exist.
 *
 * @param name the array, {@code md0}
 * @param mismatchCount {@code mismatch_cnt}: sectors found inconsistent by the last check/repair
 * @param syncAction {@code sync_action}
 * @param degraded {@code degraded}: members missing
 * @param arrayState {@code array_state}
 */
public record MdSysfs(
    String name,
    OptionalLong mismatchCount,
    Optional<SysfsSyncAction> syncAction,
    OptionalInt degraded,
    Optional<ArrayState> arrayState) {}
