package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A node's {@code health} attribute (nodes-2.41.rng, Pacemaker 2.1+). */
public enum NodeHealth {
  RED("red"),
  YELLOW("yellow"),
  GREEN("green");

  public static final Vocabulary<NodeHealth> VOCABULARY =
      new Vocabulary<>("node health", values(), NodeHealth::token);

  private final String token;

  NodeHealth(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
