package org.vigil.cluster.pacemaker;

import java.util.List;
import java.util.Optional;

/**
 * One {@code nodes/node} element (identical attribute set from crm_mon.rng 1.1 to nodes-2.41).
 *
 * @param guestOf {@code id_as_resource} or legacy {@code container_id}: the resource a guest or
 *     bundle node runs in
 * @param resources resources listed inside the node (crm_mon {@code --group-by-node})
 * @param line the 1-based line of the element
 */
public record Node(
    String name, String id, boolean online, boolean standby, boolean standbyOnFail,
    boolean maintenance, boolean pending, boolean unclean, boolean shutdown, boolean expectedUp,
    boolean isDc, int resourcesRunning, NodeType type, Optional<NodeHealth> health,
    Optional<String> guestOf, List<Resource> resources, int line) {

  public Node {
    resources = List.copyOf(resources);
  }
}
