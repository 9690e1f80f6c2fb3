package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.core.Finding;
import org.vigil.core.Subcheck;

/** The status page at {@code /}: verdicts in words, escaped names, since-when, no assets. */
class StatusPageTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static Scrape scrape(Instant at, Finding drbd0) {
    Collected drbd = new Collected(List.of(), List.of(
        new Subcheck("drbd0", "Connected Primary/Secondary UpToDate/DUnknown", List.of(drbd0),
            List.of(), List.of()),
        new Subcheck("<script>alert(1)</script>&\"'", "summary <b>", List.of(), List.of(),
            List.of())));
    return new Scrape(at, List.of(
        new Scrape.Outcome("drbd", "/proc/drbd", Scrape.Status.COLLECTED, Optional.of(drbd),
            Optional.empty(), Duration.ZERO),
        new Scrape.Outcome("md", "/proc/mdstat", Scrape.Status.ABSENT, Optional.empty(),
            Optional.empty(), Duration.ZERO),
        new Scrape.Outcome("pacemaker", "crm_mon", Scrape.Status.FAILED, Optional.empty(),
            Optional.of("crm_mon: <timeout> after 5 s"), Duration.ZERO)));
  }

  @Test
  void everyVerdictIsWrittenOutEscapedAndLinked() {
    StateHistory history = new StateHistory();
    Scrape s = scrape(T0, Finding.critical("peer disk DUnknown while Connected"));
    String page = StatusPage.render(s, history.update(s), "ha-<node>", "/metrics");

    assertThat(page).startsWith("<!DOCTYPE html>")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<title>CRITICAL - Vigil - ha-&lt;node&gt;</title>")
        .contains("<span class=\"state CRITICAL\">CRITICAL</span> <span class=\"name\">drbd0"
            + "</span>")
        .contains("&mdash; peer disk DUnknown while Connected")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;")
        .contains("summary &lt;b&gt;")
        .contains("md <span class=\"absent\">not set up here (looked at /proc/mdstat)")
        .contains("pacemaker <span class=\"state UNKNOWN\">UNKNOWN</span></h2>\n"
            + "<p>Could not read it: crm_mon: &lt;timeout&gt; after 5 s</p>")
        .contains("critical since 2026-11-25 10:00:00 UTC")
        .contains("<a href=\"/metrics\">Metrics</a>")
        .doesNotContain("<script>").doesNotContain("src=").doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void sinceKeepsTheTimeOfTheLastChangeOfState() {
    StateHistory history = new StateHistory();
    history.update(scrape(T0, Finding.critical("x")));
    Instant t1 = T0.plusSeconds(60);
    Instant t2 = T0.plusSeconds(120);
    assertThat(history.update(scrape(t1, Finding.critical("x")))).containsEntry("drbd drbd0", T0);
    Map<String, Instant> since = history.update(scrape(t2, Finding.warning("y")));
    assertThat(since).containsEntry("drbd drbd0", t2);
    assertThat(new ArrayList<>(since.keySet())).hasSize(2);
  }

  @Test
  void escapesEverythingThatCouldLeaveTextOrAttribute() {
    assertThat(StatusPage.html("<a href='x' onclick=\"y\">&\u0000\u001b"))
        .isEqualTo("&lt;a href=&#39;x&#39; onclick=&quot;y&quot;&gt;&amp;  ");
  }
}
