package org.vigil.drbd.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The connection to one peer.
 *
 * @param peer the peer's name (DRBD 9); absent for /proc/drbd, which has exactly one unnamed peer
 * @param peerNodeId DRBD 9 node id of the peer, when printed
 * @param state the connection state
 * @param peerRole the peer's role, Unknown when not connected
 * @param congested DRBD 9: whether the connection is congested, when printed
 * @param peerVolumes the replication state of each volume towards this peer
 */
public record DrbdConnection(
    Optional<String> peer,
    OptionalInt peerNodeId,
    ConnectionState state,
    Role peerRole,
    Optional<Boolean> congested,
    List<DrbdPeerVolume> peerVolumes) {

  public DrbdConnection {
    peerVolumes = List.copyOf(peerVolumes);
  }
}
