package org.vigil.drbd.model;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One volume as replicated to one peer.
 *
 * @param volume the volume number
 * @param replication the replication state
 * @param peerDisk the peer's disk state; absent for DRBD 0.7, which does not print it
 * @param peerClient DRBD 9: the peer is an intentionally diskless client; absent when not printed
 * @param resyncSuspended why a resync is paused; empty when it is not
 * @param outOfSyncBytes data known to differ from the peer, when printed
 * @param percentInSync DRBD 9 percent-in-sync, when printed
 * @param progress resync or online-verify progress, while one runs and the source shows it
 * @param stats network statistics, when printed
 */
public record DrbdPeerVolume(
    int volume,
    ReplicationState replication,
    Optional<DiskState> peerDisk,
    Optional<Boolean> peerClient,
    Set<ResyncSuspension> resyncSuspended,
    OptionalLong outOfSyncBytes,
    OptionalDouble percentInSync,
    Optional<ResyncProgress> progress,
    Optional<PeerStats> stats) {

  public DrbdPeerVolume {
    resyncSuspended = Set.copyOf(resyncSuspended);
  }
}
