package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A fence event's {@code status} (fence-event-2.15.rng) or legacy {@code state} (crm_mon.rng 1.1). */
public enum FenceStatus implements Vocabulary.Word {
  FAILED("failed"),
  SUCCESS("success"),
  PENDING("pending");

  public static final Vocabulary<FenceStatus> VOCABULARY =
      Vocabulary.of("fence event status", values());

  private final String token;

  FenceStatus(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
