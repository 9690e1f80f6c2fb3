package org.vigil.cluster.corosync;

import java.util.List;
import java.util.Optional;

/**
 * One ring (corosync 1.x/2.x) or knet link (corosync 3).
 *
 * @param id the ring or link number
 * @param transport corosync 3.1+: the link transport after {@code LINK ID n}, when printed
 * @param address the local address ({@code id = } for rings, {@code addr = } for links)
 * @param interfaceStatus the {@code status = } value of rings and of 3.0 udp links
 * @param peers the per-node lines of a {@code status:} block; empty for rings and udp links
 */
public record CorosyncLink(
    int id, Optional<LinkTransport> transport, String address,
    Optional<InterfaceStatus> interfaceStatus, List<LinkPeer> peers) {
  public CorosyncLink {
    peers = List.copyOf(peers);
  }
}
