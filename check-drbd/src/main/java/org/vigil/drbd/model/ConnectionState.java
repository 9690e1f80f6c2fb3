package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/**
 * State of the network connection to one peer. DRBD 9 prints it on its own ({@code
 * connection-state}); /proc/drbd 8.x folds it into {@code cs:} together with the replication state
 * (see {@link ProcConnectionState}).
 */
public enum ConnectionState implements Vocabulary.Word {
  STANDALONE("StandAlone"),
  DISCONNECTING("Disconnecting"),
  UNCONNECTED("Unconnected"),
  TIMEOUT("Timeout"),
  BROKEN_PIPE("BrokenPipe"),
  NETWORK_FAILURE("NetworkFailure"),
  PROTOCOL_ERROR("ProtocolError"),
  TEAR_DOWN("TearDown"),
  /** 0.7-8.4: waiting for the peer to connect. DRBD 9 says Connecting. */
  WF_CONNECTION("WFConnection"),
  /** 0.7-8.4: connected, waiting for the peer's first packet. */
  WF_REPORT_PARAMS("WFReportParams"),
  /** DRBD 9 only. */
  CONNECTING("Connecting"),
  CONNECTED("Connected");

  public static final Vocabulary<ConnectionState> VOCABULARY =
      Vocabulary.of("connection state", values());

  private final String token;

  ConnectionState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  public boolean isConnected() {
    return this == CONNECTED;
  }
}
