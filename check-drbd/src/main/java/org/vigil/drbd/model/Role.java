package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/** A node's role for a resource ({@code ro:}/{@code st:} in /proc/drbd, {@code role} in 9.x). */
public enum Role implements Vocabulary.Word {
  PRIMARY("Primary"),
  SECONDARY("Secondary"),
  /** Only for a peer the node is not connected to. */
  UNKNOWN("Unknown");

  public static final Vocabulary<Role> VOCABULARY = Vocabulary.of("role", values());

  private final String token;

  Role(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
