package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil fleet-check} against exporters that use {@code --web.config.file}: two shipped
 * exporters on 127.0.0.1 on the healthy pair's trees (as in FleetCheckIT), both with TLS
 * (certificates made by openssl for IP 127.0.0.1) and a bcrypt user, node-b also requiring a
 * verified client certificate. Skipped, with the reason, without openssl.
 */
class FleetCheckTlsIT {
  private static final Path ROOT = RunningExporter.ROOT;

  private static Path dir;
  private static RunningExporter a;
  private static RunningExporter b;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Processes.findTool("openssl") != null, "openssl is missing: no keys, no TLS test");
    dir = Files.createTempDirectory("vigil-fleet-tls-it-");
    TestCertificates.make(dir, "icinga");
    String users = "basic_auth_users:\n  icinga: '"
        + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(6, "s3cret".toCharArray()) + "'\n";
    Files.writeString(dir.resolve("a.yml"), "tls_server_config:\n  cert_file: server.crt\n"
        + "  key_file: server.key\n" + users);
    Files.writeString(dir.resolve("b.yml"), "tls_server_config:\n  cert_file: server.crt\n"
        + "  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n"
        + "  client_ca_file: ca.crt\n" + users);
    Files.writeString(dir.resolve("password"), "s3cret\n");
    Files.writeString(dir.resolve("wrong"), "s3cret!\n");
    a = exporter("fleet-pair-a", "a.yml");
    b = exporter("fleet-pair-b", "b.yml");
  }

  @AfterAll
  static void stop() {
    for (RunningExporter e : new RunningExporter[] {a, b}) {
      if (e != null) {
        e.close();
      }
    }
  }

  private static RunningExporter exporter(String tree, String config) throws Exception {
    return new RunningExporter(dir, tree, "--path.rootfs",
        ROOT.resolve("test-fixtures/trees/" + tree).toString(),
        "--web.config.file", dir.resolve(config).toString());
  }

  private static String https(RunningExporter e) {
    return "https://" + e.address + "/metrics";
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  /** fleet-check on both peers with the given options; the CA, user and password unless given. */
  private static Processes.Result fleetCheck(String... options) throws Exception {
    List<String> argv = new ArrayList<>(List.of(ROOT.resolve("packaging/bin/vigil").toString(),
        "fleet-check", "--timeout", "10s", "--peer", "node-a=" + https(a),
        "--peer", "node-b=" + https(b)));
    argv.addAll(List.of(options));
    Processes.Result r = Processes.run(dir, "fleet-check", Duration.ofSeconds(60), Map.of(),
        argv.toArray(String[]::new));
    System.err.println("FleetCheckTlsIT: " + String.join(" ", argv) + "\n" + r.stdout()
        + r.stderr() + "exit " + r.exitCode());
    return r;
  }

  private static final String[] RIGHT_CREDENTIALS = {"--tls.ca-file", "ca.crt",
      "--tls.cert-file", "client.crt", "--tls.key-file", "client.key",
      "--basic-auth.username", "icinga", "--basic-auth.password-file", "password"};

  private static String[] credentials(String... replacing) {
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < RIGHT_CREDENTIALS.length; i += 2) {
      String option = RIGHT_CREDENTIALS[i];
      String value = option.equals("--basic-auth.username") ? RIGHT_CREDENTIALS[i + 1]
          : path(RIGHT_CREDENTIALS[i + 1]);
      for (int j = 0; j < replacing.length; j += 2) {
        if (replacing[j].equals(option)) {
          value = replacing[j + 1];
        }
      }
      if (value != null) {
        argv.add(option);
        argv.add(value);
      }
    }
    return argv.toArray(String[]::new);
  }

  @Test
  void withTheCaAndCredentialsTheVerdictIsTheSameAsOverPlainHttp() throws Exception {
    Processes.Result r = fleetCheck(credentials());
    // FleetCheckIT.aHealthyPairIsOk, the same trees over plain HTTP: the same output.
    assertThat(r.stdout()).isEqualTo(FleetCheckIT.healthyPair(https(a), https(b)));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aWrongPasswordIsThatPeerRefusedWith401() throws Exception {
    Processes.Result r = fleetCheck(credentials("--basic-auth.password-file", path("wrong")));
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
    // No peer answered: the policy's "nothing to compare" comes first, then each peer.
    assertThat(r.stdout()).startsWith("FLEET UNKNOWN - fleet: no peer that answered reports DRBD"
            + " or Pacemaker; node-a: HTTP 401 from " + https(a)
            + ": credentials of --basic-auth.username icinga refused; node-b: HTTP 401 from "
            + https(b) + ": credentials of --basic-auth.username icinga refused | ")
        .contains("'peers'=2;;;0 'peers_unreachable'=2;;;0")
        .contains("\n[UNKNOWN] node-a: " + https(a) + " did not answer - HTTP 401 from ");
  }

  @Test
  void anUntrustedCertificateIsAFailedHandshakeNamingThePeer() throws Exception {
    Processes.Result r = fleetCheck(credentials("--tls.ca-file", path("stranger.crt")));
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
    assertThat(r.stdout()).contains("; node-a: TLS with " + a.address
            + " failed: its certificate is not trusted by --tls.ca-file " + path("stranger.crt")
            + " (")
        .contains("; node-b: TLS with " + b.address + " failed: its certificate is not trusted")
        .contains("'peers_unreachable'=2;;;0");
    // Without --tls.ca-file, the JDK's trust store does not know the test CA either.
    r = fleetCheck(credentials("--tls.ca-file", null));
    assertThat(r.stdout()).startsWith("FLEET UNKNOWN - ").contains("; node-a: TLS with "
        + a.address + " failed: its certificate is not trusted by the JDK's trust store (");
  }

  @Test
  void aHostNameTheCertificateDoesNotNameIsAFailedHandshake() throws Exception {
    // The certificate names IP 127.0.0.1 only; "localhost" reaches the same exporter.
    String localhost = "https://localhost:" + a.address.substring(a.address.indexOf(':') + 1)
        + "/metrics";
    List<String> argv = new ArrayList<>(List.of(ROOT.resolve("packaging/bin/vigil").toString(),
        "fleet-check", "--peer", "node-a=" + localhost, "--peer", "node-b=" + https(b)));
    argv.addAll(List.of(credentials()));
    Processes.Result r = Processes.run(dir, "fleet-check", Duration.ofSeconds(60), Map.of(),
        argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
    assertThat(r.stdout()).startsWith("FLEET UNKNOWN - node-a: TLS with localhost:"
        + a.address.substring(a.address.indexOf(':') + 1)
        + " failed: its certificate does not name localhost (");
  }

  @Test
  void noClientCertificateIsRefusedByTheExporterThatRequiresOne() throws Exception {
    Processes.Result r = fleetCheck(credentials("--tls.cert-file", null, "--tls.key-file", null));
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
    assertThat(r.stdout()).startsWith("FLEET UNKNOWN - node-b: TLS with " + b.address
            + ": closed without an answer, as an exporter does that refuses the client"
            + " certificate (none sent: --tls.cert-file, --tls.key-file); ")
        .contains("'peers'=2;;;0 'peers_unreachable'=1;;;0")
        .contains("\n[OK] node-a: " + https(a) + ", 1 DRBD resource\n");
  }

  @Test
  void aPasswordOverPlainHttpIsAUsageError() throws Exception {
    Processes.Result r = Processes.run(dir, "fleet-check", Duration.ofSeconds(60), Map.of(),
        ROOT.resolve("packaging/bin/vigil").toString(), "fleet-check",
        "--peer", "node-a=" + https(a), "--peer", "node-b=http://" + b.address + "/metrics",
        "--basic-auth.username", "icinga", "--basic-auth.password-file", path("password"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("FLEET UNKNOWN - --basic-auth.username: refusing to send a"
        + " password over plain http to --peer http://" + b.address + "/metrics (use https://,"
        + " or --basic-auth.allow-http to send it in the clear)\n");
  }
}
