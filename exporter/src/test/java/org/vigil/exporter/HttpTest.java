package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter as started from its command line, on 127.0.0.1 and an ephemeral port. */
class HttpTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  @Test
  void servesMetricsLandingPageAndHealth() throws Exception {
    ExporterMain main = start("degraded");
    try {
      String base = "http://127.0.0.1:" + main.server().port();
      HttpResponse<String> metrics = get(base + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body())
          .contains("vigil_scrape_collector_success{collector=\"drbd\",} 1.0\n")
          .contains("vigil_scrape_collector_success{collector=\"md\",} 1.0\n")
          .contains("vigil_drbd_connection_state{resource=\"drbd0\",peer=\"\","
              + "state=\"Connected\",} 1.0\n")
          .contains("vigil_health_status{subsystem=\"md\",object=\"md0\",} 1.0\n")
          .contains("vigil_build_info{version=\"" + ExporterMain.version() + "\",} 1.0\n")
          .doesNotContain("jvm_").doesNotContain("process_");
      assertThat(ExporterMain.version()).isNotEqualTo("unknown").doesNotContain("${");

      HttpResponse<byte[]> gzipped = CLIENT.send(HttpRequest.newBuilder(URI.create(base
          + "/metrics")).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      String unzipped = new String(new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(unzipped).contains("vigil_health_status{subsystem=\"md\",object=\"md0\",} 1.0\n");

      HttpResponse<String> landing = get(base + "/");
      assertThat(landing.statusCode()).isEqualTo(200);
      assertThat(landing.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(landing.body()).contains("<a href=\"/metrics\">")
          .contains("md <span class=\"state WARNING\">WARNING</span>")
          .contains("<span class=\"state WARNING\">WARNING</span> <span class=\"name\">md1")
          .contains("warning since ");

      HttpResponse<String> healthy = get(base + "/-/healthy");
      assertThat(healthy.statusCode()).isEqualTo(200);
      assertThat(healthy.body()).isEqualTo("OK\n");

      assertThat(get(base + "/metricsx").statusCode()).isEqualTo(404);
      assertThat(get(base + "/nope").statusCode()).isEqualTo(404);
    } finally {
      main.server().close();
    }
  }

  /** promtool's linter on the real HTTP output; skipped when promtool is not installed. */
  @Test
  void promtoolAcceptsTheScrape() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      System.out.println("SKIPPED promtoolAcceptsTheScrape: /usr/bin/promtool not installed"
          + " (apt-get install prometheus)");
      Assumptions.abort("promtool not installed");
    }
    ExporterMain main = start("degraded");
    String body;
    try {
      body = get("http://127.0.0.1:" + main.server().port() + "/metrics").body();
    } finally {
      main.server().close();
    }
    Path scrape = tmp.resolve("scrape.prom");
    Files.writeString(scrape, body);
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectInput(scrape.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check metrics said:\n" + out).isZero();
  }

  private static ExporterMain start(String scenario) {
    ExporterMain main = new ExporterMain(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    Path root = Roots.root(scenario);
    int code = main.commandLine().execute("--web.listen-address", "127.0.0.1:0",
        "--path.procfs", root.resolve("proc").toString(),
        "--path.sysfs", root.resolve("sys").toString());
    assertThat(code).isZero();
    return main;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
