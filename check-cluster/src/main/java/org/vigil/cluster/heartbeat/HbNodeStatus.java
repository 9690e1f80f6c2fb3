package org.vigil.cluster.heartbeat;

import org.vigil.core.Vocabulary;

/**
 * A node's status as {@code cl_status nodestatus NODE} prints it. tools/cl_status.c exits 0 for
 * {@code active}, {@code up} and {@code ping} and 1 otherwise ("the status = dead"); the words are
 * heartbeat's ACTIVESTATUS, DEADSTATUS and PINGSTATUS (also kept in Pacemaker's
 * crm/compatibility.h) plus {@code up}. Any other word is refused.
 */
public enum HbNodeStatus implements Vocabulary.Word {
  /** A normal node that has fully joined. */
  ACTIVE("active"),
  /** A node heartbeat hears but that has not become active yet. */
  UP("up"),
  /** A ping node that answers. */
  PING("ping"),
  /** No heartbeats received within deadtime (normal or ping node). */
  DEAD("dead");

  public static final Vocabulary<HbNodeStatus> VOCABULARY =
      Vocabulary.of("heartbeat node status", values());

  private final String token;

  HbNodeStatus(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
