package org.vigil.cluster.corosync;

/** A ring's or link's own {@code status = ...} value (no per-node lines). */
public enum InterfaceStatus {
  /** {@code ring N active with no faults} (corosync 1.x/2.x). */
  ACTIVE,
  /** {@code Marking ringid N interface ADDR FAULTY} (corosync 1.x/2.x). */
  FAULTY,
  /** {@code OK} (corosync 3.0 udp/udpu). */
  OK
}
