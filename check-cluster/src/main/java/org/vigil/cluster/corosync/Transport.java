package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The totem transport named on the corosync 3.1 {@code Local node ID n, transport t} line. */
public enum Transport implements Vocabulary.Word {
  KNET("knet"),
  UDP("udp"),
  UDPU("udpu");

  public static final Vocabulary<Transport> VOCABULARY =
      Vocabulary.of("corosync transport", values());

  private final String token;

  Transport(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
