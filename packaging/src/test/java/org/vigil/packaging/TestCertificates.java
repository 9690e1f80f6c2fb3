package org.vigil.packaging;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates made by the real openssl for the TLS tests, in one directory: {@code
 * ca.crt}/{@code ca.key} (a test CA), {@code server.crt}/{@code server.key} (RSA, for IP
 * 127.0.0.1 only, signed by the CA), {@code client.crt}/{@code client.key} (EC in SEC1, as
 * {@code openssl ecparam} writes it, signed by the CA) and {@code stranger.crt}/{@code
 * stranger.key} (self-signed: a CA nobody trusts). Valid for two days.
 */
final class TestCertificates {
  private TestCertificates() {}

  static void make(Path dir, String clientName) throws Exception {
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-days", "2", "-subj", "/CN=vigil test CA");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-copy_extensions", "copy");
    openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client.key");
    openssl(dir, "req", "-new", "-key", "client.key", "-out", "client.csr",
        "-subj", "/CN=" + clientName);
    openssl(dir, "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "client.crt", "-days", "2");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key",
        "-out", "stranger.crt", "-days", "2", "-subj", "/CN=stranger");
  }

  static void openssl(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("openssl"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(new File(dir.toFile(), "openssl.log")).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(argv + " failed: " + Files.readString(dir.resolve("openssl.log")));
    }
  }
}
