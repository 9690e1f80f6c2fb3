package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/** sysfs {@code md/sync_action} (md.c {@code action_show}). */
public enum SysfsSyncAction implements Vocabulary.Word {
  IDLE("idle"),
  RESYNC("resync"),
  RECOVER("recover"),
  CHECK("check"),
  REPAIR("repair"),
  RESHAPE("reshape"),
  FROZEN("frozen");

  public static final Vocabulary<SysfsSyncAction> VOCABULARY =
      Vocabulary.of("sync_action", values());

  private final String token;

  SysfsSyncAction(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
