package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One scrape: runs every enabled collector, keeps a failing collector's output out entirely,
 * merges families several collectors share ({@code vigil_health_status}) and adds the exporter's
 * own families.
 *
 * <p>Per collector: {@link Mode#OFF} never runs; {@link Mode#AUTO} (the default) runs only when
 * its source file exists, otherwise it is "absent" and reports nothing at all, like a subsystem
 * this node does not have; {@link Mode#ON} always runs, so an absent source is a failure. A
 * failure is {@code vigil_scrape_collector_success 0}, no other metric of that collector, and one
 * log line per distinct message.
 */
final class Scraper {
  static final String SUCCESS = "vigil_scrape_collector_success";
  static final String DURATION = "vigil_scrape_collector_duration_seconds";
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

  Scraper(List<Enabled> collectors, Sources sources, String version, Consumer<String> log) {
    this.collectors = List.copyOf(collectors);
    this.sources = sources;
    this.version = version;
    this.log = log;
  }

  List<MetricFamily> scrape() {
    Families own = new Families()
        .declare(BUILD_INFO, GAUGE, "Always 1; labelled with the version of vigil-exporter.")
        .declare(SUCCESS, GAUGE, "1 when the collector read and understood its sources on this"
            + " scrape, 0 when it failed; absent when its source does not exist on this node.")
        .declare(DURATION, GAUGE, "Time the collector took on this scrape, in seconds.");
    own.add(BUILD_INFO, Sample.of(1, "version", version));
    Map<String, MetricFamily> merged = new LinkedHashMap<>();
    for (Enabled e : collectors) {
      VigilCollector c = e.collector();
      if (e.mode() == Mode.OFF || (e.mode() == Mode.AUTO
          && !Files.exists(c.source(sources), LinkOption.NOFOLLOW_LINKS))) {
        continue;
      }
      long start = System.nanoTime();
      List<MetricFamily> families;
      boolean ok;
      try {
        families = c.collect(sources);
        ok = true;
      } catch (Exception | StackOverflowError ex) {
        families = List.of();
        ok = false;
        String message = "collector " + c.name() + " failed: " + describe(ex);
        if (logged.add(message)) {
          log.accept(message);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (MetricFamily family : families) {
        merged.merge(family.name(), family, MetricFamily::plus);
      }
      own.add(SUCCESS, Sample.of(ok ? 1 : 0, "collector", c.name()));
      own.add(DURATION, Sample.of(seconds, "collector", c.name()));
    }
    List<MetricFamily> result = new ArrayList<>(merged.values());
    result.addAll(own.build());
    return result;
  }

  private static String describe(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file";
    }
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }
}
