package org.vigil.core;

import java.util.List;

/**
 * The result of one check run: a subcheck per object. The overall state is derived, never set.
 *
 * @param service the service word of the first output line, e.g. {@code DRBD}
 * @param subchecks one per object, in the order the source lists them
 * @param okSummary the first-line text used when nothing is wrong
 */
public record CheckResult(String service, List<Subcheck> subchecks, String okSummary) {

  public CheckResult {
    subchecks = List.copyOf(subchecks);
    if (subchecks.isEmpty()) {
      throw new IllegalArgumentException(
          "a check result needs at least one subcheck; report 'nothing to monitor' as one");
    }
  }

  public State state() {
    State worst = State.OK;
    for (Subcheck sc : subchecks) {
      worst = worst.worse(sc.state());
    }
    return worst;
  }
}
