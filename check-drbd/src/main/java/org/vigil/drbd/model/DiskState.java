package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/**
 * Disk state of a local or peer volume ({@code ds:} in /proc/drbd 8.x, {@code disk-state} and
 * {@code peer-disk-state} in DRBD 9; drbd_strings.c). DRBD 0.7's {@code ld:} only prints
 * Consistent or Inconsistent.
 */
public enum DiskState implements Vocabulary.Word {
  DISKLESS("Diskless"),
  ATTACHING("Attaching"),
  /** DRBD 9 only. */
  DETACHING("Detaching"),
  FAILED("Failed"),
  NEGOTIATING("Negotiating"),
  INCONSISTENT("Inconsistent"),
  OUTDATED("Outdated"),
  DUNKNOWN("DUnknown"),
  CONSISTENT("Consistent"),
  UPTODATE("UpToDate");

  public static final Vocabulary<DiskState> VOCABULARY =
      Vocabulary.of("disk state", values());

  private final String token;

  DiskState(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
