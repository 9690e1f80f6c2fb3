package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The {@code Quorum provider:} value: votequorum, or the text printed when none is configured. */
public enum QuorumProvider {
  VOTEQUORUM("corosync_votequorum"),
  NOT_CONFIGURED("Not configured");

  public static final Vocabulary<QuorumProvider> VOCABULARY =
      new Vocabulary<>("quorum provider", values(), QuorumProvider::token);

  private final String token;

  QuorumProvider(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
