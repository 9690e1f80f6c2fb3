package org.vigil.cluster.pacemaker;

import java.util.List;

/** An entry of {@code resources}: a primitive, clone, group or bundle. */
public sealed interface Resource
    permits Primitive, Clone, Group, Bundle {

  String id();

  /** The 1-based line of the element. */
  int line();

  /** Every primitive inside, depth first (the primitive itself for a primitive). */
  List<Primitive> primitives();
}
