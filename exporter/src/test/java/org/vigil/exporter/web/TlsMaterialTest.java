package org.vigil.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Certificates and keys as openssl writes them, and what is refused. */
class TlsMaterialTest {
  @TempDir static Path dir;
  static TestPki pki;

  @BeforeAll
  static void makeKeys() throws Exception {
    pki = TestPki.create(dir);
    Files.writeString(dir.resolve("both.pem"), pki.read("server.crt") + pki.read("server.key"));
    Files.writeString(dir.resolve("two-keys.key"), pki.read("server.key") + pki.read("other.key"));
    Files.writeString(dir.resolve("empty.crt"), "");
    Files.writeString(dir.resolve("truncated.crt"), pki.read("server.crt").replace(
        "-----END CERTIFICATE-----", ""));
    Files.writeString(dir.resolve("garbage.crt"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Files.writeString(dir.resolve("chain.crt"), pki.read("server.crt") + pki.read("ca.crt"));
  }

  private static TlsMaterial load(String cert, String key) throws WebConfigException {
    return load(cert, key, ClientAuth.NO_CLIENT_CERT, null);
  }

  private static TlsMaterial load(String cert, String key, ClientAuth auth, String ca)
      throws WebConfigException {
    return TlsMaterial.load(new TlsConfig(dir.resolve(cert), dir.resolve(key), auth,
        Optional.ofNullable(ca).map(dir::resolve), TlsVersion.TLS12, TlsVersion.TLS13));
  }

  @Test
  void pkcs8AndPkcs1RsaKeysAreTheSameKey() throws Exception {
    TlsMaterial pkcs8 = load("server.crt", "server.key");
    TlsMaterial pkcs1 = load("server.crt", "server-pkcs1.key");
    assertThat(pkcs8.key().getAlgorithm()).isEqualTo("RSA");
    assertThat(pkcs1.key()).isEqualTo(pkcs8.key());
    assertThat(pkcs8.chain()).hasSize(1);
    assertThat(pkcs8.clientVerifier()).isEmpty();
  }

  @Test
  void sec1EcKeyAfterEcParameters() throws Exception {
    assertThat(pki.read("ec-server.key")).contains("BEGIN EC PARAMETERS")
        .contains("BEGIN EC PRIVATE KEY");
    assertThat(load("ec-server.crt", "ec-server.key").key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void chainAndClientCas() throws Exception {
    TlsMaterial m = load("chain.crt", "server.key", ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT,
        "ca.crt");
    assertThat(m.chain()).hasSize(2);
    assertThat(m.clientCas()).hasSize(1);
    assertThat(m.clientVerifier()).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refused(String label, String cert, String key, String message) {
    assertThatThrownBy(() -> load(cert, key)).isInstanceOf(WebConfigException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("mismatched key", "server.crt", "other.key",
            "key_file does not match the certificate in"),
        Arguments.of("EC key for an RSA certificate", "server.crt", "client.key",
            "not a RSA private key for the certificate (EC PRIVATE KEY)"),
        Arguments.of("encrypted key", "server.crt", "server-encrypted.key",
            "the private key is encrypted"),
        Arguments.of("missing certificate", "absent.crt", "server.key",
            "absent.crt: cert_file: no such file"),
        Arguments.of("missing key", "server.crt", "absent.key",
            "absent.key: key_file: no such file"),
        Arguments.of("unreadable key (a directory)", "server.crt", ".",
            "key_file: cannot read"),
        Arguments.of("key in the certificate file", "both.pem", "server.key",
            "cert_file holds a PRIVATE KEY block; only CERTIFICATE blocks belong there"),
        Arguments.of("certificate as the key", "server.crt", "server.crt",
            "key_file holds a CERTIFICATE block"),
        Arguments.of("two keys", "server.crt", "two-keys.key",
            "key_file holds more than one private key"),
        Arguments.of("empty certificate file", "empty.crt", "server.key",
            "cert_file holds no PEM CERTIFICATE block"),
        Arguments.of("truncated certificate", "truncated.crt", "server.key",
            "cert_file: no -----END CERTIFICATE-----"),
        Arguments.of("garbage certificate", "garbage.crt", "server.key",
            "cert_file: not an X.509 certificate"));
  }

  @Test
  void badClientCaFile() {
    assertThatThrownBy(() -> load("server.crt", "server.key",
        ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN, "server.key"))
        .isInstanceOf(WebConfigException.class)
        .hasMessageContaining("client_ca_file holds a PRIVATE KEY block");
  }
}
