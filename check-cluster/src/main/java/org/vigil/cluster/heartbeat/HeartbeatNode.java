package org.vigil.cluster.heartbeat;

/**
 * One node from {@code cl_status listnodes} with its {@code cl_status nodestatus}.
 *
 * @param name the node name as listed
 * @param status its status
 */
public record HeartbeatNode(String name, HbNodeStatus status) {}
