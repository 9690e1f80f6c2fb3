package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The totem transport named on the corosync 3.1 {@code Local node ID n, transport t} line. */
public enum Transport {
  KNET("knet"),
  UDP("udp"),
  UDPU("udpu");

  public static final Vocabulary<Transport> VOCABULARY =
      new Vocabulary<>("corosync transport", values(), Transport::token);

  private final String token;

  Transport(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
