package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/**
 * The parts of {@code mdadm --detail}'s {@code State :} after the array state (Detail.c): {@code
 * , FAILED|, degraded}, {@code , recovering|resyncing|reshaping|checking} with an optional {@code
 * (DELAYED)|(PENDING)|(REMOTE)} suffix, and {@code , Not Started}.
 */
public enum DetailStateFlag implements Vocabulary.Word {
  FAILED("FAILED"),
  DEGRADED("degraded"),
  RECOVERING("recovering"),
  RESYNCING("resyncing"),
  RESHAPING("reshaping"),
  CHECKING("checking"),
  NOT_STARTED("Not Started"),
  DELAYED("(DELAYED)"),
  PENDING("(PENDING)"),
  REMOTE("(REMOTE)");

  public static final Vocabulary<DetailStateFlag> VOCABULARY =
      Vocabulary.of("mdadm state word", values());

  private final String token;

  DetailStateFlag(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  boolean isAvailability() {
    return this == FAILED || this == DEGRADED;
  }

  boolean isSync() {
    return this == RECOVERING || this == RESYNCING || this == RESHAPING || this == CHECKING;
  }

  boolean isSuffix() {
    return this == DELAYED || this == PENDING || this == REMOTE;
  }
}
