package org.vigil.drbd.model;

/**
 * Network statistics towards a peer. /proc/drbd: ns, nr, pe, ua; DRBD 9: sent, received, pending,
 * unacked.
 */
public record PeerStats(long sentBytes, long receivedBytes, long pending, long unacked) {}
