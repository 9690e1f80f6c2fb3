package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/**
 * Why a resync is paused: DRBD 9 {@code resync-suspended} words; 8.x flags 2-4 ({@code a}, {@code
 * p}, {@code u}).
 */
public enum ResyncSuspension implements Vocabulary.Word {
  USER("user"),
  PEER("peer"),
  /** Waiting for another resource ({@code resync-after}). */
  DEPENDENCY("dependency"),
  MAX_PARALLEL("max-parallel");

  public static final Vocabulary<ResyncSuspension> VOCABULARY =
      Vocabulary.of("resync-suspended reason", values());

  private final String token;

  ResyncSuspension(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
