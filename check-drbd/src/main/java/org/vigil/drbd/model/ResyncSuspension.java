package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/**
 * Why a resync is paused: DRBD 9 {@code resync-suspended} words; 8.x flags 2-4 ({@code a}, {@code
 * p}, {@code u}).
 */
public enum ResyncSuspension {
  USER("user"),
  PEER("peer"),
  /** Waiting for another resource ({@code resync-after}). */
  DEPENDENCY("dependency"),
  MAX_PARALLEL("max-parallel");

  public static final Vocabulary<ResyncSuspension> VOCABULARY =
      new Vocabulary<>("resync-suspended reason", values(), ResyncSuspension::token);

  private final String token;

  ResyncSuspension(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
