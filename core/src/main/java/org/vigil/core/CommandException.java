package org.vigil.core;

/** An external command could not be run to completion. Becomes UNKNOWN with this message. */
public final class CommandException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the command did not produce a result. */
  public enum Kind {
    NOT_FOUND,
    NOT_EXECUTABLE,
    START_FAILED,
    /** It ran, but exited with a status that means failure. */
    FAILED,
    TIMED_OUT,
    INTERRUPTED
  }

  private final Kind kind;

  public CommandException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
