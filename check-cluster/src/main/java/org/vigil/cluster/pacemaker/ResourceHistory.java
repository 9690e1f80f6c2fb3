package org.vigil.cluster.pacemaker;

import java.util.OptionalInt;

/**
 * A {@code node_history/node/resource_history} element.
 *
 * @param node the node name of the enclosing {@code node}
 * @param resource {@code id}
 * @param migrationThreshold {@code migration-threshold}
 * @param failCount {@code fail-count}; {@code INFINITY} is Pacemaker's score INFINITY,
 *     {@value #INFINITY}
 */
public record ResourceHistory(
    String node, String resource, OptionalInt migrationThreshold, OptionalInt failCount,
    int line) {
  public static final int INFINITY = 1_000_000;
}
