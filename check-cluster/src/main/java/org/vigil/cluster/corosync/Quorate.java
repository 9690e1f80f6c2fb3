package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The answer of the {@code Quorate:} line. */
public enum Quorate {
  YES("Yes"),
  NO("No");

  public static final Vocabulary<Quorate> VOCABULARY =
      new Vocabulary<>("quorate answer", values(), Quorate::token);

  private final String token;

  Quorate(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
