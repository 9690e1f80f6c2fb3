package org.vigil.core;

import java.util.Optional;

/** A warning and a critical range; critical is evaluated first, as the guidelines require. */
public record Thresholds(Optional<Range> warning, Optional<Range> critical) {

  public static Thresholds none() {
    return new Thresholds(Optional.empty(), Optional.empty());
  }

  public State evaluate(double value) {
    if (critical.isPresent() && critical.get().alerts(value)) {
      return State.CRITICAL;
    }
    if (warning.isPresent() && warning.get().alerts(value)) {
      return State.WARNING;
    }
    return State.OK;
  }
}
