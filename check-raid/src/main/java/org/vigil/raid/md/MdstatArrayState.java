package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/** The state word after {@code mdX : } in /proc/mdstat (md.c {@code md_seq_show}). */
public enum MdstatArrayState implements Vocabulary.Word {
  ACTIVE("active"),
  /** MD_BROKEN: a raid0/linear member is gone, or the last leg of a raid1/raid10 failed. */
  BROKEN("broken"),
  /** No personality running: not started, or an external-metadata container. */
  INACTIVE("inactive");

  public static final Vocabulary<MdstatArrayState> VOCABULARY =
      Vocabulary.of("md array state", values());

  private final String token;

  MdstatArrayState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
