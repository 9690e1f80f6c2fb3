package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The {@code Quorum provider:} value: votequorum, or the text printed when none is configured. */
public enum QuorumProvider implements Vocabulary.Word {
  VOTEQUORUM("corosync_votequorum"),
  NOT_CONFIGURED("Not configured");

  public static final Vocabulary<QuorumProvider> VOCABULARY =
      Vocabulary.of("quorum provider", values());

  private final String token;

  QuorumProvider(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
