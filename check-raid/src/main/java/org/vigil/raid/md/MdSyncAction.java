package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/**
 * The action word of a /proc/mdstat progress line (md.c {@code status_resync}). There is no
 * "repair" word: a repair prints as {@code resync} (sysfs {@code sync_action} tells them apart).
 */
public enum MdSyncAction implements Vocabulary.Word {
  RESHAPE("reshape"),
  CHECK("check"),
  RESYNC("resync"),
  RECOVERY("recovery");

  public static final Vocabulary<MdSyncAction> VOCABULARY =
      Vocabulary.of("sync action", values());

  private final String token;

  MdSyncAction(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
