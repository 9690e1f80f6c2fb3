package org.vigil.cluster.pacemaker;

import java.util.ArrayList;
import java.util.List;

/** A {@code bundle} element with its {@code replica}s. */
public record Bundle(
    String id, BundleType type, String image, boolean unique, boolean managed, boolean failed,
    List<Replica> replicas, int line) implements Resource {

  /** One {@code replica}: the primitives of one container instance. */
  public record Replica(int id, List<Primitive> resources) {
    public Replica {
      resources = List.copyOf(resources);
    }
  }

  public Bundle {
    replicas = List.copyOf(replicas);
  }

  @Override
  public List<Primitive> primitives() {
    List<Primitive> result = new ArrayList<>();
    for (Replica r : replicas) {
      result.addAll(r.resources());
    }
    return List.copyOf(result);
  }
}
