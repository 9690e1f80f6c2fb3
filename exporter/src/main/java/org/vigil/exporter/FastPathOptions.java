package org.vigil.exporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code vigil-exporter}'s fast-path options ({@link FastPathServer}). */
final class FastPathOptions {
  static final String DEFAULT_GROUP = "nagios";

  @Option(names = "--fast-path.socket", paramLabel = "PATH",
      description = "Answer checks (check_drbd, check_raid, check_cluster through their"
          + " wrappers) on this Unix socket in a few milliseconds instead of a JVM start: the"
          + " exporter runs the same check code on the same sources at request time. Only for"
          + " command lines that read the checks' defaults or this exporter's own sources;"
          + " anything else makes the check run standalone. The package uses"
          + " /run/vigil/fast-path.sock. Default: off.")
  Path socket;

  @Option(names = "--fast-path.group", paramLabel = "GROUP",
      description = "The group the checks run as, which may use the socket (mode 0660) besides"
          + " root; the exporter must be a member. Default: ${DEFAULT-VALUE} (Icinga 2, Nagios"
          + " and NRPE on Debian).")
  String group = DEFAULT_GROUP;

  /** The fast-path server, or empty when {@code --fast-path.socket} is not given. */
  Optional<FastPathServer> start(Sources sources, Consumer<String> log) throws IOException {
    if (socket == null) {
      return Optional.empty();
    }
    FastPathServer server = FastPathServer.start(socket, Optional.of(group),
        FastPathServer.identity(FastPathOptions.class), sources,
        FastPathPeers.of(group, Path.of("/etc/group"))::refusal, log);
    return Optional.of(server);
  }
}
