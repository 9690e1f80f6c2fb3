package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent scrapes share one in-flight reading; the next scrape reads afresh. */
class SingleFlightTest {
  @TempDir Path tmp;

  /** A collector that counts its runs and holds each until released. */
  static final class Gate implements VigilCollector {
    final AtomicInteger runs = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String name() {
      return "gate";
    }

    @Override
    public String lookedAt(Sources sources) {
      return "a latch";
    }

    @Override
    public boolean present(Sources sources) {
      return true;
    }

    @Override
    public Collected collect(Sources sources) throws Exception {
      runs.incrementAndGet();
      entered.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      return new Collected(List.of(), List.of());
    }
  }

  @Test
  void scrapesArrivingWhileOneIsInFlightShareItsResult() throws Exception {
    Gate gate = new Gate();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try (Scraper scraper = new Scraper(List.of(new Scraper.Enabled(gate, Scraper.Mode.AUTO)),
        Sources.underRoot(tmp), "test", line -> { })) {
      List<Future<Scrape>> scrapes = new ArrayList<>();
      scrapes.add(clients.submit(scraper::read));
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 7; i++) {
        scrapes.add(clients.submit(scraper::read));
      }
      Thread.sleep(200); // let the seven block on the reading in flight
      gate.release.countDown();
      Scrape first = scrapes.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Scrape> f : scrapes) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(gate.runs).hasValue(1);

      scraper.read();
      assertThat(gate.runs).as("a later scrape reads again").hasValue(2);
    } finally {
      clients.shutdownNow();
    }
  }
}
