package org.vigil.cluster.pacemaker;

import java.util.Optional;

/**
 * The {@code current_dc} element.
 *
 * @param present whether the partition has a designated controller
 * @param name the DC's node name (only when present)
 * @param id the DC's node id (only when present)
 * @param version the DC's Pacemaker version (only when present)
 * @param withQuorum whether this partition has quorum (only printed when a DC is present)
 * @param mixedVersion nodes run different Pacemaker versions (2.1+; false when absent)
 */
public record CurrentDc(
    boolean present, Optional<String> name, Optional<String> id, Optional<String> version,
    Optional<Boolean> withQuorum, boolean mixedVersion) {}
