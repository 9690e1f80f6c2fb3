package org.vigil.cluster.pacemaker;

import java.util.List;
import java.util.Optional;

/**
 * A {@code resource} element: one primitive, or one instance of a clone or bundle replica.
 *
 * @param agent {@code resource_agent}, e.g. {@code ocf:heartbeat:IPaddr2}, {@code stonith:fence_xvm}
 * @param targetRole {@code target_role}, absent when the CIB sets none (default Started)
 * @param orphaned {@code orphaned} or its 3.0.2 name {@code removed}: no longer configured
 * @param blocked {@code blocked} (optional in the schema; false when absent)
 * @param maintenance {@code maintenance} (3.0+; false when absent)
 * @param nodesRunningOn {@code nodes_running_on}
 * @param nodes the names of the {@code node} children: where it is active
 * @param lockedTo {@code locked_to} (shutdown-lock, 2.0.4+)
 * @param pending {@code pending}: the operation in flight, e.g. Monitoring
 */
public record Primitive(
    String id, String agent, Role role, Optional<Role> targetRole, boolean active,
    boolean orphaned, boolean blocked, boolean managed, boolean failed, boolean failureIgnored,
    boolean maintenance, int nodesRunningOn, List<String> nodes, Optional<String> lockedTo,
    Optional<String> pending, int line) implements Resource {

  public Primitive {
    nodes = List.copyOf(nodes);
  }

  @Override
  public List<Primitive> primitives() {
    return List.of(this);
  }

  public boolean fencingDevice() {
    return agent.startsWith("stonith:");
  }
}
