package org.vigil.exporter.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates made by the real {@code openssl} in a temporary directory: a CA, a
 * server certificate for 127.0.0.1 with its key in PKCS#8, PKCS#1 and (for an EC server) SEC1,
 * an encrypted key, a key of another pair, and a client certificate. Tests that need them are
 * skipped, with the reason, where openssl is missing.
 */
final class TestPki {
  final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  static TestPki create(Path dir) throws IOException, InterruptedException {
    assumeTrue(onPath("openssl"), "openssl is not on PATH: the TLS tests need it to make keys");
    TestPki pki = new TestPki(dir);
    pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-days", "2", "-subj", "/CN=vigil test CA");
    pki.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    pki.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-copy_extensions", "copy");
    pki.openssl("rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
    pki.openssl("pkey", "-in", "server.key", "-aes256", "-passout", "pass:secret",
        "-out", "server-encrypted.key");
    pki.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
        "-out", "other.key");
    pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-server.key");
    pki.openssl("req", "-new", "-x509", "-key", "ec-server.key", "-out", "ec-server.crt",
        "-days", "2", "-subj", "/CN=127.0.0.1");
    pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client.key");
    pki.openssl("req", "-new", "-key", "client.key", "-out", "client.csr", "-subj", "/CN=client");
    pki.openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "client.crt", "-days", "2");
    return pki;
  }

  Path path(String name) {
    return dir.resolve(name);
  }

  String read(String name) throws IOException {
    return Files.readString(path(name));
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("openssl"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
