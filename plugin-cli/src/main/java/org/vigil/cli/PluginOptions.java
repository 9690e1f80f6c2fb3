package org.vigil.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The standard plugin options every check shares: -t and -v (-h and -V come from picocli). */
public final class PluginOptions {
  @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
      description = "UNKNOWN if no verdict within SECONDS (1-3600). Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds = 10;

  @Option(names = {"-v", "--verbose"},
      description = "More detail: -v adds counters per object, -vvv stack traces on errors.")
  boolean[] verbose = new boolean[0];

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  public int verbosity() {
    return verbose.length;
  }

  /** A sentence saying what is wrong with the options, if anything. */
  public Optional<String> problem() {
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      return Optional.of("--timeout must be between 1 and 3600 seconds, got " + timeoutSeconds);
    }
    return Optional.empty();
  }
}
