package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.COUNTER;
import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigil.core.ParseException;

/**
 * Reads every enabled collector and turns the reading into metric families.
 *
 * <p>Per collector: {@link Mode#OFF} never runs; {@link Mode#AUTO} (the default) runs only when
 * its subsystem is present, otherwise it is "absent" and reports nothing at all, like a subsystem
 * this node does not have; {@link Mode#ON} always runs, so an absent subsystem is a failure. A
 * failure is {@code vigil_scrape_collector_success 0}, no other metric of that collector, and one
 * log line per distinct message.
 *
 * <p>Collectors run in parallel, each within {@link Sources#commandTimeout()}, so one scrape takes
 * about the slowest collector's time. Concurrent callers share one in-flight reading: several
 * Prometheus servers scraping at once do not multiply the tool calls.
 */
final class Scraper implements AutoCloseable {
  static final String SUCCESS = "vigil_scrape_collector_success";
  static final String DURATION = "vigil_scrape_collector_duration_seconds";
  static final String PARSE_ERRORS = "vigil_parse_errors_total";
  static final String BUILD_INFO = "vigil_build_info";

  /** Whether a collector runs. */
  enum Mode {
    AUTO,
    ON,
    OFF
  }

  record Enabled(VigilCollector collector, Mode mode) {}

  private final List<Enabled> collectors;
  private final Sources sources;
  private final String version;
  private final Consumer<String> log;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> parseErrors = new LinkedHashMap<>();
  private final ExecutorService pool;
  private final SingleFlight<Scrape> reading = new SingleFlight<>(this::readNow);

  Scraper(List<Enabled> collectors, Sources sources, String version, Consumer<String> log) {
    this.collectors = List.copyOf(collectors);
    this.sources = sources;
    this.version = version;
    this.log = log;
    for (Enabled e : this.collectors) {
      if (e.mode() != Mode.OFF) {
        parseErrors.put(e.collector().name(), new AtomicLong());
      }
    }
    // A thread per collector that runs: turned-off ones are answered on the caller's thread.
    int running = (int) this.collectors.stream().filter(e -> e.mode() != Mode.OFF).count();
    this.pool = Executors.newFixedThreadPool(Math.max(1, running), r -> {
      Thread t = new Thread(r, "vigil-collector");
      t.setDaemon(true);
      return t;
    });
  }

  Sources sources() {
    return sources;
  }

  /** A fresh reading, or the one already in flight. */
  Scrape read() {
    return reading.get();
  }

  /** A fresh reading rendered as metric families: what one request of /metrics serves. */
  List<MetricFamily> scrape() {
    return families(read());
  }

  private Scrape readNow() {
    Instant at = Instant.now();
    List<CompletableFuture<Scrape.Outcome>> running = new ArrayList<>();
    for (Enabled e : collectors) {
      running.add(e.mode() == Mode.OFF
          ? CompletableFuture.completedFuture(run(e))
          : CompletableFuture.supplyAsync(() -> run(e), pool));
    }
    return new Scrape(at, running.stream().map(CompletableFuture::join).toList());
  }

  private Scrape.Outcome run(Enabled e) {
    VigilCollector c = e.collector();
    String lookedAt = c.lookedAt(sources);
    if (e.mode() == Mode.OFF) {
      return new Scrape.Outcome(c.name(), lookedAt, Scrape.Status.DISABLED, Optional.empty(),
          Optional.empty(), Duration.ZERO);
    }
    long start = System.nanoTime();
    try {
      if (e.mode() == Mode.AUTO && !c.present(sources)) {
        return new Scrape.Outcome(c.name(), lookedAt, Scrape.Status.ABSENT, Optional.empty(),
            Optional.empty(), Duration.ZERO);
      }
      Collected collected = c.collect(sources);
      return new Scrape.Outcome(c.name(), lookedAt, Scrape.Status.COLLECTED,
          Optional.of(collected), Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
    } catch (Exception | StackOverflowError ex) {
      if (ex instanceof ParseException) {
        parseErrors.get(c.name()).incrementAndGet();
      }
      String message = describe(ex);
      if (logged.add(c.name() + message)) {
        log.accept("collector " + c.name() + " failed: " + message);
      }
      return new Scrape.Outcome(c.name(), lookedAt, Scrape.Status.FAILED, Optional.empty(),
          Optional.of(message), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** The metric families of a reading, with the exporter's own families last. */
  List<MetricFamily> families(Scrape scrape) {
    Families own = new Families()
        .declare(BUILD_INFO, GAUGE, "Always 1; labelled with the version of vigil-exporter.")
        .declare(SUCCESS, GAUGE, "1 when the collector read and understood its sources on this"
            + " scrape, 0 when it failed; absent when its subsystem is not set up on this node.")
        .declare(DURATION, GAUGE, "Time the collector took on this scrape, in seconds.")
        .declare(PARSE_ERRORS, COUNTER, "Scrapes on which the collector's input could not be"
            + " parsed, since the exporter started.");
    own.add(BUILD_INFO, Sample.of(1, "version", version));
    Families health = new Families();
    Map<String, MetricFamily> merged = new LinkedHashMap<>();
    for (Scrape.Outcome o : scrape.outcomes()) {
      if (o.status() == Scrape.Status.COLLECTED) {
        for (MetricFamily family : o.collection().orElseThrow().families()) {
          merged.merge(family.name(), family, MetricFamily::plus);
        }
        Health.add(health, o.collector(), o.subchecks());
      }
      if (o.status() == Scrape.Status.COLLECTED || o.status() == Scrape.Status.FAILED) {
        own.add(SUCCESS, Sample.of(o.status() == Scrape.Status.COLLECTED ? 1 : 0,
            "collector", o.collector()));
        own.add(DURATION, Sample.of(o.took().toNanos() / 1e9, "collector", o.collector()));
        own.add(PARSE_ERRORS, Sample.of(parseErrors.get(o.collector()).get(),
            "collector", o.collector()));
      }
    }
    List<MetricFamily> result = new ArrayList<>(merged.values());
    result.addAll(health.build());
    result.addAll(own.build());
    return result;
  }

  static String describe(Throwable ex) {
    if (ex instanceof NoSuchFileException n) {
      return n.getFile() + ": no such file";
    }
    if (ex instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
