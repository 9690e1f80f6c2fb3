package org.vigil.exporter.web;

/** The TLS versions vigil-exporter serves; exporter-toolkit's TLS10 and TLS11 are refused. */
public enum TlsVersion {
  TLS12("TLS12", "TLSv1.2"),
  TLS13("TLS13", "TLSv1.3");

  final String yamlName;
  final String protocol;

  TlsVersion(String yamlName, String protocol) {
    this.yamlName = yamlName;
    this.protocol = protocol;
  }
}
