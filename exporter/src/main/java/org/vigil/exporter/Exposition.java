package org.vigil.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The exposition text of a fresh reading, read and rendered once for all scrapes that arrive
 * while it is in flight ({@link SingleFlight}): N concurrent Prometheus servers cost one reading
 * and one rendering, not N. Nothing of a reading is kept once its scrapes are answered.
 */
final class Exposition {
  /** One reading's text as UTF-8, plain and (on first demand) gzipped. */
  static final class Rendered {
    private final byte[] plain;
    private final int length;
    private byte[] gzipped;

    Rendered(byte[] plain, int length) {
      this.plain = plain;
      this.length = length;
    }

    /** The array holding the plain text: its first {@link #length()} bytes. */
    byte[] plain() {
      return plain;
    }

    int length() {
      return length;
    }

    synchronized byte[] gzipped() {
      if (gzipped == null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(plain, 0, length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        gzipped = out.toByteArray();
      }
      return gzipped;
    }
  }

  private final Scraper scraper;
  /** Families of the exporter itself beyond the scraper's (the web configuration's state). */
  private final Supplier<List<MetricFamily>> server;
  private final SingleFlight<Rendered> rendering = new SingleFlight<>(this::renderNow);
  /** The length of the last rendering: the next one's buffer is sized from it. */
  private volatile int lastLength;

  Exposition(Scraper scraper, Supplier<List<MetricFamily>> server) {
    this.scraper = scraper;
    this.server = server;
  }

  /** A fresh reading, or the one in flight, rendered. */
  Rendered current() {
    return rendering.get();
  }

  private Rendered renderNow() {
    List<MetricFamily> families = new ArrayList<>(scraper.families(scraper.read()));
    families.addAll(server.get());
    TextRenderer.Text text = TextRenderer.render(families, lastLength);
    lastLength = text.length();
    return new Rendered(text.bytes(), text.length());
  }
}
