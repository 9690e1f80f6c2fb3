package org.vigil.cluster.corosync;

import java.util.OptionalInt;

/**
 * The quorum-device row printed after the members (node ID 0) when a quorum device is registered.
 *
 * @param votes the votes shown: the device's votes, or 0 when it does not vote for this node
 * @param name the device name ({@code Qdevice})
 * @param configuredVotes the {@code (votes N)} suffix, printed only while the device does not vote
 */
public record QdeviceRow(int votes, String name, OptionalInt configuredVotes) {
  public boolean castsVote() {
    return configuredVotes.isEmpty();
  }
}
