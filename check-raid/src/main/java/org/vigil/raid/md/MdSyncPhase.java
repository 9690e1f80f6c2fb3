package org.vigil.raid.md;

/** Whether a sync action runs here, waits, or runs on another md-cluster node. */
public enum MdSyncPhase {
  /** A progress bar line: {@code [==>...]  recovery = 12.6% (...) finish=... speed=...}. */
  RUNNING,
  /** {@code resync=DELAYED}: queued behind another array sharing the same disks. */
  DELAYED,
  /** {@code resync=PENDING}: a resync is needed but waits (typically for the first write). */
  PENDING,
  /** {@code resync=REMOTE}, {@code recover=REMOTE}, {@code reshape=REMOTE}: md-cluster peer. */
  REMOTE
}
