package org.vigil.cluster.pacemaker;

import java.util.Optional;

/**
 * The {@code cluster_options} element.
 *
 * @param fencingEnabled {@code fencing-enabled} (3.0.2+) or else {@code stonith-enabled}
 * @param symmetricCluster {@code symmetric-cluster}
 * @param noQuorumPolicy {@code no-quorum-policy}
 * @param maintenanceMode {@code maintenance-mode} (optional before 2.0)
 * @param stopAllResources {@code stop-all-resources} (2.0+)
 */
public record ClusterOptions(
    boolean fencingEnabled, boolean symmetricCluster, NoQuorumPolicy noQuorumPolicy,
    Optional<Boolean> maintenanceMode, Optional<Boolean> stopAllResources) {}
