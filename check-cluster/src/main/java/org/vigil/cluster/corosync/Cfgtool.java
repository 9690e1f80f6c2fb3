package org.vigil.cluster.corosync;

import java.util.List;
import java.util.Optional;

/**
 * The output of {@code corosync-cfgtool -s}.
 *
 * @param format which of the four formats it was printed in
 * @param localNodeId {@code Local node ID}
 * @param transport corosync 3.1+: the transport named on the first line
 * @param links the rings or links, at least one
 */
public record Cfgtool(
    CfgtoolFormat format, long localNodeId, Optional<Transport> transport,
    List<CorosyncLink> links) {
  public Cfgtool {
    links = List.copyOf(links);
  }

  /** Whether rings/links report per-node lines (knet) rather than only the local interface. */
  public boolean perNode() {
    return links.stream().anyMatch(l -> !l.peers().isEmpty());
  }
}
