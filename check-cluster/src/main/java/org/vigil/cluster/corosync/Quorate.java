package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/** The answer of the {@code Quorate:} line. */
public enum Quorate implements Vocabulary.Word {
  YES("Yes"),
  NO("No");

  public static final Vocabulary<Quorate> VOCABULARY =
      Vocabulary.of("quorate answer", values());

  private final String token;

  Quorate(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
