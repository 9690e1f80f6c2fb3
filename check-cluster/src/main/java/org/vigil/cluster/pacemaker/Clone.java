package org.vigil.cluster.pacemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code clone} element.
 *
 * @param promotable {@code multi_state}: a promotable (master/slave) clone
 * @param disabled {@code disabled} (2.1+; false when absent)
 * @param members the instances: primitives or groups
 */
public record Clone(
    String id, boolean promotable, boolean unique, boolean managed, boolean disabled,
    boolean failed, boolean failureIgnored, Optional<Role> targetRole, List<Resource> members,
    int line) implements Resource {

  public Clone {
    members = List.copyOf(members);
  }

  @Override
  public List<Primitive> primitives() {
    List<Primitive> result = new ArrayList<>();
    for (Resource r : members) {
      result.addAll(r.primitives());
    }
    return List.copyOf(result);
  }
}
