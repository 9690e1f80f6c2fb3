package org.vigil.core;

import java.util.Collection;

/**
 * The four plugin states with their exit codes (Monitoring Plugins guidelines).
 *
 * <p>Severity for "worst of" follows the monitoring-plugins {@code max_state_alt} rule:
 * CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK. UNKNOWN ranks above OK so that a part we could not
 * understand is never hidden behind a healthy part, and below WARNING/CRITICAL so that a known
 * problem is never hidden behind a part we could not read.
 */
public enum State {
  OK(0, 0),
  WARNING(1, 2),
  CRITICAL(2, 3),
  UNKNOWN(3, 1);

  private final int exitCode;
  private final int severity;

  State(int exitCode, int severity) {
    this.exitCode = exitCode;
    this.severity = severity;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Rank used by {@link #worst}: higher is worse. */
  public int severity() {
    return severity;
  }

  public State worse(State other) {
    return other.severity > severity ? other : this;
  }

  public static State worst(Collection<State> states) {
    State result = OK;
    for (State s : states) {
      result = result.worse(s);
    }
    return result;
  }

  public static State worst(State... states) {
    return worst(java.util.List.of(states));
  }
}
