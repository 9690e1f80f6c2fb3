package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A ticket's {@code status} (ticket-2.35.rng). */
public enum TicketStatus implements Vocabulary.Word {
  GRANTED("granted"),
  REVOKED("revoked");

  public static final Vocabulary<TicketStatus> VOCABULARY =
      Vocabulary.of("ticket status", values());

  private final String token;

  TicketStatus(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
