package org.vigil.cluster.heartbeat;

import org.vigil.core.Vocabulary;

/**
 * The one line {@code cl_status hbstatus} prints (tools/cl_status.c, {@code hbstatus}); it exits 0
 * when running and 1 when stopped.
 */
public enum HbDaemonStatus implements Vocabulary.Word {
  RUNNING("Heartbeat is running on this machine."),
  STOPPED("Heartbeat is stopped on this machine.");

  public static final Vocabulary<HbDaemonStatus> VOCABULARY =
      Vocabulary.of("cl_status hbstatus line", values());

  private final String token;

  HbDaemonStatus(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
