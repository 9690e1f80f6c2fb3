package org.vigil.cluster.corosync;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The output of {@code corosync-quorumtool -s} (also {@code -p}, {@code -H}).
 *
 * @param date the {@code Date:} line
 * @param provider the quorum provider
 * @param nodes the {@code Nodes:} count (equals the number of members)
 * @param localNodeId {@code Node ID:}
 * @param ringId {@code Ring ID:}
 * @param quorate {@code Quorate:}
 * @param votequorum the votequorum section; absent when no quorum provider is configured
 * @param members the membership rows; empty when no quorum provider is configured
 * @param qdevice the quorum-device row, present exactly when some member has a registered qdevice
 */
public record Quorumtool(
    LocalDateTime date, QuorumProvider provider, int nodes, long localNodeId, RingId ringId,
    boolean quorate, Optional<Votequorum> votequorum, List<QuorumMember> members,
    Optional<QdeviceRow> qdevice) {
  public Quorumtool {
    members = List.copyOf(members);
  }

  /** Whether a quorum device is registered with any member. */
  public boolean qdeviceInUse() {
    return qdevice.isPresent() || votequorum.map(v -> v.has(QuorumFlag.QDEVICE)).orElse(false);
  }

  public Optional<QuorumMember> member(long nodeId) {
    return members.stream().filter(m -> m.nodeId() == nodeId).findFirst();
  }
}
