package org.vigil.core;

import java.time.Duration;
import java.util.List;

/** What an external command printed and how it ended. */
public record CommandResult(
    List<String> argv,
    int exitCode,
    byte[] stdout,
    byte[] stderr,
    boolean stdoutTruncated,
    Duration elapsed) {

  public CommandResult {
    argv = List.copyOf(argv);
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** The command line as one string, for messages. */
  public String commandLine() {
    return String.join(" ", argv);
  }

  /** Standard output as strictly decoded text; a truncated output is a parse error, not a guess. */
  public String stdoutText(String source) throws ParseException {
    if (stdoutTruncated) {
      throw new ParseException(
          source, 0, null,
          "output larger than " + Numbers.bytes(BoundedInput.LIMIT) + ", refusing to parse it");
    }
    return BoundedInput.decode(stdout, source);
  }

  /**
   * Standard output as strictly decoded text, provided the command exited with one of the
   * accepted statuses; otherwise a {@link CommandException} naming the command, its status and
   * the first line of its standard error.
   */
  public String stdoutTextIfExit(java.util.Set<Integer> accepted)
      throws CommandException, ParseException {
    if (!accepted.contains(exitCode)) {
      String err = stderrFirstLine();
      throw new CommandException(CommandException.Kind.FAILED,
          commandLine() + " exited with status " + exitCode + (err.isEmpty() ? "" : ": " + err));
    }
    return stdoutText(commandLine());
  }

  /** The first line of standard error, printable, for messages; empty if there was none. */
  public String stderrFirstLine() {
    String text = new String(stderr, java.nio.charset.StandardCharsets.UTF_8).strip();
    int nl = text.indexOf('\n');
    return ParseException.printable(nl < 0 ? text : text.substring(0, nl));
  }
}
