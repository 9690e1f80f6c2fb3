package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/** sysfs {@code md/sync_action} (md.c {@code action_show}). */
public enum SysfsSyncAction {
  IDLE("idle"),
  RESYNC("resync"),
  RECOVER("recover"),
  CHECK("check"),
  REPAIR("repair"),
  RESHAPE("reshape"),
  FROZEN("frozen");

  public static final Vocabulary<SysfsSyncAction> VOCABULARY =
      new Vocabulary<>("sync_action", values(), SysfsSyncAction::token);

  private final String token;

  SysfsSyncAction(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
