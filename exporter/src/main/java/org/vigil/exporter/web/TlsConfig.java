package org.vigil.exporter.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tls_server_config}, paths already resolved against the config file's directory. */
public record TlsConfig(Path certFile, Path keyFile, ClientAuth clientAuth,
    Optional<Path> clientCaFile, TlsVersion minVersion, TlsVersion maxVersion) {

  /** The JSSE protocol names from min to max. */
  String[] protocols() {
    List<String> names = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      if (v.compareTo(minVersion) >= 0 && v.compareTo(maxVersion) <= 0) {
        names.add(v.protocol);
      }
    }
    return names.toArray(String[]::new);
  }

  List<Path> files() {
    List<Path> files = new ArrayList<>(List.of(certFile, keyFile));
    clientCaFile.ifPresent(files::add);
    return files;
  }
}
