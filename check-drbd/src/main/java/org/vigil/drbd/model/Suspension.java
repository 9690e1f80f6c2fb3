package org.vigil.drbd.model;

/** Why a resource's I/O is suspended (DRBD 9 {@code suspended-*}; 8.x flag 1 {@code s}). */
public enum Suspension {
  USER("user"),
  NO_DATA("no-data"),
  FENCING("fencing"),
  QUORUM("quorum"),
  /** /proc/drbd 8.x prints only that I/O is suspended, not why. */
  UNSPECIFIED("reason not shown");

  private final String description;

  Suspension(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
