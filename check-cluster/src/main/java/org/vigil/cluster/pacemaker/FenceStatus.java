package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A fence event's {@code status} (fence-event-2.15.rng) or legacy {@code state} (crm_mon.rng 1.1). */
public enum FenceStatus {
  FAILED("failed"),
  SUCCESS("success"),
  PENDING("pending");

  public static final Vocabulary<FenceStatus> VOCABULARY =
      new Vocabulary<>("fence event status", values(), FenceStatus::token);

  private final String token;

  FenceStatus(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
