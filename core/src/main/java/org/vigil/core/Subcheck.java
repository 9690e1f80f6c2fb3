package org.vigil.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on one monitored object (a DRBD resource, an md array, a cluster node).
 *
 * @param name the object's name as operators know it
 * @param summary a short description of its current state, shown in long output
 * @param findings what the policy found; the subcheck's state is the worst of them (OK if none)
 * @param details extra lines shown only with {@code -v}
 * @param perfdata performance data of this object
 */
public record Subcheck(
    String name, String summary, List<Finding> findings, List<String> details,
    List<PerfData> perfdata) {

  /** The problem states, worst first ({@link State#severity()}). */
  private static final State[] BY_SEVERITY = {State.CRITICAL, State.WARNING, State.UNKNOWN};

  public Subcheck {
    findings = List.copyOf(findings);
    details = List.copyOf(details);
    perfdata = List.copyOf(perfdata);
  }

  public State state() {
    State worst = State.OK;
    for (Finding f : findings) {
      worst = worst.worse(f.state());
    }
    return worst;
  }

  /** Findings that are not OK, worst first, in their original order within a state. */
  public List<Finding> problems() {
    List<Finding> result = new ArrayList<>();
    for (State level : BY_SEVERITY) {
      for (Finding f : findings) {
        if (f.state() == level) {
          result.add(f);
        }
      }
    }
    return result;
  }
}
