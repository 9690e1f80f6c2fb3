package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A node's {@code health} attribute (nodes-2.41.rng, Pacemaker 2.1+). */
public enum NodeHealth implements Vocabulary.Word {
  RED("red"),
  YELLOW("yellow"),
  GREEN("green");

  public static final Vocabulary<NodeHealth> VOCABULARY =
      Vocabulary.of("node health", values());

  private final String token;

  NodeHealth(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
