package org.vigil.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebConfigParserTest {
  static final String HASH = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4,
      "secret".toCharArray());
  static final String HASH_2A = "$2a" + HASH.substring(3);
  static final String HASH_2B = "$2b" + HASH.substring(3);

  @TempDir Path dir;

  private WebConfig parse(String yaml) throws IOException, WebConfigException {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, yaml);
    return WebConfigParser.parse(file);
  }

  @Test
  void usersOnly() throws Exception {
    WebConfig c = parse("basic_auth_users:\n  prom: '" + HASH + "'\n  other: " + HASH_2A
        + "\n  third: \"" + HASH_2B + "\"\n");
    assertThat(c.tls()).isEmpty();
    assertThat(c.users()).isEqualTo(Map.of("prom", HASH, "other", HASH_2A, "third", HASH_2B));
    assertThat(c.headers()).isEmpty();
  }

  @Test
  void minimalTlsTakesExporterToolkitDefaults() throws Exception {
    WebConfig c = parse("tls_server_config:\n  cert_file: server.crt\n  key_file: /etc/k.key\n");
    assertThat(c.tls()).contains(new TlsConfig(dir.resolve("server.crt"), Path.of("/etc/k.key"),
        ClientAuth.NO_CLIENT_CERT, Optional.empty(), TlsVersion.TLS12, TlsVersion.TLS13));
    assertThat(c.tls().get().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(c.users()).isEmpty();
  }

  @Test
  void fullTls() throws Exception {
    WebConfig c = parse("""
        # comment
        tls_server_config:
          cert_file: sub/../certs/server.crt
          key_file: certs/server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
          min_version: TLS13
          max_version: TLS13
        basic_auth_users:
          prom: %s
        http_server_config:
          http2: false
          headers:
            X-Frame-Options: deny
            Strict-Transport-Security: max-age=31536000
        """.formatted(HASH));
    assertThat(c.tls()).contains(new TlsConfig(dir.resolve("certs/server.crt"),
        dir.resolve("certs/server.key"), ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT,
        Optional.of(dir.resolve("ca.crt")), TlsVersion.TLS13, TlsVersion.TLS13));
    assertThat(c.tls().get().protocols()).containsExactly("TLSv1.3");
    assertThat(c.headers()).isEqualTo(Map.of("X-Frame-Options", "deny",
        "Strict-Transport-Security", "max-age=31536000"));
    assertThat(c.files()).containsExactly(dir.resolve("web.yml"), dir.resolve("certs/server.crt"),
        dir.resolve("certs/server.key"), dir.resolve("ca.crt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientAuthTypes")
  void everyClientAuthType(String name, ClientAuth expected, String ca) throws Exception {
    WebConfig c = parse("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: "
        + name + "\n" + ca);
    assertThat(c.tls().get().clientAuth()).isEqualTo(expected);
  }

  static Stream<Arguments> clientAuthTypes() {
    String ca = "  client_ca_file: ca.crt\n";
    return Stream.of(
        Arguments.of("NoClientCert", ClientAuth.NO_CLIENT_CERT, ""),
        Arguments.of("RequestClientCert", ClientAuth.REQUEST_CLIENT_CERT, ""),
        Arguments.of("RequireAnyClientCert", ClientAuth.REQUIRE_ANY_CLIENT_CERT, ""),
        Arguments.of("VerifyClientCertIfGiven", ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN, ca),
        Arguments.of("RequireAndVerifyClientCert", ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT,
            ca));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refused(String label, String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(WebConfigException.class)
        .hasMessageStartingWith(dir.resolve("web.yml").toString() + ":")
        .hasMessageContaining(message);
  }

  static Stream<Arguments> errors() {
    String tls = "tls_server_config:\n  cert_file: c\n  key_file: k\n";
    return Stream.of(
        Arguments.of("unknown top-level key", "foo: 1\n", ":1: unknown key 'foo'"),
        Arguments.of("unknown TLS key", tls + "  certfile: x\n",
            ":4: unknown key 'tls_server_config.certfile'"),
        Arguments.of("unknown HTTP key", "http_server_config:\n  http3: true\n",
            "unknown key 'http_server_config.http3'"),
        Arguments.of("bad client_auth_type", tls + "  client_auth_type: RequireClientCert\n",
            ":4: tls_server_config.client_auth_type: 'RequireClientCert' is not one of"
                + " NoClientCert, RequestClientCert, RequireAnyClientCert,"
                + " VerifyClientCertIfGiven, RequireAndVerifyClientCert"),
        Arguments.of("TLS10", tls + "  min_version: TLS10\n",
            "min_version: TLS10 refused: vigil-exporter serves TLS 1.2 and 1.3 only"),
        Arguments.of("TLS11", tls + "  min_version: TLS11\n", "TLS11 refused"),
        Arguments.of("TLS11 as max", tls + "  max_version: TLS11\n", "max_version: TLS11 refused"),
        Arguments.of("unknown version", tls + "  min_version: TLS14\n",
            "'TLS14' is not one of TLS12, TLS13"),
        Arguments.of("min above max", tls + "  min_version: TLS13\n  max_version: TLS12\n",
            "max_version TLS12 is below min_version TLS13"),
        Arguments.of("missing key_file", "tls_server_config:\n  cert_file: c\n",
            ":2: tls_server_config: key_file is missing"),
        Arguments.of("missing cert_file", "tls_server_config:\n  key_file: k\n",
            "cert_file is missing"),
        Arguments.of("empty cert_file", "tls_server_config:\n  cert_file: ''\n  key_file: k\n",
            "tls_server_config.cert_file must be a non-empty string"),
        // Found by the fuzz property (ExporterParsersJazzerFuzzTest#webConfig): an
        // InvalidPathException escaped.
        Arguments.of("NUL in a path",
            "tls_server_config:\n  cert_file: \"a\\0b\"\n  key_file: k\n",
            ":2: tls_server_config.cert_file: not a path (Nul character not allowed)"),
        // Found by ExporterParsersJazzerFuzzTest#webConfig: SnakeYAML's IllegalArgumentException
        // for a tag that decodes to a blank escaped.
        Arguments.of("tag %-escaping a NUL", "!%00\n",
            ": not valid YAML: Tag must not contain leading or trailing spaces."),
        Arguments.of("verification without CA", tls
            + "  client_auth_type: RequireAndVerifyClientCert\n",
            "client_auth_type RequireAndVerifyClientCert needs client_ca_file"),
        Arguments.of("CA without verification", tls + "  client_ca_file: ca.crt\n",
            "client_auth_type NoClientCert does not verify client certificates"),
        Arguments.of("cipher_suites", tls + "  cipher_suites: [TLS_AES_128_GCM_SHA256]\n",
            ":4: tls_server_config.cipher_suites is not supported by vigil-exporter"),
        Arguments.of("client_allowed_sans", tls + "  client_allowed_sans: [a]\n",
            "tls_server_config.client_allowed_sans is not supported by vigil-exporter"),
        Arguments.of("inline cert", "tls_server_config:\n  cert: x\n",
            "tls_server_config.cert is not supported by vigil-exporter"),
        Arguments.of("http2 true", "http_server_config:\n  http2: true\n",
            "http_server_config.http2: true is not supported by vigil-exporter"),
        Arguments.of("http2 yes", "http_server_config:\n  http2: yes\n",
            "http_server_config.http2 must be true or false"),
        Arguments.of("header not allowed", "http_server_config:\n  headers:\n    Server: x\n",
            "http_server_config.headers.Server: this header can not be configured"),
        Arguments.of("header value not allowed",
            "http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
            "'allow' is not one of deny, sameorigin"),
        Arguments.of("plain password", "basic_auth_users:\n  prom: secret\n",
            ":2: basic_auth_users.prom: not a bcrypt hash"),
        Arguments.of("MD5 crypt", "basic_auth_users:\n  prom: '$1$abc$" + "x".repeat(22) + "'\n",
            "not a bcrypt hash"),
        Arguments.of("bcrypt cost 99", "basic_auth_users:\n  prom: '$2y$99"
            + HASH.substring(6) + "'\n", "not a bcrypt hash"),
        Arguments.of("bcrypt truncated", "basic_auth_users:\n  prom: '"
            + HASH.substring(0, 59) + "'\n", "not a bcrypt hash"),
        Arguments.of("bcrypt $2x$", "basic_auth_users:\n  prom: '$2x"
            + HASH.substring(3) + "'\n", "not a bcrypt hash"),
        Arguments.of("user with colon", "basic_auth_users:\n  'a:b': '" + HASH + "'\n",
            "a user name must be non-empty, without ':'"),
        Arguments.of("numeric user", "basic_auth_users:\n  123: '" + HASH + "'\n",
            "a key in basic_auth_users is not a string"),
        Arguments.of("hash as a list", "basic_auth_users:\n  prom: [a]\n",
            "basic_auth_users.prom must be a non-empty string"),
        Arguments.of("duplicate top-level key", "basic_auth_users: {}\nbasic_auth_users: {}\n",
            ":2: duplicate key 'basic_auth_users' in the top level"),
        Arguments.of("duplicate user", "basic_auth_users:\n  prom: '" + HASH + "'\n  prom: '"
            + HASH + "'\n", ":3: duplicate key 'prom' in basic_auth_users"),
        Arguments.of("list at the top", "- a\n- b\n", ":1: the top level must be a mapping"),
        Arguments.of("scalar at the top", "hello\n", "the top level must be a mapping"),
        Arguments.of("null section", "tls_server_config:\n",
            "tls_server_config must be a mapping"),
        Arguments.of("java type tag", "!!javax.script.ScriptEngineManager [!!java.net."
            + "URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
            // SnakeYAML 2 refuses global tags while composing; checkTag would catch them too.
            ":1: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script."
                + "ScriptEngineManager"),
        Arguments.of("java type tag in a value", "basic_auth_users:\n  prom: !!java.io.File x\n",
            ":2: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:java.io.File"),
        Arguments.of("binary tag", "basic_auth_users:\n  prom: !!binary eA==\n",
            ":2: tag 'tag:yaml.org,2002:binary' is not allowed"),
        Arguments.of("local tag", "tls_server_config: !custom {}\n", "tag '!custom' is not allowed"),
        Arguments.of("merge key", "a: &a {cert_file: c}\ntls_server_config:\n  <<: *a\n",
            "unknown key 'a'"),
        Arguments.of("empty file", "", "empty; an empty --web.config.file would turn TLS"),
        Arguments.of("comments only", "# nothing\n", "empty"),
        Arguments.of("broken YAML", "tls_server_config:\n  cert_file: [c\n",
            "not valid YAML"),
        Arguments.of("two documents", "basic_auth_users: {}\n---\nbasic_auth_users: {}\n",
            "not valid YAML"));
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> WebConfigParser.parse(dir.resolve("absent.yml")))
        .isInstanceOf(WebConfigException.class)
        .hasMessage(dir.resolve("absent.yml") + ": no such file");
  }

  @Test
  void unreadableFile() {
    assertThatThrownBy(() -> WebConfigParser.parse(dir))
        .isInstanceOf(WebConfigException.class)
        .hasMessageStartingWith(dir + ": cannot read: ");
  }

  @Test
  void notUtf8() throws IOException {
    Files.write(dir.resolve("web.yml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> WebConfigParser.parse(dir.resolve("web.yml")))
        .isInstanceOf(WebConfigException.class).hasMessageEndingWith(": not UTF-8 text");
  }

  @ParameterizedTest
  @MethodSource("bcryptShapes")
  void bcryptShape(String hash, boolean valid) {
    assertThat(WebConfigParser.isBcrypt(hash)).isEqualTo(valid);
  }

  static Stream<Arguments> bcryptShapes() {
    return Stream.of(
        Arguments.of(HASH, true), Arguments.of(HASH_2A, true), Arguments.of(HASH_2B, true),
        Arguments.of("$2y$03" + HASH.substring(6), false),
        Arguments.of("$2y$31" + HASH.substring(6), true),
        Arguments.of("$2y$32" + HASH.substring(6), false),
        Arguments.of(HASH.substring(0, 59) + "!", false),
        Arguments.of(HASH + "a", false));
  }
}
