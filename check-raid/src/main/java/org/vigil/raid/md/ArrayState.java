package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/**
 * md array states: sysfs {@code md/array_state} (md.c {@code array_states[]}) and the first word
 * of {@code mdadm --detail}'s {@code State :} (mdadm maps.c {@code sysfs_array_states}, or
 * clean/active from the superblock).
 */
public enum ArrayState implements Vocabulary.Word {
  CLEAR("clear"),
  INACTIVE("inactive"),
  SUSPENDED("suspended"),
  READONLY("readonly"),
  READ_AUTO("read-auto"),
  CLEAN("clean"),
  ACTIVE("active"),
  WRITE_PENDING("write-pending"),
  ACTIVE_IDLE("active-idle"),
  BROKEN("broken");

  public static final Vocabulary<ArrayState> VOCABULARY =
      Vocabulary.of("array state", values());

  private final String token;

  ArrayState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
