package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their request slowly or never read the response hold one server thread
 * each; scrapes from everyone else must still be answered (with a fixed pool of 4 threads, 20
 * such clients stalled every scrape).
 */
class SlowClientTest {
  @Test
  void slowWritersAndReadersDoNotStallOtherScrapes() throws Exception {
    List<String> log = new ArrayList<>();
    try (ExporterServer server = ExporterServer.start(new InetSocketAddress("127.0.0.1", 0),
        "/metrics", Roots.scraper(Roots.sources("degraded"), log))) {
      List<Socket> slow = new ArrayList<>();
      try {
        byte[] request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
          Socket writer = new Socket("127.0.0.1", server.port());
          OutputStream out = writer.getOutputStream();
          out.write(request, 0, 12);   // "GET /metrics" and then nothing
          out.flush();
          slow.add(writer);
          Socket reader = new Socket();
          reader.setReceiveBufferSize(1024);
          reader.connect(new InetSocketAddress("127.0.0.1", server.port()));
          reader.getOutputStream().write(request);
          InputStream in = reader.getInputStream();
          assertThat(in.read()).isNotNegative();   // answered, then never read further
          slow.add(reader);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 5; i++) {
          // The timeout bounds a stall; it is not a performance assertion.
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
              .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.body()).contains("vigil_health_status{");
        }
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }
}
