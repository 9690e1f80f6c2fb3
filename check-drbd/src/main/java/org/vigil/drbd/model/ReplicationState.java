package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/** Replication state of one volume towards one peer ({@code replication-state} in DRBD 9). */
public enum ReplicationState implements Vocabulary.Word {
  OFF("Off"),
  ESTABLISHED("Established"),
  STARTING_SYNC_S("StartingSyncS"),
  STARTING_SYNC_T("StartingSyncT"),
  WF_BITMAP_S("WFBitMapS"),
  WF_BITMAP_T("WFBitMapT"),
  WF_SYNC_UUID("WFSyncUUID"),
  SYNC_SOURCE("SyncSource"),
  SYNC_TARGET("SyncTarget"),
  VERIFY_S("VerifyS"),
  VERIFY_T("VerifyT"),
  PAUSED_SYNC_S("PausedSyncS"),
  PAUSED_SYNC_T("PausedSyncT"),
  AHEAD("Ahead"),
  BEHIND("Behind"),
  /** DRBD 0.7 only: a resync that was skipped. */
  SKIPPED_SYNC_S("SkippedSyncS"),
  /** DRBD 0.7 only. */
  SKIPPED_SYNC_T("SkippedSyncT");

  public static final Vocabulary<ReplicationState> VOCABULARY =
      Vocabulary.of("replication state", values());

  private final String token;

  ReplicationState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  /** A resync is running or paused: Inconsistent/Outdated disks are expected here. */
  public boolean isResync() {
    return switch (this) {
      case SYNC_SOURCE, SYNC_TARGET, PAUSED_SYNC_S, PAUSED_SYNC_T -> true;
      default -> false;
    };
  }

  /** The handshake before a resync, also a state where an Inconsistent side is expected. */
  public boolean isResyncHandshake() {
    return switch (this) {
      case STARTING_SYNC_S, STARTING_SYNC_T, WF_BITMAP_S, WF_BITMAP_T, WF_SYNC_UUID,
          SKIPPED_SYNC_S, SKIPPED_SYNC_T -> true;
      default -> false;
    };
  }

  public boolean isPaused() {
    return this == PAUSED_SYNC_S || this == PAUSED_SYNC_T;
  }

  public boolean isVerify() {
    return this == VERIFY_S || this == VERIFY_T;
  }
}
