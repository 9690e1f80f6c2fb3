package org.vigil.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * The exposition text of the latest reading, rendered once per reading: scrapes that share a
 * reading in flight (see {@link Scraper#read()}) also share its rendering and its gzip, so N
 * concurrent Prometheus servers cost one read and one rendering, not N.
 */
final class Exposition {
  /** One reading's text, plain and (on first demand) gzipped. */
  static final class Rendered {
    private final byte[] plain;
    private byte[] gzipped;

    Rendered(byte[] plain) {
      this.plain = plain;
    }

    byte[] plain() {
      return plain;
    }

    synchronized byte[] gzipped() {
      if (gzipped == null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(plain);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        gzipped = out.toByteArray();
      }
      return gzipped;
    }
  }

  private final Scraper scraper;
  private Scrape lastScrape;
  private Rendered lastRendered;

  Exposition(Scraper scraper) {
    this.scraper = scraper;
  }

  /** A fresh reading (or the one in flight), rendered. */
  Rendered current() {
    Scrape scrape = scraper.read();
    synchronized (this) {
      if (scrape != lastScrape) {
        lastRendered = new Rendered(PrometheusAdapter.text(scraper.families(scrape))
            .getBytes(StandardCharsets.UTF_8));
        lastScrape = scrape;
      }
      return lastRendered;
    }
  }
}
