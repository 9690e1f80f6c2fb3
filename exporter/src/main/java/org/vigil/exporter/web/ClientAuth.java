package org.vigil.exporter.web;

/** exporter-toolkit's {@code client_auth_type} values, named as Go's crypto/tls names them. */
public enum ClientAuth {
  NO_CLIENT_CERT("NoClientCert", false, false),
  /** Asks for a certificate and takes whatever comes, unverified (Go's semantics). */
  REQUEST_CLIENT_CERT("RequestClientCert", false, false),
  /** Insists on a certificate but does not verify it (Go's semantics). */
  REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, false),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", false, true),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true);

  final String yamlName;
  final boolean required;
  final boolean verified;

  ClientAuth(String yamlName, boolean required, boolean verified) {
    this.yamlName = yamlName;
    this.required = required;
    this.verified = verified;
  }

  boolean asks() {
    return this != NO_CLIENT_CERT;
  }
}
