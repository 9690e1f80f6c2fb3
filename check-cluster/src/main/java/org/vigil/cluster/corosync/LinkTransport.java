package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The knet link transport after {@code LINK ID n} (corosync 3.1+). */
public enum LinkTransport {
  UDP("udp"),
  SCTP("sctp");

  public static final Vocabulary<LinkTransport> VOCABULARY =
      new Vocabulary<>("knet link transport", values(), LinkTransport::token);

  private final String token;

  LinkTransport(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
