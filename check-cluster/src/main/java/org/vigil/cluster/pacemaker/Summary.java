package org.vigil.cluster.pacemaker;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code summary} element. {@code last_update}/{@code last_change} are read but not kept: the
 * policy must not depend on the time of the capture.
 *
 * @param stack {@code stack@type}, e.g. corosync
 * @param pacemakerdState {@code stack@pacemakerd-state} (2.1+), e.g. running, shutting_down
 * @param currentDc the DC element, absent when crm_mon omitted it
 * @param nodesConfigured {@code nodes_configured@number}
 * @param resourcesConfigured {@code resources_configured@number}
 * @param resourcesDisabled {@code resources_configured@disabled}
 * @param resourcesBlocked {@code resources_configured@blocked}
 * @param options the cluster options, absent when crm_mon omitted them
 */
public record Summary(
    Optional<String> stack, Optional<String> pacemakerdState, Optional<CurrentDc> currentDc,
    OptionalInt nodesConfigured, OptionalInt resourcesConfigured, OptionalInt resourcesDisabled,
    OptionalInt resourcesBlocked, Optional<ClusterOptions> options) {}
