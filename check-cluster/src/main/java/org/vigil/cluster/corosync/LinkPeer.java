package org.vigil.cluster.corosync;

import java.util.Optional;

/**
 * One node's line in a link's {@code status:} block.
 *
 * @param node the node ID (corosync 3.0.2+) or the node index corosync 3.0.0/3.0.1 prints
 * @param enabled corosync 3.0.0/3.0.1 only: the {@code link enabled:} value (the local node shows
 *     0 as a display artifact, corosync issue #527)
 * @param state the node's state on this link
 */
public record LinkPeer(int node, Optional<Boolean> enabled, PeerLinkState state) {}
