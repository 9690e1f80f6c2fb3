package org.vigil.exporter.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code --peer [NAME=]URL}: a vigil-exporter's metrics URL, and optionally the node's name.
 * A URL without a path gets {@code /metrics}. The name is what the output calls the node when its
 * exporter does not say (no Pacemaker); when the exporter does say, the two must agree.
 *
 * @param name the node's name as given, if any
 * @param url the metrics URL
 */
public record Peer(Optional<String> name, URI url) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Parses {@code [NAME=]URL}; a message for the user when it is neither. */
  public static Peer parse(String spec) {
    Optional<String> name = Optional.empty();
    String url = spec;
    int eq = spec.indexOf('=');
    int scheme = spec.indexOf("://");
    if (eq > 0 && (scheme < 0 || eq < scheme)) {
      name = Optional.of(spec.substring(0, eq));
      url = spec.substring(eq + 1);
      if (!NAME.matcher(name.get()).matches()) {
        throw new IllegalArgumentException("--peer " + spec + ": '" + name.get()
            + "' is no node name (letters, digits, '.', '_', '-')");
      }
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--peer " + spec + ": not a URL: " + e.getMessage());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("--peer " + spec
          + ": expected an http:// or https:// URL with a host, e.g. http://node-a:10923/metrics");
    }
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      uri = uri.resolve("/metrics");
    }
    return new Peer(name, uri);
  }

  /** host:port, for output when nothing better names the node. */
  public String authority() {
    return url.getRawAuthority();
  }

  @Override
  public String toString() {
    return name.map(n -> n + "=").orElse("") + url;
  }
}
