package org.vigil.cluster.corosync;

/** The four eras of {@code corosync-cfgtool -s} output. */
public enum CfgtoolFormat {
  /** corosync 1.x/2.x totem RRP: {@code Printing ring status.}, {@code RING ID n}, id/status. */
  RINGS("corosync 1.x/2.x rings"),
  /** corosync 3.0.0/3.0.1 knet: {@code node N: link enabled:X link connected:Y}. */
  LINKS_3_0_EARLY("corosync 3.0.0/3.0.1 links"),
  /** corosync 3.0.2-3.0.4: {@code nodeid N: connected}, or {@code status = OK} for udp/udpu. */
  LINKS_3_0("corosync 3.0.x links"),
  /** corosync 3.1+: {@code Local node ID n, transport t}, {@code nodeid: N: connected}. */
  LINKS_3_1("corosync 3.1+ links");

  private final String description;

  CfgtoolFormat(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
