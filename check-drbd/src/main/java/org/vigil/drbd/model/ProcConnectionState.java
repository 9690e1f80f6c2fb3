package org.vigil.drbd.model;

import java.util.Optional;
import org.vigil.core.Vocabulary;

/**
 * The {@code cs:} word of /proc/drbd (0.7-8.4, drbd_strings.c {@code drbd_conn_s_names}), which
 * names either a connection state or, once connected, a replication state. Each word is split here
 * into the two DRBD 9 notions the policy works with.
 */
public enum ProcConnectionState implements Vocabulary.Word {
  /** Printed by /proc/drbd for a minor with no configuration; not a kernel state. */
  UNCONFIGURED("Unconfigured", null, null),
  STANDALONE("StandAlone", ConnectionState.STANDALONE, ReplicationState.OFF),
  DISCONNECTING("Disconnecting", ConnectionState.DISCONNECTING, ReplicationState.OFF),
  UNCONNECTED("Unconnected", ConnectionState.UNCONNECTED, ReplicationState.OFF),
  TIMEOUT("Timeout", ConnectionState.TIMEOUT, ReplicationState.OFF),
  BROKEN_PIPE("BrokenPipe", ConnectionState.BROKEN_PIPE, ReplicationState.OFF),
  NETWORK_FAILURE("NetworkFailure", ConnectionState.NETWORK_FAILURE, ReplicationState.OFF),
  PROTOCOL_ERROR("ProtocolError", ConnectionState.PROTOCOL_ERROR, ReplicationState.OFF),
  TEAR_DOWN("TearDown", ConnectionState.TEAR_DOWN, ReplicationState.OFF),
  WF_CONNECTION("WFConnection", ConnectionState.WF_CONNECTION, ReplicationState.OFF),
  WF_REPORT_PARAMS("WFReportParams", ConnectionState.WF_REPORT_PARAMS, ReplicationState.OFF),
  CONNECTED("Connected", ConnectionState.CONNECTED, ReplicationState.ESTABLISHED),
  STARTING_SYNC_S("StartingSyncS", ConnectionState.CONNECTED, ReplicationState.STARTING_SYNC_S),
  STARTING_SYNC_T("StartingSyncT", ConnectionState.CONNECTED, ReplicationState.STARTING_SYNC_T),
  WF_BITMAP_S("WFBitMapS", ConnectionState.CONNECTED, ReplicationState.WF_BITMAP_S),
  WF_BITMAP_T("WFBitMapT", ConnectionState.CONNECTED, ReplicationState.WF_BITMAP_T),
  WF_SYNC_UUID("WFSyncUUID", ConnectionState.CONNECTED, ReplicationState.WF_SYNC_UUID),
  SYNC_SOURCE("SyncSource", ConnectionState.CONNECTED, ReplicationState.SYNC_SOURCE),
  SYNC_TARGET("SyncTarget", ConnectionState.CONNECTED, ReplicationState.SYNC_TARGET),
  PAUSED_SYNC_S("PausedSyncS", ConnectionState.CONNECTED, ReplicationState.PAUSED_SYNC_S),
  PAUSED_SYNC_T("PausedSyncT", ConnectionState.CONNECTED, ReplicationState.PAUSED_SYNC_T),
  VERIFY_S("VerifyS", ConnectionState.CONNECTED, ReplicationState.VERIFY_S),
  VERIFY_T("VerifyT", ConnectionState.CONNECTED, ReplicationState.VERIFY_T),
  AHEAD("Ahead", ConnectionState.CONNECTED, ReplicationState.AHEAD),
  BEHIND("Behind", ConnectionState.CONNECTED, ReplicationState.BEHIND),
  SKIPPED_SYNC_S("SkippedSyncS", ConnectionState.CONNECTED, ReplicationState.SKIPPED_SYNC_S),
  SKIPPED_SYNC_T("SkippedSyncT", ConnectionState.CONNECTED, ReplicationState.SKIPPED_SYNC_T),
  /** 0.7 pseudo state: Connected while the local node has no disk. */
  DISKLESS_CLIENT("DiskLessClient", ConnectionState.CONNECTED, ReplicationState.ESTABLISHED),
  /** 0.7 pseudo state: Connected while the peer has no disk. */
  SERVER_FOR_DISKLESS("ServerForDLess", ConnectionState.CONNECTED, ReplicationState.ESTABLISHED);

  public static final Vocabulary<ProcConnectionState> VOCABULARY =
      Vocabulary.of("connection state", values());

  private final String token;
  private final ConnectionState connection;
  private final ReplicationState replication;

  ProcConnectionState(String token, ConnectionState connection, ReplicationState replication) {
    this.token = token;
    this.connection = connection;
    this.replication = replication;
  }

  @Override
  public String token() {
    return token;
  }

  /** Empty for {@link #UNCONFIGURED}. */
  public Optional<ConnectionState> connection() {
    return Optional.ofNullable(connection);
  }

  /** Empty for {@link #UNCONFIGURED}. */
  public Optional<ReplicationState> replication() {
    return Optional.ofNullable(replication);
  }
}
