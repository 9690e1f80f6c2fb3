package org.vigil.core;

/** One thing a policy found about one object: its state and a sentence saying what and why. */
public record Finding(State state, String message) {
  public Finding {
    if (message.isBlank()) {
      throw new IllegalArgumentException("a finding needs a message");
    }
  }

  public static Finding critical(String message) {
    return new Finding(State.CRITICAL, message);
  }

  public static Finding warning(String message) {
    return new Finding(State.WARNING, message);
  }

  public static Finding unknown(String message) {
    return new Finding(State.UNKNOWN, message);
  }

  public static Finding ok(String message) {
    return new Finding(State.OK, message);
  }
}
