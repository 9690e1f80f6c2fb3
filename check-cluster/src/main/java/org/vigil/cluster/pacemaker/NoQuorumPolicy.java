package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** The {@code no-quorum-policy} cluster option; {@code suicide} was renamed {@code fence} in Pacemaker 3.0. */
public enum NoQuorumPolicy {
  STOP("stop"),
  FREEZE("freeze"),
  IGNORE("ignore"),
  DEMOTE("demote"),
  SUICIDE("suicide"),
  FENCE("fence");

  public static final Vocabulary<NoQuorumPolicy> VOCABULARY =
      new Vocabulary<>("no-quorum-policy", values(), NoQuorumPolicy::token);

  private final String token;

  NoQuorumPolicy(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
