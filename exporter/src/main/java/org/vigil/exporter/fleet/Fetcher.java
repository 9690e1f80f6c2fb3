package org.vigil.exporter.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;

/**
 * Scrapes every peer at once, each within {@code timeout} (connect, headers and body together):
 * a peer that does not answer in time is reported as such, never waited for, never skipped.
 */
public final class Fetcher {
  private final Duration timeout;

  public Fetcher(Duration timeout) {
    this.timeout = timeout;
  }

  public List<PeerScrape> scrape(List<Peer> peers) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    ExecutorService pool = Executors.newFixedThreadPool(peers.size(), r -> {
      Thread t = new Thread(r, "vigil-fleet-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PeerScrape>> futures = new ArrayList<>();
      for (Peer p : peers) {
        futures.add(pool.submit(() -> scrape(client, p)));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<PeerScrape> out = new ArrayList<>();
      for (int i = 0; i < peers.size(); i++) {
        Peer p = peers.get(i);
        try {
          out.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          futures.get(i).cancel(true);
          out.add(PeerScrape.failed(p, "no complete answer within " + seconds()));
        } catch (ExecutionException e) {
          out.add(PeerScrape.failed(p, String.valueOf(e.getCause())));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private PeerScrape scrape(HttpClient client, Peer peer) {
    HttpRequest request = HttpRequest.newBuilder(peer.url()).timeout(timeout)
        .header("Accept", "text/plain;version=0.0.4").GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          return PeerScrape.failed(peer, "HTTP " + response.statusCode() + " from " + peer.url());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/plain")) {
          return PeerScrape.failed(peer, "Content-Type '" + type + "' from " + peer.url()
              + " is not the Prometheus text format (text/plain; version=0.0.4)");
        }
        String text = BoundedInput.read(body, peer.url().toString(), BoundedInput.LIMIT);
        return PeerScrape.reached(peer, TextFormat.parse(text, peer.url().toString()));
      }
    } catch (HttpConnectTimeoutException e) {
      return PeerScrape.failed(peer, "connect to " + peer.authority() + " timed out after "
          + seconds());
    } catch (HttpTimeoutException e) {
      return PeerScrape.failed(peer, "no complete answer within " + seconds());
    } catch (ConnectException e) {
      return PeerScrape.failed(peer, "cannot connect to " + peer.authority() + ": "
          + (e.getMessage() == null ? "connection refused" : e.getMessage()));
    } catch (ParseException e) {
      return PeerScrape.failed(peer, "malformed scrape: " + e.getMessage());
    } catch (IOException e) {
      return PeerScrape.failed(peer, "cannot read " + peer.url() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PeerScrape.failed(peer, "interrupted");
    }
  }

  private String seconds() {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }
}
