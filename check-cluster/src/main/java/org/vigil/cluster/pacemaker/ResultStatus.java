package org.vigil.cluster.pacemaker;

import java.util.List;
import java.util.Optional;

/**
 * The {@code status} element of {@code pacemaker-result}: the authoritative outcome of the run.
 *
 * @param code the exit code; non-zero means the rest of the document is not a cluster view
 * @param message e.g. OK, Not connected
 * @param errors the texts of {@code errors/error}
 * @param disconnected {@code crm-mon-disconnected@description} when crm_mon could not connect
 */
public record ResultStatus(
    int code, String message, List<String> errors, Optional<String> disconnected, int line) {
  public ResultStatus {
    errors = List.copyOf(errors);
  }
}
