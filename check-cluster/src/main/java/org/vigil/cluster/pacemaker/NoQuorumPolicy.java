package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** The {@code no-quorum-policy} cluster option; {@code suicide} was renamed {@code fence} in Pacemaker 3.0. */
public enum NoQuorumPolicy implements Vocabulary.Word {
  STOP("stop"),
  FREEZE("freeze"),
  IGNORE("ignore"),
  DEMOTE("demote"),
  SUICIDE("suicide"),
  FENCE("fence");

  public static final Vocabulary<NoQuorumPolicy> VOCABULARY =
      Vocabulary.of("no-quorum-policy", values());

  private final String token;

  NoQuorumPolicy(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
