package org.vigil.cluster.heartbeat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the heartbeat half of check_cluster reads: {@code cl_status hbstatus}, {@code
 * cl_status listnodes}, {@code cl_status nodestatus NODE} for each listed node, {@code cl_status
 * rscstatus} and optionally {@code uname -n}. Live mode runs these commands and builds this record
 * from {@link ClStatusParser}'s per-command methods; tests read the same from one report file
 * ({@link ClStatusParser#parseReport}).
 *
 * @param daemon whether heartbeat runs on this machine
 * @param localNode this machine's node name, when known ({@code uname -n})
 * @param nodes every listed node with its status, in listing order; empty when stopped
 * @param resources what this node holds; absent exactly when heartbeat is stopped
 */
public record HeartbeatStatus(
    HbDaemonStatus daemon, Optional<String> localNode, List<HeartbeatNode> nodes,
    Optional<ResourceStatus> resources) {

  public HeartbeatStatus {
    nodes = List.copyOf(nodes);
    Set<String> names = new HashSet<>();
    for (HeartbeatNode n : nodes) {
      if (!names.add(n.name())) {
        throw new IllegalArgumentException("node listed twice: " + n.name());
      }
    }
    if (daemon == HbDaemonStatus.RUNNING && (nodes.isEmpty() || resources.isEmpty())) {
      throw new IllegalArgumentException("a running heartbeat lists nodes and resources");
    }
    if (daemon == HbDaemonStatus.STOPPED && (!nodes.isEmpty() || resources.isPresent())) {
      throw new IllegalArgumentException("a stopped heartbeat answers no queries");
    }
    if (localNode.isPresent() && !nodes.isEmpty() && !names.contains(localNode.get())) {
      throw new IllegalArgumentException("local node not listed: " + localNode.get());
    }
  }

  public boolean running() {
    return daemon == HbDaemonStatus.RUNNING;
  }
}
