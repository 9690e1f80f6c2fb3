package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --web.config.file} with real TLS clients: the shipped vigil-exporter on 127.0.0.1 with a
 * certificate made by openssl for IP 127.0.0.1, client certificates required and verified, and a
 * bcrypt-hashed user; curl and {@code openssl s_client} connect to it. Then the file is rewritten
 * under the running exporter: a new password applies within about two seconds, a broken file
 * leaves the previous configuration in force. Skipped, with the reason, without openssl or curl.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConfigIT {
  private static final Path TREE = RunningExporter.ROOT.resolve("test-fixtures/trees/degraded-node");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Path dir;
  private static Path config;
  private static RunningExporter exporter;
  private static final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Processes.findTool("openssl") != null, "openssl is missing: no keys, no TLS test");
    assumeTrue(Processes.findTool("curl") != null, "curl is missing: .ci/run installs it");
    dir = Files.createTempDirectory("vigil-web-config-it-");
    TestCertificates.make(dir, "prometheus");
    config = dir.resolve("web.yml");
    Files.writeString(config, tlsConfig("secret"));
    exporter = new RunningExporter(dir, "exporter", "--path.rootfs", TREE.toString(),
        "--web.config.file", config.toString());
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = exporter.nextLogLine()) != null; ) {
          log.add(line);
        }
      } catch (IOException e) {
        log.add("log reader: " + e);
      }
    }, "exporter-log");
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  /** Relative paths: the exporter resolves them against the config file's directory. */
  private static String tlsConfig(String password) {
    return """
        tls_server_config:
          cert_file: server.crt
          key_file: server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
        basic_auth_users:
          prometheus: '%s'
        http_server_config:
          headers:
            X-Content-Type-Options: nosniff
        """.formatted(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(6,
            password.toCharArray()));
  }

  private static String https(String path) {
    return "https://" + exporter.address + path;
  }

  /** curl with the client certificate: {@code -w} puts the status on the last line. */
  private static Processes.Result curl(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20",
        "--cacert", dir.resolve("ca.crt").toString(), "-D", "-", "-w", "\nstatus=%{http_code}"));
    argv.addAll(List.of(args));
    return Processes.run(dir, "curl", TIMEOUT, Map.of(), argv.toArray(String[]::new));
  }

  private static List<String> withClientCert(String... args) {
    List<String> argv = new ArrayList<>(List.of("--cert", dir.resolve("client.crt").toString(),
        "--key", dir.resolve("client.key").toString()));
    argv.addAll(List.of(args));
    return argv;
  }

  private static int status(Processes.Result r) {
    String out = r.stdout();
    return Integer.parseInt(out.substring(out.lastIndexOf("status=") + 7).strip());
  }

  @Test
  @Order(1)
  void rightPasswordAndClientCertificateGetMetrics() throws Exception {
    Processes.Result r = curl(withClientCert("-u", "prometheus:secret", https("/metrics"))
        .toArray(String[]::new));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(status(r)).isEqualTo(200);
    assertThat(r.stdout()).containsIgnoringCase("X-Content-Type-Options: nosniff")
        .contains("vigil_health_status{")
        .contains("\nvigil_web_config_last_reload_successful 1.0\n");
    assertThat(log).as("no log line beyond 'listening'").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/", "/-/healthy", "/nonexistent"})
  @Order(2)
  void wrongPasswordUnknownUserAndNoCredentialsGet401OnEveryPath(String path) throws Exception {
    for (List<String> credentials : List.of(List.of("-u", "prometheus:wrong"),
        List.of("-u", "root:secret"), List.<String>of())) {
      List<String> args = withClientCert(credentials.toArray(String[]::new));
      args.add(https(path));
      Processes.Result r = curl(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(status(r)).as(credentials.toString()).isEqualTo(401);
      assertThat(r.stdout()).containsIgnoringCase("WWW-Authenticate: Basic realm=\"vigil-exporter\"")
          .doesNotContain("vigil_");
    }
  }

  @Test
  @Order(3)
  void noClientCertificateNoHandshake() throws Exception {
    Processes.Result r = curl("-u", "prometheus:secret", https("/metrics"));
    assertThat(r.exitCode()).as("curl without a client certificate").isNotZero();
    assertThat(status(r)).isZero();
    // TLS 1.3 finishes the client's side of the handshake before the server checks the client's
    // Certificate message, so s_client gets as far as sending the request; no answer comes back.
    SClient s = sClient("-tls1_3");
    assertThat(s.exitCode()).isNotZero();
    assertThat(s.stdout()).doesNotContain("HTTP/1.1");
    s = sClient("-tls1_2");
    assertThat(s.exitCode()).isNotZero();
    assertThat(s.stdout()).doesNotContain("HTTP/1.1");
  }

  @Test
  @Order(4)
  void clientCertificateFromAnotherCaNoHandshake() throws Exception {
    Processes.Result r = curl("--cert", dir.resolve("stranger.crt").toString(), "--key",
        dir.resolve("stranger.key").toString(), "-u", "prometheus:secret", https("/metrics"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(status(r)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1", "-tls1_1"})
  @Order(5)
  void tlsBelow12IsRefused(String version) throws Exception {
    // SECLEVEL=0 makes OpenSSL 3 willing to offer TLS 1.0/1.1 at all: the refusal is the server's.
    SClient s = sClient(version, "-cipher", "DEFAULT@SECLEVEL=0", "-cert",
        dir.resolve("client.crt").toString(), "-key", dir.resolve("client.key").toString());
    assertThat(s.exitCode()).isNotZero();
    assertThat(s.stdout()).doesNotContain("HTTP/1.1");
    assertThat(s.stderr()).doesNotContain("Protocol version: TLSv1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  @Order(6)
  void tls12And13AreAccepted(String version) throws Exception {
    SClient s = sClient(version, "-cert", dir.resolve("client.crt").toString(), "-key",
        dir.resolve("client.key").toString());
    assertThat(s.stdout()).as(s.stderr()).startsWith("HTTP/1.1 200 OK").contains("\r\n\r\nOK\n");
    assertThat(s.stderr()).contains("Protocol version: TLSv1." + version.charAt(6));
  }

  @Test
  @Order(7)
  void aNewPasswordAppliesWithinTwoSecondsAndABrokenFileKeepsTheLastGoodOne() throws Exception {
    Path next = dir.resolve("web.yml.new");
    Files.writeString(next, tlsConfig("second"));
    Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertThat(waitForStatus("prometheus:second", 200)).isEqualTo(200);
    assertThat(status(curl(withClientCert("-u", "prometheus:secret", https("/metrics"))
        .toArray(String[]::new)))).isEqualTo(401);
    assertThat(log).containsExactly("vigil-exporter: --web.config.file " + config + " reloaded");

    Files.writeString(config, tlsConfig("third").replace(
        "client_ca_file: ca.crt", "client_ca_file: ca.crt\n  min_version: TLS11"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.size() < 2 && System.nanoTime() < deadline) {
      curl(withClientCert("-u", "prometheus:second", https("/-/healthy")).toArray(String[]::new));
      Thread.sleep(200);
    }
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo("vigil-exporter: --web.config.file reload failed, still"
        + " serving the previous configuration: " + config + ":6: tls_server_config.min_version:"
        + " TLS11 refused: vigil-exporter serves TLS 1.2 and 1.3 only");
    Processes.Result kept = curl(withClientCert("-u", "prometheus:second", https("/metrics"))
        .toArray(String[]::new));
    assertThat(status(kept)).isEqualTo(200);
    assertThat(kept.stdout()).as("the metric an alert reads")
        .contains("\nvigil_web_config_last_reload_successful 0.0\n");
    assertThat(status(curl(withClientCert("-u", "prometheus:third", https("/metrics"))
        .toArray(String[]::new)))).isEqualTo(401);
  }

  @Test
  @Order(8)
  void aBrokenFileIsFatalAtStartInOneLine() throws Exception {
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "tls_server_config:\n  cert_file: server.crt\n  key_file: ca.key\n");
    Processes.Result r = Processes.run(dir, "broken", TIMEOUT, Map.of(),
        RunningExporter.ROOT.resolve("packaging/bin/vigil-exporter").toString(),
        "--path.rootfs", TREE.toString(), "--web.listen-address", "127.0.0.1:0",
        "--web.config.file", broken.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("vigil-exporter: --web.config.file: " + dir.resolve("ca.key")
        + ": key_file does not match the certificate in " + dir.resolve("server.crt")
        + " (CN=127.0.0.1)\n");
  }

  @Test
  @Order(9)
  void basicAuthOverPlainHttpWithJavasClient() throws Exception {
    Path plain = dir.resolve("plain.yml");
    Files.writeString(plain, "basic_auth_users:\n  prometheus: '"
        + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(6, "pw".toCharArray()) + "'\n");
    try (RunningExporter http = new RunningExporter(dir, "plain", "--path.rootfs",
        TREE.toString(), "--web.config.file", plain.toString())) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create(http.metrics());
      HttpResponse<String> none = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .contains("Basic realm=\"vigil-exporter\"");
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              "prometheus:pw".getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("vigil_health_status{");
    }
  }

  private static int waitForStatus(String credentials, int wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int status;
    do {
      status = status(curl(withClientCert("-u", credentials, https("/metrics"))
          .toArray(String[]::new)));
      if (status == wanted) {
        break;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return status;
  }

  record SClient(int exitCode, String stdout, String stderr) {}

  /** {@code openssl s_client -brief} sending one authenticated GET /-/healthy. */
  private static SClient sClient(String... args) throws Exception {
    Path request = dir.resolve("request.txt");
    Files.writeString(request, "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
        + Base64.getEncoder().encodeToString("prometheus:secret".getBytes(StandardCharsets.UTF_8))
        + "\r\nConnection: close\r\n\r\n");
    List<String> argv = new ArrayList<>(List.of("openssl", "s_client", "-brief", "-ign_eof",
        "-connect", exporter.address, "-CAfile", dir.resolve("ca.crt").toString()));
    argv.addAll(List.of(args));
    Path out = dir.resolve("s_client.out");
    Path err = dir.resolve("s_client.err");
    Process p = new ProcessBuilder(argv).redirectInput(request.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("openssl s_client hung: " + argv);
    }
    return new SClient(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
