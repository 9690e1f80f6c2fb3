package org.vigil.core.cli;

/** The command line is wrong: an unknown option, a missing or malformed value. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
