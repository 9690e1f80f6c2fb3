package org.vigil.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil fleet-check} against exporters stood in for by HTTP servers on 127.0.0.1. */
class FleetCheckCommandTest {
  private final List<HttpServer> servers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    servers.forEach(s -> s.stop(0));
  }

  private String serve(int status, String type, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        0);
    server.createContext("/metrics", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Accepts, then never answers until the test ends. */
  private String hang() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/metrics", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static String drbd(String role, String state) {
    return "# TYPE vigil_drbd_role gauge\n"
        + "vigil_drbd_role{resource=\"r0\",role=\"Primary\",} " + (role.equals("Primary") ? 1 : 0)
        + ".0\nvigil_drbd_role{resource=\"r0\",role=\"Secondary\",} "
        + (role.equals("Secondary") ? 1 : 0) + ".0\n"
        + "vigil_drbd_connection_state{resource=\"r0\",peer=\"\",state=\"StandAlone\",} "
        + (state.equals("StandAlone") ? 1 : 0) + ".0\n"
        + "vigil_drbd_connection_state{resource=\"r0\",peer=\"\",state=\"Connected\",} "
        + (state.equals("Connected") ? 1 : 0) + ".0\n";
  }

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CommandLine cl = new CommandLine(new FleetCheckCommand(out));
    int exit = cl.execute(args);
    return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void twoExportersBothPrimaryStandAloneIsCritical() throws Exception {
    String a = serve(200, TEXT, drbd("Primary", "StandAlone"));
    String b = serve(200, TEXT, drbd("Primary", "StandAlone"));
    Run r = run("--peer", "node-a=" + a, "--peer", "node-b=" + b);
    assertThat(r.out()).startsWith("FLEET CRITICAL - r0: Primary on node-a and node-b (split"
        + " brain risk) | 'peers'=2;;;0 'peers_unreachable'=0;;;0 'drbd_resources'=1;;;0\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void everyPeerThatDoesNotAnswerIsNamedWithWhy() throws Exception {
    String good = serve(200, TEXT, drbd("Primary", "Connected"));
    String refused = closedPort();
    String hung = hang();
    String error = serve(503, TEXT, "busy");
    String html = serve(200, "text/html", "<html/>");
    String malformed = serve(200, TEXT, drbd("Secondary", "Connected") + "vigil_x{a=\"1\" 2\n");
    long start = System.nanoTime();
    Run r = run("--timeout", "2500ms", "--peer", "good=" + good, "--peer", "refused=" + refused,
        "--peer", "hung=" + hung, "--peer", "error=" + error, "--peer", "html=" + html,
        "--peer", "malformed=" + malformed);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).startsWith("FLEET UNKNOWN - ")
        .contains("[UNKNOWN] refused: " + refused + "/metrics did not answer - cannot connect to "
            + refused.substring("http://".length()))
        .contains("[UNKNOWN] hung: " + hung + "/metrics did not answer - no complete answer within 2500ms")
        .contains("[UNKNOWN] error: " + error + "/metrics did not answer - HTTP 503 from ")
        .contains("[UNKNOWN] html: " + html + "/metrics did not answer - Content-Type"
            + " 'text/html' from " + html + "/metrics is not the Prometheus text format")
        .contains("[UNKNOWN] malformed: " + malformed + "/metrics did not answer - malformed"
            + " scrape: " + malformed + "/metrics line 6: expected ',' or '}' after a label '2'")
        .contains("'peers'=6;;;0 'peers_unreachable'=5;;;0");
    // All at once, each bounded: not six timeouts in a row.
    assertThat(millis).as("fleet-check took %d ms", millis).isLessThan(10_000);
  }

  @Test
  void usageErrorsAreUnknownOnStdout() {
    assertThat(run("--peer", "http://a:1")).isEqualTo(new Run(3,
        "FLEET UNKNOWN - at least two --peer: one node has nothing to be compared with\n"));
    assertThat(run("--peer", "ftp://a", "--peer", "http://b").out())
        .startsWith("FLEET UNKNOWN - --peer ftp://a: expected an http:// or https:// URL");
    assertThat(run("--peer", "http://a:1", "--peer", "http://a:1/metrics").out())
        .isEqualTo("FLEET UNKNOWN - --peer http://a:1/metrics given twice\n");
    assertThat(run("--timeout", "5m", "--peer", "http://a", "--peer", "http://b").out())
        .isEqualTo("FLEET UNKNOWN - --timeout 5m: expected e.g. 5s or 500ms\n");
  }

  @TempDir Path tmp;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  @Test
  void aPasswordIsNeverSentOverPlainHttpUnlessAllowed() throws Exception {
    Path pw = file("pw", "secret\n");
    assertThat(run("--peer", "https://a:1", "--peer", "b=http://b:2", "--basic-auth.username",
        "icinga", "--basic-auth.password-file", pw.toString())).isEqualTo(new Run(3,
        "FLEET UNKNOWN - --basic-auth.username: refusing to send a password over plain http to"
            + " --peer http://b:2/metrics (use https://, or --basic-auth.allow-http to send it"
            + " in the clear)\n"));
    // Allowed: the peers are reached (here: nothing listens), with the credentials.
    String a = closedPort();
    String b = closedPort();
    Run allowed = run("--timeout", "2s", "--peer", a, "--peer", b, "--basic-auth.username",
        "icinga", "--basic-auth.password-file", pw.toString(), "--basic-auth.allow-http");
    assertThat(allowed.out()).startsWith("FLEET UNKNOWN - ").contains("cannot connect to ");
    assertThat(run("--peer", a, "--peer", b, "--basic-auth.allow-http").out()).isEqualTo(
        "FLEET UNKNOWN - --basic-auth.allow-http without --basic-auth.username: no credentials"
            + " to allow\n");
  }

  @Test
  void credentialsReachThePeerOnlyAsAnAuthorizationHeader() throws Exception {
    List<String> seen = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 0);
    server.createContext("/metrics", exchange -> {
      seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
      boolean ok = ("Basic " + Base64.getEncoder().encodeToString(
          "icinga:s3cr\u00e9t ".getBytes(StandardCharsets.UTF_8)))
          .equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = drbd("Secondary", "Connected").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", TEXT);
      exchange.sendResponseHeaders(ok ? 200 : 401, ok ? bytes.length : -1);
      if (ok) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      exchange.close();
    });
    server.start();
    servers.add(server);
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    String other = serve(200, TEXT, drbd("Primary", "Connected"));
    // One trailing newline is not part of the password; the trailing space is.
    Path right = file("right", "s3cr\u00e9t \n");
    Run r = run("--peer", "a=" + url, "--peer", "b=" + other, "--basic-auth.username", "icinga",
        "--basic-auth.password-file", right.toString(), "--basic-auth.allow-http");
    assertThat(r.exit()).as(r.out()).isZero();
    Path wrong = file("wrong", "s3cr\u00e9t\r\n");
    r = run("--peer", "a=" + url, "--peer", "b=" + other, "--basic-auth.username", "icinga",
        "--basic-auth.password-file", wrong.toString(), "--basic-auth.allow-http");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).startsWith("FLEET UNKNOWN - a: HTTP 401 from " + url + "/metrics:"
        + " credentials of --basic-auth.username icinga refused; ");
    r = run("--peer", "a=" + url, "--peer", "b=" + other);
    assertThat(r.out()).startsWith("FLEET UNKNOWN - a: HTTP 401 from " + url + "/metrics: the"
        + " exporter wants credentials (--basic-auth.username, --basic-auth.password-file); ");
    assertThat(seen).hasSize(3).last().isNull();
  }

  @Test
  void tlsAndBasicAuthOptionsAreCheckedBeforeAnyScrape() throws Exception {
    String[] https = {"--peer", "https://a:1", "--peer", "https://b:2"};
    Path pem = file("not-a-cert.pem", "hello\n");
    Path pw = file("pw", "x");
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--peer", "http://a:1", "--peer", "http://b:2", "--tls.ca-file",
        pem.toString()), "--tls.ca-file given but no --peer is https://");
    cases.put(List.of("--tls.cert-file", pem.toString()),
        "--tls.cert-file and --tls.key-file go together: the client certificate and its private"
            + " key");
    cases.put(List.of("--basic-auth.username", "icinga"), "--basic-auth.username and"
        + " --basic-auth.password-file go together (a password is never given on the command"
        + " line)");
    cases.put(List.of("--basic-auth.password-file", pw.toString()), "--basic-auth.username and"
        + " --basic-auth.password-file go together (a password is never given on the command"
        + " line)");
    cases.put(List.of("--basic-auth.username", "ic:inga", "--basic-auth.password-file",
        pw.toString()), "--basic-auth.username 'ic:inga': a user name is not empty and has no"
        + " ':' and no control characters");
    cases.put(List.of("--basic-auth.username", "icinga", "--basic-auth.password-file",
        tmp.resolve("missing").toString()), "--basic-auth.password-file "
        + tmp.resolve("missing") + ": no such file");
    cases.put(List.of("--basic-auth.username", "icinga", "--basic-auth.password-file",
        file("empty", "\n").toString()), "--basic-auth.password-file " + tmp.resolve("empty")
        + ": empty: no password");
    cases.put(List.of("--basic-auth.username", "icinga", "--basic-auth.password-file",
        file("two", "a\nb\n").toString()), "--basic-auth.password-file " + tmp.resolve("two")
        + ": more than one line; the file holds the password alone");
    cases.put(List.of("--basic-auth.username", "icinga", "--basic-auth.password-file",
        Files.write(tmp.resolve("latin1"), new byte[] {'p', (byte) 0xe9}).toString()),
        "--basic-auth.password-file " + tmp.resolve("latin1") + ": not UTF-8");
    cases.put(List.of("--basic-auth.username", "icinga", "--basic-auth.password-file",
        file("big", "x".repeat(5000)).toString()), "--basic-auth.password-file "
        + tmp.resolve("big") + ": larger than 4096 bytes: not a password file");
    cases.put(List.of("--tls.ca-file", pem.toString()),
        pem + ": --tls.ca-file holds no PEM CERTIFICATE block");
    cases.put(List.of("--tls.ca-file", tmp.resolve("nope.pem").toString()),
        tmp.resolve("nope.pem") + ": --tls.ca-file: no such file");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      List<String> argv = new ArrayList<>(c.getKey());
      if (!argv.contains("--peer")) {
        argv.addAll(List.of(https));
      }
      assertThat(run(argv.toArray(String[]::new))).as(c.getKey().toString())
          .isEqualTo(new Run(3, "FLEET UNKNOWN - " + c.getValue() + "\n"));
    }
  }
}
