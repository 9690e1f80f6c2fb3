package org.vigil.exporter.fleet;

import java.util.List;
import java.util.Optional;

/**
 * What one peer answered: its samples, or why there are none (unreachable, timed out, an HTTP
 * error, not the text format, a malformed line).
 *
 * @param peer the peer
 * @param samples the samples, when the scrape succeeded
 * @param failure why it did not, otherwise
 */
public record PeerScrape(Peer peer, List<ExposedSample> samples, Optional<String> failure) {
  public PeerScrape {
    samples = List.copyOf(samples);
    if (failure.isPresent() && !samples.isEmpty()) {
      throw new IllegalArgumentException("a failed scrape has no samples");
    }
  }

  public static PeerScrape reached(Peer peer, List<ExposedSample> samples) {
    return new PeerScrape(peer, samples, Optional.empty());
  }

  public static PeerScrape failed(Peer peer, String why) {
    return new PeerScrape(peer, List.of(), Optional.of(why));
  }

  public boolean reached() {
    return failure.isEmpty();
  }
}
