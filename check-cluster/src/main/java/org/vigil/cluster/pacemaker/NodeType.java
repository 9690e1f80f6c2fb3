package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A node's {@code type} attribute (nodes-2.41.rng; unchanged since crm_mon.rng 1.1). */
public enum NodeType implements Vocabulary.Word {
  UNKNOWN("unknown"),
  MEMBER("member"),
  REMOTE("remote"),
  PING("ping");

  public static final Vocabulary<NodeType> VOCABULARY =
      Vocabulary.of("node type", values());

  private final String token;

  NodeType(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
