package org.vigil.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.vigil.exporter.web.LiveTls;
import org.vigil.exporter.web.LiveWebConfig;

/**
 * The HTTP side on the JDK's server: the telemetry path (text format 0.0.4, gzip when asked, one
 * rendering per reading shared by concurrent scrapes: {@link Exposition}), the status page at
 * {@code /} ({@link StatusPage}) and {@code /-/healthy}; with a {@code --web.config.file}, HTTPS
 * and basic authentication on all of them ({@link LiveWebConfig}).
 */
final class ExporterServer implements AutoCloseable {
  private static final int WRITE_CHUNK = 16 * 1024;
  /** Enough for Prometheus servers scraping at once; slow clients get threads of their own. */
  private static final int CORE_THREADS = 4;
  static final int MAX_THREADS = 64;

  private final HttpServer http;
  private final ExecutorService executor;
  private final Scraper scraper;

  private ExporterServer(HttpServer http, ExecutorService executor, Scraper scraper) {
    this.http = http;
    this.executor = executor;
    this.scraper = scraper;
  }

  static ExporterServer start(InetSocketAddress address, String telemetryPath, Scraper scraper)
      throws IOException {
    return start(address, telemetryPath, scraper, Optional.empty());
  }

  static ExporterServer start(InetSocketAddress address, String telemetryPath, Scraper scraper,
      Optional<LiveWebConfig> web) throws IOException {
    if (!telemetryPath.startsWith("/") || telemetryPath.equals("/")
        || telemetryPath.equals("/-/healthy")) {
      throw new IllegalArgumentException(
          "--web.telemetry-path must start with / and differ from / and /-/healthy");
    }
    Exposition exposition = new Exposition(scraper, web.isPresent()
        ? () -> WebConfigMetrics.families(web.get().reloadState()) : List::of);
    HttpHandler metrics = ex -> {
      Exposition.Rendered rendered = exposition.current();
      String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
      boolean gzip = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
      byte[] body = gzip ? rendered.gzipped() : rendered.plain();
      ex.getResponseHeaders().set("Content-Type", PrometheusAdapter.CONTENT_TYPE);
      if (gzip) {
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      send(ex, 200, body, gzip ? body.length : rendered.length());
    };
    HttpServer http;
    if (web.isPresent() && web.get().tls()) {
      HttpsServer https = HttpsServer.create(address, 16);
      https.setHttpsConfigurator(LiveTls.configurator(web.get()));
      http = https;
    } else {
      http = HttpServer.create(address, 16);
    }
    UnaryOperator<HttpHandler> guard = web.isPresent() ? web.get()::guard : h -> h;
    http.createContext(telemetryPath, guard.apply(exact(telemetryPath, metrics)));
    http.createContext("/-/healthy", guard.apply(exact("/-/healthy",
        ex -> respond(ex, 200, "text/plain; charset=utf-8", "OK\n"))));
    StateHistory history = new StateHistory();
    String hostname = scraper.sources().hostname();
    http.createContext("/", guard.apply(exact("/", ex -> {
      Scrape scrape = scraper.read();
      respond(ex, 200, "text/html; charset=utf-8",
          StatusPage.render(scrape, history.update(scrape), hostname, telemetryPath));
    })));
    ExecutorService executor = HttpWorkers.create(CORE_THREADS, MAX_THREADS,
        Duration.ofSeconds(30));
    http.setExecutor(executor);
    http.start();
    return new ExporterServer(http, executor, scraper);
  }

  /** The JDK server matches context paths by prefix; everything but the exact path is 404. */
  private static HttpHandler exact(String path, HttpHandler handler) {
    return ex -> {
      if (ex.getRequestURI().getPath().equals(path)) {
        handler.handle(ex);
      } else {
        respond(ex, 404, "text/plain; charset=utf-8", "Not Found\n");
      }
    };
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    send(ex, status, bytes, bytes.length);
  }

  /** Sends the first {@code length} bytes of {@code bytes}. */
  private static void send(HttpExchange ex, int status, byte[] bytes, int length)
      throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        // The JDK server keeps, per keep-alive connection, a buffer as large as the largest
        // single write: whole-body writes made 50 connections hold 50 copies of a 650 KB scrape.
        for (int off = 0; off < length; off += WRITE_CHUNK) {
          out.write(bytes, off, Math.min(WRITE_CHUNK, length - off));
        }
      }
    }
  }

  int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    scraper.close();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
