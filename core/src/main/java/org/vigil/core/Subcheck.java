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

  public Subcheck {
    findings = List.copyOf(findings);
    details = List.copyOf(details);
    perfdata = List.copyOf(perfdata);
  }

  public State state() {
    return State.worst(findings.stream().map(Finding::state).toList());
  }

  /** Findings that are not OK, worst first, in their original order within a state. */
  public List<Finding> problems() {
    List<Finding> result = new ArrayList<>();
    for (Finding f : findings) {
      if (f.state() != State.OK) {
        result.add(f);
      }
    }
    result.sort((a, b) -> Integer.compare(b.state().severity(), a.state().severity()));
    return result;
  }
}
