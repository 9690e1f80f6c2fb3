package org.vigil.drbd.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One DRBD resource as seen from this node.
 *
 * @param name the resource name (DRBD 9) or {@code drbdN} for minor N of /proc/drbd
 * @param role this node's role
 * @param suspensions why I/O is suspended; empty when I/O runs
 * @param writeOrdering the write-ordering method, when the source prints it
 * @param volumes the local volumes (devices)
 * @param connections one per peer
 */
public record DrbdResource(
    String name,
    Role role,
    Set<Suspension> suspensions,
    Optional<WriteOrdering> writeOrdering,
    List<DrbdVolume> volumes,
    List<DrbdConnection> connections) {

  public DrbdResource {
    suspensions = Set.copyOf(suspensions);
    volumes = List.copyOf(volumes);
    connections = List.copyOf(connections);
  }
}
