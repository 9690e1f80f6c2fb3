package org.vigil.raid.md;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A sync action of /proc/mdstat: a progress line or one of the {@code resync=} words.
 *
 * @param action what runs; {@code resync=DELAYED|PENDING} report {@link MdSyncAction#RESYNC}
 * @param phase running here, delayed, pending or remote
 * @param percent percent done (RUNNING only)
 * @param doneBlocks position in 1K blocks (RUNNING only)
 * @param totalBlocks end position in 1K blocks (RUNNING only)
 * @param finishMinutes the kernel's estimate of the minutes left (RUNNING only)
 * @param speedKibPerSecond the recent speed (RUNNING only)
 */
public record MdSync(
    MdSyncAction action,
    MdSyncPhase phase,
    OptionalDouble percent,
    OptionalLong doneBlocks,
    OptionalLong totalBlocks,
    OptionalDouble finishMinutes,
    OptionalLong speedKibPerSecond) {

  public static MdSync waiting(MdSyncAction action, MdSyncPhase phase) {
    return new MdSync(action, phase, OptionalDouble.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
  }

  /** Work is being done on this array now, here or on a cluster peer. */
  public boolean inProgress() {
    return phase == MdSyncPhase.RUNNING || phase == MdSyncPhase.REMOTE;
  }
}
