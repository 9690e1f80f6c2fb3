package org.vigil.exporter.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;

/**
 * Scrapes every peer at once, each within {@code timeout} (connect, headers and body together):
 * a peer that does not answer in time is reported as such, never waited for, never skipped.
 */
public final class Fetcher {
  private final Duration timeout;
  private final ScrapeAuth auth;

  public Fetcher(Duration timeout) {
    this(timeout, ScrapeAuth.none());
  }

  /** {@code auth}'s credentials go to every peer: the caller has refused plain http for them. */
  public Fetcher(Duration timeout, ScrapeAuth auth) {
    this.timeout = timeout;
    this.auth = auth;
  }

  public List<PeerScrape> scrape(List<Peer> peers) throws InterruptedException {
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    auth.context().ifPresent(c -> builder.sslContext(c).sslParameters(auth.parameters()));
    HttpClient client = builder.build();
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
    HttpRequest.Builder builder = HttpRequest.newBuilder(peer.url()).timeout(timeout)
        .header("Accept", "text/plain;version=0.0.4").GET();
    auth.authorization().ifPresent(a -> builder.header("Authorization", a));
    HttpRequest request = builder.build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() == 401) {
          return PeerScrape.failed(peer, "HTTP 401 from " + peer.url() + ": " + auth.username()
              .map(u -> "credentials of --basic-auth.username " + u + " refused")
              .orElse("the exporter wants credentials (--basic-auth.username,"
                  + " --basic-auth.password-file)"));
        }
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
      Optional<SSLException> tls = tlsFailure(e);
      if (tls.isPresent()) {
        return PeerScrape.failed(peer, "TLS with " + peer.authority() + " failed: "
            + tlsReason(tls.get(), peer));
      }
      if (peer.url().getScheme().equals("https") && closedUnanswered(e)) {
        // TLS 1.3: the client's side of the handshake is done before the server reads its
        // certificate, so a refused certificate is a connection closed without an alert we see.
        return PeerScrape.failed(peer, "TLS with " + peer.authority() + ": closed without an"
            + " answer, as an exporter does that refuses the client certificate"
            + (auth.hasClientCertificate() ? " sent (--tls.cert-file)"
                : " (none sent: --tls.cert-file, --tls.key-file)"));
      }
      return PeerScrape.failed(peer, "cannot read " + peer.url() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PeerScrape.failed(peer, "interrupted");
    }
  }

  private static Optional<SSLException> tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return Optional.of(ssl);
      }
    }
    return Optional.empty();
  }

  /**
   * One line saying which side refused: the JDK's messages are precise but buried in a chain
   * of exceptions, some prefixed with internal class names.
   */
  private String tlsReason(SSLException e, Peer peer) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return "its certificate is not trusted by " + auth.trust() + " (" + line(t) + ")";
      }
      if (t instanceof CertificateException c && (line(c).startsWith("No name matching")
          || line(c).contains("subject alternative"))) {
        return "its certificate does not name " + peer.url().getHost() + " (" + line(c) + ")";
      }
    }
    String message = line(e);
    if (message.contains("bad_certificate") || message.contains("certificate_required")
        || message.contains("unknown_ca")) {
      return "it refused the client certificate"
          + (auth.hasClientCertificate() ? "" : " (none sent: --tls.cert-file, --tls.key-file)")
          + " (" + message + ")";
    }
    return message;
  }

  private static boolean closedUnanswered(IOException e) {
    String m = String.valueOf(e.getMessage());
    return e instanceof java.io.EOFException || m.contains("received no bytes")
        || m.contains("Connection reset");
  }

  private static String line(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int internal = m.lastIndexOf("Exception: ");
    if (internal >= 0) {
      m = m.substring(internal + "Exception: ".length());
    }
    return m.replaceAll("\\s+", " ").strip();
  }

  private String seconds() {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }
}
