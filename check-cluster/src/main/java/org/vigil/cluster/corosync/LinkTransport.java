package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The knet link transport after {@code LINK ID n} (corosync 3.1+). */
public enum LinkTransport implements Vocabulary.Word {
  UDP("udp"),
  SCTP("sctp");

  public static final Vocabulary<LinkTransport> VOCABULARY =
      Vocabulary.of("knet link transport", values());

  private final String token;

  LinkTransport(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
