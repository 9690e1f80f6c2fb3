package org.vigil.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may use the fast path, by the peer's credentials (SO_PEERCRED: user and primary group): root,
 * the exporter's own user, and the monitoring group, by primary group or by membership in
 * /etc/group. The socket's mode (0660, group = the monitoring group) already keeps others out;
 * this is the second lock, for a socket whose mode was widened by hand.
 *
 * @param group the monitoring group, e.g. nagios
 * @param exporterUser the user the exporter runs as
 * @param membersOf the members of a group listed in /etc/group
 */
record FastPathPeers(String group, String exporterUser, Function<String, Set<String>> membersOf) {

  /** Why {@code peer} may not use the fast path, or empty when it may. */
  Optional<String> refusal(UnixDomainPrincipal peer) {
    String user = peer.user().getName();
    String primary = peer.group().getName();
    if (user.equals("root") || user.equals(exporterUser) || primary.equals(group)
        || membersOf.apply(group).contains(user)) {
      return Optional.empty();
    }
    return Optional.of("peer " + user + " (group " + primary + ") is neither root nor in group "
        + group);
  }

  /** The policy for this process with the members listed in {@code etcGroup}. */
  static FastPathPeers of(String group, Path etcGroup) {
    return new FastPathPeers(group, System.getProperty("user.name"),
        g -> members(etcGroup, g));
  }

  /** The members of {@code group} in a group(5) file; none if the file or group is missing. */
  static Set<String> members(Path etcGroup, String group) {
    List<String> lines;
    try {
      lines = Files.readAllLines(etcGroup, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Set.of();
    }
    for (String line : lines) {
      String[] f = line.split(":", -1);
      if (f.length == 4 && f[0].equals(group)) {
        return f[3].isEmpty() ? Set.of() : Set.copyOf(List.of(f[3].split(",")));
      }
    }
    return Set.of();
  }
}
