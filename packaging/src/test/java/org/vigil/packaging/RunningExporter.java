package org.vigil.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped vigil-exporter on 127.0.0.1 with a port the kernel picks, learned from its first
 * stderr line; stopped with its descendants on close.
 */
final class RunningExporter implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Pattern LISTENING =
      Pattern.compile("listening on (127\\.0\\.0\\.1:\\d+)/metrics");

  final Process process;
  /** host:port */
  final String address;
  private final BufferedReader stderr;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Starts {@code packaging/bin/vigil-exporter ARGS --web.listen-address 127.0.0.1:0}. */
  RunningExporter(Path logDir, String label, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of(ROOT.resolve("packaging/bin/vigil-exporter")
        .toString()));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--web.listen-address", "127.0.0.1:0"));
    process = new ProcessBuilder(argv)
        .redirectOutput(logDir.resolve(label + ".out").toFile())
        .start();
    stderr = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String line = stderr.readLine();
    Matcher m = line == null ? null : LISTENING.matcher(line);
    if (m == null || !m.find()) {
      close();
      throw new AssertionError("exporter " + label + ": first stderr line: " + line);
    }
    address = m.group(1);
  }

  String url(String path) {
    return "http://" + address + path;
  }

  String metrics() {
    return url("/metrics");
  }

  HttpResponse<String> get(String path, Duration timeout)
      throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The exporter's next log line (stderr); blocks until there is one. */
  String nextLogLine() throws IOException {
    return stderr.readLine();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
