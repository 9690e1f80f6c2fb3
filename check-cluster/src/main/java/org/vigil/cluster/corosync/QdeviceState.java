package org.vigil.cluster.corosync;

/**
 * A member's quorum-device state from the Qdevice column.
 *
 * @param registered false for {@code NR}; then the other fields are false
 * @param alive {@code A} (true) or {@code NA}
 * @param castVote {@code V} (true) or {@code NV}
 * @param masterWins {@code MW} (true) or {@code NMW}
 */
public record QdeviceState(boolean registered, boolean alive, boolean castVote,
    boolean masterWins) {
  public static final QdeviceState NOT_REGISTERED = new QdeviceState(false, false, false, false);

  public String token() {
    if (!registered) {
      return "NR";
    }
    return (alive ? "A" : "NA") + "," + (castVote ? "V" : "NV") + "," + (masterWins ? "MW" : "NMW");
  }
}
