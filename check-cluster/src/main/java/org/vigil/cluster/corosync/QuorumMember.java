package org.vigil.cluster.corosync;

import java.util.Optional;

/**
 * One row of the {@code Membership information} table.
 *
 * @param nodeId the node ID (decimal, or {@code 0x%08x} with {@code -H})
 * @param votes the votes this member contributes
 * @param qdevice the Qdevice column, when printed (qdevice registered somewhere, or {@code -p})
 * @param name the node name (or address with {@code -i})
 * @param local whether the row carries {@code (local)}
 */
public record QuorumMember(
    long nodeId, int votes, Optional<QdeviceState> qdevice, String name, boolean local) {}
