package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/**
 * One word of the {@code Flags:} line of {@code corosync-quorumtool -s}, printed from the
 * {@code VOTEQUORUM_INFO_*} bits of the local node (tools/corosync-quorumtool.c,
 * {@code display_quorum_data}). The three {@code Qdevice*} words are accepted for newer releases
 * (not seen in the source read); liveness of a quorum device is read from the membership
 * Qdevice column either way.
 */
public enum QuorumFlag implements Vocabulary.Word {
  TWO_NODE("2Node"),
  QUORATE("Quorate"),
  WAIT_FOR_ALL("WaitForAll"),
  LAST_MAN_STANDING("LastManStanding"),
  AUTO_TIE_BREAKER("AutoTieBreaker"),
  ALLOW_DOWNSCALE("AllowDownscale"),
  QDEVICE("Qdevice"),
  QDEVICE_ALIVE("QdeviceAlive"),
  QDEVICE_CAST_VOTE("QdeviceCastVote"),
  QDEVICE_MASTER_WINS("QdeviceMasterWins");

  public static final Vocabulary<QuorumFlag> VOCABULARY =
      Vocabulary.of("votequorum flag", values());

  private final String token;

  QuorumFlag(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
