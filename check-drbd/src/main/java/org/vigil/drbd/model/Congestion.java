package org.vigil.drbd.model;

/** /proc/drbd 8.3+ I/O-state flag 5: why the device reports congestion (drbd_main.c). */
public enum Congestion {
  NONE('-', "not congested"),
  /** DRBD froze I/O (e.g. while fencing). */
  FROZEN('d', "I/O frozen by DRBD"),
  /** A user-mode helper such as fence-peer is running. */
  CALLBACK('c', "waiting for a helper (e.g. fence-peer)"),
  BACKING('b', "backing device congested"),
  NETWORK('n', "network congested"),
  BACKING_AND_NETWORK('a', "backing device and network congested");

  private final char flag;
  private final String description;

  Congestion(char flag, String description) {
    this.flag = flag;
    this.description = description;
  }

  public char flag() {
    return flag;
  }

  public String description() {
    return description;
  }
}
