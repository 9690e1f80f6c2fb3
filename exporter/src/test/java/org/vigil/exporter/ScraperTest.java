package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure as data: a failing collector reports 0 and nothing else; the others still report. */
class ScraperTest {
  @TempDir Path tmp;

  @Test
  void parseFailureIsSuccessZeroWithoutPartialMetricsAndOtherCollectorsStillReport() {
    List<String> log = new ArrayList<>();
    Scraper scraper = Roots.scraper(Roots.sources("broken-drbd"), log);
    String text = PrometheusAdapter.text(scraper.scrape());

    assertThat(text).contains("vigil_scrape_collector_success{collector=\"drbd\",} 0.0\n");
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"md\",} 1.0\n");
    assertThat(text).contains("vigil_scrape_collector_duration_seconds{collector=\"drbd\",}");
    assertThat(text).doesNotContain("vigil_drbd_").doesNotContain("subsystem=\"drbd\"");
    assertThat(text).contains("vigil_md_members{array=\"md0\",} 2.0\n")
        .contains("vigil_health_status{subsystem=\"md\",object=\"md1\",} 0.0\n")
        .contains("vigil_build_info{version=\"test\",} 1.0\n");
    assertThat(log).singleElement().asString()
        .startsWith("collector drbd failed: ").contains("drbd line 6");

    scraper.scrape();
    assertThat(log).as("one log line per distinct message").hasSize(1);
  }

  @Test
  void absentSourceIsNotRunAndReportsNothing() {
    Sources empty = Sources.underRoot(tmp);
    List<String> log = new ArrayList<>();
    String text = PrometheusAdapter.text(Roots.scraper(empty, log).scrape());
    assertThat(text).doesNotContain("collector=").doesNotContain("vigil_health_status")
        .contains("vigil_build_info");
    assertThat(log).isEmpty();
  }

  @Test
  void forcedOnCollectorWithAbsentSourceFailsAndOffCollectorNeverRuns() {
    Sources empty = Sources.underRoot(tmp);
    List<String> log = new ArrayList<>();
    Scraper scraper = new Scraper(List.of(
        new Scraper.Enabled(new DrbdCollector(), Scraper.Mode.ON),
        new Scraper.Enabled(new MdCollector(), Scraper.Mode.OFF)), empty, "test", log::add);
    String text = PrometheusAdapter.text(scraper.scrape());
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"drbd\",} 0.0\n")
        .doesNotContain("collector=\"md\"");
    assertThat(log).singleElement().asString().contains("drbd: no such file");
  }

  @Test
  void failingDrbdsetupFailsOnlyTheDrbdCollector() {
    List<String> log = new ArrayList<>();
    Sources sources = Roots.sources("drbd9")
        .withTool(Tool.DRBDSETUP, Roots.root("drbd9").resolve("no-drbdsetup"));
    String text = PrometheusAdapter.text(Roots.scraper(sources, log).scrape());
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"drbd\",} 0.0\n")
        .doesNotContain("vigil_drbd_");
    assertThat(log).singleElement().asString()
        .contains("DRBD 9 detected").contains("no-drbdsetup");
  }

  @Test
  void healthStatusOfBothSubsystemsIsOneFamily() {
    String text = PrometheusAdapter.text(
        Roots.scraper(Roots.sources("degraded"), new ArrayList<>()).scrape());
    assertThat(text.split("# TYPE vigil_health_status gauge", -1)).hasSize(2);
    assertThat(text).contains("vigil_health_status{subsystem=\"drbd\",object=\"drbd0\",} 1.0")
        .contains("vigil_health_status{subsystem=\"md\",object=\"md1\",} 1.0");
  }
}
