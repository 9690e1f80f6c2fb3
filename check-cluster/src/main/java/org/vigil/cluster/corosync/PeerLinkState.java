package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/**
 * The state of one node on one knet link, as printed after {@code nodeid N:} by corosync 3.0.2+
 * (tools/corosync-cfgtool.c). corosync 3.0.0/3.0.1 print {@code link connected:1/0} instead,
 * read as {@link #CONNECTED}/{@link #DISCONNECTED}.
 */
public enum PeerLinkState implements Vocabulary.Word {
  CONNECTED("connected"),
  DISCONNECTED("disconnected"),
  DISCONNECTED_NOT_ENABLED("disconnected (not enabled)"),
  LOCALHOST("localhost"),
  KNET_ERROR("knet error"),
  CONFIG_ERROR("config error");

  public static final Vocabulary<PeerLinkState> VOCABULARY =
      Vocabulary.of("knet link state", values());

  private final String token;

  PeerLinkState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
