package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A ticket's {@code status} (ticket-2.35.rng). */
public enum TicketStatus {
  GRANTED("granted"),
  REVOKED("revoked");

  public static final Vocabulary<TicketStatus> VOCABULARY =
      new Vocabulary<>("ticket status", values(), TicketStatus::token);

  private final String token;

  TicketStatus(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
