package org.vigil.cluster.corosync;

import org.vigil.core.Vocabulary;

/**
 * One part of a member's Qdevice column ({@code A,V,NMW}), or {@code NR} for a member whose quorum
 * device is not registered (tools/corosync-quorumtool.c, {@code display_nodes_data}).
 */
public enum QdeviceFlag implements Vocabulary.Word {
  ALIVE("A"),
  NOT_ALIVE("NA"),
  CAST_VOTE("V"),
  NO_VOTE("NV"),
  MASTER_WINS("MW"),
  NO_MASTER_WINS("NMW"),
  NOT_REGISTERED("NR");

  public static final Vocabulary<QdeviceFlag> VOCABULARY =
      Vocabulary.of("qdevice column flag", values());

  private final String token;

  QdeviceFlag(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
