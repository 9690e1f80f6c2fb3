package org.vigil.exporter.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code --web.config.file} in exporter-toolkit's format, as parsed by
 * {@link WebConfigParser}: TLS (if any), the basic-auth users' bcrypt hashes (none: no
 * authentication) and the extra response headers.
 */
public record WebConfig(Path file, Optional<TlsConfig> tls, Map<String, String> users,
    Map<String, String> headers) {

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
  }

  /**
   * Whether {@code user} can be a basic-auth user name: not empty, no ':' (which ends the name in
   * the header) and no control characters. The same rule for the exporter's users and for the
   * name fleet-check sends.
   */
  public static boolean isUserName(String user) {
    if (user.isEmpty() || user.indexOf(':') >= 0) {
      return false;
    }
    for (int i = 0; i < user.length(); i++) {
      if (Character.isISOControl(user.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The config file and every file it names: a change to any of them means a reload. */
  List<Path> files() {
    List<Path> files = new ArrayList<>(List.of(file));
    tls.ifPresent(t -> files.addAll(t.files()));
    return files;
  }
}
