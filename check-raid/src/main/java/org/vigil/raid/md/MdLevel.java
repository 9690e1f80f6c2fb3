package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/**
 * RAID level of an md array: the kernel personality name of /proc/mdstat ({@code pers->name}) and
 * the {@code Raid Level :} word of {@code mdadm --detail} (mdadm maps.c {@code pers[]}, first name
 * per level), plus mdadm's {@code container} for IMSM/DDF containers.
 */
public enum MdLevel implements Vocabulary.Word {
  LINEAR("linear"),
  RAID0("raid0"),
  RAID1("raid1"),
  RAID4("raid4"),
  RAID5("raid5"),
  RAID6("raid6"),
  RAID10("raid10"),
  /** Registered by old kernels; its arrays are not supported (status format not modelled). */
  MULTIPATH("multipath"),
  /** The md "faulty" test personality; its arrays are not supported. */
  FAULTY("faulty"),
  /** mdadm only: an external-metadata container, never a kernel personality. */
  CONTAINER("container");

  public static final Vocabulary<MdLevel> VOCABULARY =
      Vocabulary.of("RAID level", values());

  private final String token;

  MdLevel(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  /** A level this plugin checks (multipath, faulty and container are not RAID data arrays). */
  public boolean supported() {
    return this != MULTIPATH && this != FAULTY && this != CONTAINER;
  }

  /** Levels that keep redundant data and print a slot map {@code [n/m] [UU_]}. */
  public boolean redundant() {
    return switch (this) {
      case RAID1, RAID4, RAID5, RAID6, RAID10 -> true;
      default -> false;
    };
  }

  /** Levels whose personality can run resync/recovery/check/reshape (has sync_request). */
  public boolean canSync() {
    return redundant();
  }
}
