package org.vigil.cluster.pacemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code group} element.
 *
 * @param numberResources {@code number_resources}
 * @param managed {@code managed} (2.1+)
 * @param disabled {@code disabled} (2.1+)
 */
public record Group(
    String id, int numberResources, Optional<Boolean> managed, Optional<Boolean> disabled,
    List<Resource> members, int line) implements Resource {

  public Group {
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
