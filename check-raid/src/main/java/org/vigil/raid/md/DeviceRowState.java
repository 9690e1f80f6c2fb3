package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/**
 * State words of the {@code mdadm --detail} device table, in the order Detail.c prints them ({@code
 * set-A}.. after {@code sync} is kept apart, see {@link MdDeviceRow#set()}).
 */
public enum DeviceRowState implements Vocabulary.Word {
  FAULTY("faulty"),
  ACTIVE("active"),
  SYNC("sync"),
  REMOVED("removed"),
  WRITEMOSTLY("writemostly"),
  FAILFAST("failfast"),
  JOURNAL("journal"),
  SPARE("spare"),
  REBUILDING("rebuilding");

  public static final Vocabulary<DeviceRowState> VOCABULARY =
      Vocabulary.of("device state word", values());

  private final String token;

  DeviceRowState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
