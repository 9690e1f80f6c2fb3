package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.pacemaker.Role;
import org.vigil.cluster.policy.CorosyncPolicy;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.ParseException;
import org.vigil.core.Subcheck;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * The pacemaker and corosync collectors on the fixture tree roots/cluster (stand-ins for crm_mon,
 * corosync-quorumtool and corosync-cfgtool printing real captures), on every crm_mon and corosync
 * fixture, and with broken, missing and hanging tools.
 */
class ClusterCollectorsTest {
  private static final Path CAPTURES = Roots.root("cluster").resolve("captures");

  @TempDir Path tmp;

  // ------------------------------------------------------------------ the fixture tree

  @Test
  void scrapeOfClusterTreeMatchesGolden() throws Exception {
    List<String> log = new ArrayList<>();
    String text;
    try (Scraper scraper = Roots.scraper(Roots.sources("cluster"), log)) {
      text = Roots.stableText(scraper.scrape());
    }
    assertThat(log).isEmpty();
    Path file = Roots.GOLDEN.resolve("cluster.prom");
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }
    assertThat(text).isEqualTo(Files.readString(file));
  }

  @Test
  void healthStatusIsWhatCheckClustersPoliciesSayOnTheSameCaptures() throws Exception {
    CrmMon crm = CrmMonXmlParser.parse(capture("crm_mon-output-as-xml.out"), "crm_mon");
    Quorumtool quorum = QuorumtoolParser.parse(capture("corosync-quorumtool-s.out"), "q");
    Cfgtool links = CfgtoolParser.parse(capture("corosync-cfgtool-s.out"), "c");
    List<MetricFamily> families;
    try (Scraper scraper = Roots.scraper(Roots.sources("cluster"), new ArrayList<>())) {
      families = scraper.scrape();
    }

    Map<String, Double> pacemaker =
        verdicts(PacemakerPolicy.evaluate(crm, PacemakerPolicyOptions.defaults()));
    Map<String, Double> corosync =
        verdicts(CorosyncPolicy.evaluate(Optional.of(quorum), Optional.of(links)));
    assertThat(health(families, "pacemaker")).containsExactlyEntriesOf(pacemaker);
    assertThat(health(families, "corosync")).containsExactlyEntriesOf(corosync);
    // What the captures hold, so that the comparison above is not between two empty maps.
    assertThat(pacemaker).containsEntry("cluster", 1.0).containsEntry("node pcmk-4", 1.0)
        .containsEntry("resource rsc_pcmk-2", 2.0);
    assertThat(corosync).containsEntry("quorum", 0.0).containsEntry("ring 0", 1.0)
        .containsEntry("ring 1", 0.0);
  }

  // ------------------------------------------------------------------ every fixture

  @Test
  void roleIsACompleteStateSetPerResourceAndNodeOnEveryCrmMonFixture() throws Exception {
    int views = 0;
    for (CrmMon crm : crmMonFixtures()) {
      List<MetricFamily> families = PacemakerCollector.map(crm, "", "").families();
      assertNoDuplicateSeries(families);
      Map<List<String>, List<Sample>> byKey =
          StateSetTest.byKey(families, PacemakerCollector.RESOURCE_ROLE, "role");
      int primitives = crm.resources().stream().mapToInt(r -> r.primitives().size()).sum();
      if (primitives > 0 && crm.summary().isPresent()) {
        assertThat(byKey).isNotEmpty();
        views++;
      }
      byKey.forEach((key, samples) -> {
        assertThat(samples.stream().map(s -> s.label("role")).toList()).as(key.toString())
            .containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Role.values()).map(Role::token).toList());
        assertThat(samples.stream().filter(s -> s.value() == 1).count()).as(key.toString())
            .isEqualTo(1);
        assertThat(samples).as(key.toString()).allMatch(s -> s.value() == 0 || s.value() == 1);
      });
    }
    assertThat(views).as("fixtures with resources").isGreaterThan(20);
  }

  @Test
  void clonesGroupsAndBundlesFlattenToPrimitiveAndNode() throws Exception {
    List<MetricFamily> families = PacemakerCollector.map(crmMon(
        "3.0.2-cts-basic-bundle-replica-stopped.crm_mon.xml"), "", "").families();
    Map<List<String>, String> roles = new LinkedHashMap<>();
    StateSetTest.byKey(families, PacemakerCollector.RESOURCE_ROLE, "role").forEach((key, samples) ->
        roles.put(key, samples.stream().filter(s -> s.value() == 1).findFirst().orElseThrow()
            .label("role")));

    // A promotable clone: one series set per node it runs on, one for its stopped instances.
    assertThat(roles).containsEntry(key("promotable-rsc", "cluster02"), "Promoted")
        .containsEntry(key("promotable-rsc", "cluster01"), "Unpromoted")
        .containsEntry(key("promotable-rsc", ""), "Stopped");
    // A group cloned five times, two instances running.
    assertThat(roles).containsEntry(key("mysql-proxy", "cluster02"), "Started")
        .containsEntry(key("mysql-proxy", "cluster01"), "Started")
        .containsEntry(key("mysql-proxy", ""), "Stopped");
    // A bundle: its primitives per replica, the bundled service on the replica's guest node.
    assertThat(roles).containsEntry(key("httpd", "httpd-bundle-0"), "Started")
        .containsEntry(key("httpd", "httpd-bundle-1"), "Started")
        .containsEntry(key("httpd", ""), "Stopped")
        .containsEntry(key("httpd-bundle-docker-2", ""), "Stopped");
  }

  @Test
  void infiniteFailCountIsPlusInfinity() throws Exception {
    String text = PrometheusAdapter.text(PacemakerCollector.map(
        crmMon("failcount-infinity-reached.crm_mon.xml"), "", "").families());
    assertThat(text).contains(
        "vigil_pacemaker_failcount{cluster=\"\",node=\"beta\",resource=\"vip\",} +Inf\n");
  }

  @Test
  void everySeriesCarriesTheClusterNameItIsGiven() throws Exception {
    for (CrmMon crm : crmMonFixtures()) {
      for (MetricFamily f : PacemakerCollector.map(crm, "prod-db", "").families()) {
        assertThat(f.samples()).as(f.name())
            .allMatch(s -> "prod-db".equals(s.label("cluster")));
      }
    }
  }

  @Test
  void theLocalNodeIsTheCrmMonNodeNamedLikeTheHostAndNeverAGuess() throws Exception {
    CrmMon crm = crmMon("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml");
    String local = PrometheusAdapter.text(PacemakerCollector.map(crm, "c1", "pcmk-4").families());
    assertThat(local).contains(
        "vigil_pacemaker_local_node_info{cluster=\"c1\",node=\"pcmk-4\",} 1.0\n");
    // A host name that is no node of the cluster (an FQDN, another naming): no series at all.
    for (String host : List.of("pcmk-4.example.com", "PCMK-4", "", "(unknown host)")) {
      assertThat(PrometheusAdapter.text(PacemakerCollector.map(crm, "c1", host).families()))
          .as(host).doesNotContain("vigil_pacemaker_local_node_info{");
    }
  }

  @Test
  void withoutADcQuorumIsNotReportedRatherThanGuessed() throws Exception {
    String text = PrometheusAdapter.text(PacemakerCollector.map(
        crmMon("no-dc.crm_mon.xml"), "", "").families());
    assertThat(text).doesNotContain("vigil_pacemaker_quorate")
        .doesNotContain("vigil_pacemaker_dc_info").contains("vigil_pacemaker_node_online{");
  }

  @Test
  void documentWithoutAViewOfTheClusterGivesOnlyItsUnknownVerdict() throws Exception {
    Collected c = PacemakerCollector.map(crmMon("status-102-not-connected.crm_mon.xml"), "c", "x");
    assertThat(c.families()).isEmpty();
    assertThat(c.subchecks()).singleElement()
        .satisfies(s -> assertThat(s.state().exitCode()).isEqualTo(3));
  }

  @Test
  void knetLinksArePerPeerWithoutTheLocalNode() throws Exception {
    String text = PrometheusAdapter.text(CorosyncCollector.map(
        quorumtool("3.1-quorate-member-missing.quorumtool"),
        cfgtool("3.1-link1-node3-disconnected.cfgtool")).families());
    assertThat(text)
        .contains("vigil_corosync_link_connected{link=\"0\",peer=\"2\",} 1.0\n")
        .contains("vigil_corosync_link_connected{link=\"0\",peer=\"3\",} 1.0\n")
        .contains("vigil_corosync_link_connected{link=\"1\",peer=\"2\",} 1.0\n")
        .contains("vigil_corosync_link_connected{link=\"1\",peer=\"3\",} 0.0\n")
        .doesNotContain("peer=\"1\"")
        .contains("vigil_corosync_quorate 1.0\n")
        .contains("vigil_corosync_member_nodes 2.0\n")
        .contains("vigil_corosync_expected_votes 3.0\n")
        .contains("vigil_corosync_total_votes 2.0\n")
        .contains("vigil_corosync_quorum_votes 2.0\n");
  }

  @Test
  void corosync3EarlyNodeIndexesAreNotPassedOffAsNodeIds() throws Exception {
    String text = PrometheusAdapter.text(CorosyncCollector.map(
        quorumtool("3.1.2-2node-lms-ok.quorumtool"),
        cfgtool("3.0.1-link0-index0-connected0.cfgtool")).families());
    assertThat(text).contains("peer=\"index 0\"").doesNotContain("peer=\"0\"");
  }

  @Test
  void withoutAQuorumProviderThereAreNoVoteSeries() throws Exception {
    String text = PrometheusAdapter.text(CorosyncCollector.map(
        quorumtool("2.4-quorum-not-configured.quorumtool"),
        cfgtool("2.x-two-rings-ok.cfgtool")).families());
    assertThat(text).contains("vigil_corosync_member_nodes ").doesNotContain("_votes");
  }

  @Test
  void everyCorosyncFixturePairMapsWithoutDuplicateSeries() {
    List<Quorumtool> quorums = new ArrayList<>();
    List<Cfgtool> links = new ArrayList<>();
    for (FixtureCase c : Fixtures.manifest("corosync")) {
      try {
        if (c.file().endsWith(".quorumtool")) {
          quorums.add(quorumtool(c.file()));
        } else {
          links.add(cfgtool(c.file()));
        }
      } catch (ParseException e) {
        assertThat(c.status()).as(c.file()).isEqualTo("UNKNOWN");
      }
    }
    assertThat(quorums).hasSizeGreaterThan(5);
    assertThat(links).hasSizeGreaterThan(10);
    for (Quorumtool q : quorums) {
      for (Cfgtool c : links) {
        assertNoDuplicateSeries(CorosyncCollector.map(q, c).families());
      }
    }
  }

  // ------------------------------------------------------------------ failure modes

  @Test
  void missingCrmMonFailsPacemakerAndCorosyncStillReports() {
    Path none = tmp.resolve("no-crm_mon");
    List<String> log = new ArrayList<>();
    String text = scrape(Roots.sources("cluster").withTool(Tool.CRM_MON, none), log);
    assertThat(text)
        .contains("vigil_scrape_collector_success{collector=\"pacemaker\",} 0.0\n")
        .contains("vigil_scrape_collector_success{collector=\"corosync\",} 1.0\n")
        .doesNotContain("vigil_pacemaker_").doesNotContain("subsystem=\"pacemaker\"")
        .contains("vigil_corosync_link_connected{link=\"0\",peer=\"\",} 0.0\n")
        .contains("vigil_health_status{subsystem=\"corosync\",object=\"ring 0\",} 1.0\n");
    assertThat(log).singleElement().asString()
        .isEqualTo("collector pacemaker failed: cannot execute " + none + ": not found");
  }

  @Test
  void toolPrintingOnlyAnErrorFailsNamingTheToolAndItsMessage() throws IOException {
    Path crmMon = script("crm_mon",
        "echo 'crm_mon: Connection to cluster failed' >&2",
        "exit 102");
    List<String> log = new ArrayList<>();
    String text = scrape(Roots.sources("cluster").withTool(Tool.CRM_MON, crmMon), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"pacemaker\",} 0.0\n")
        .contains("vigil_parse_errors_total{collector=\"pacemaker\",} 0.0\n");
    // Pacemaker before 2.0.3 prints nothing for --output-as=xml, so --as-xml was tried too.
    assertThat(log).singleElement().asString().isEqualTo("collector pacemaker failed: " + crmMon
        + " -1 --as-xml exited with status 102: crm_mon: Connection to cluster failed");
  }

  @Test
  void garbageXmlIsACountedParseError() throws IOException {
    Path crmMon = script("crm_mon",
        "echo '<pacemaker-result api-version=\"2.25\" request=\"crm_mon\"><summary><stack'");
    List<String> log = new ArrayList<>();
    try (Scraper scraper = Roots.scraper(
        Roots.sources("cluster").withTool(Tool.CRM_MON, crmMon), log)) {
      String text = PrometheusAdapter.text(scraper.scrape());
      assertThat(text)
          .contains("vigil_scrape_collector_success{collector=\"pacemaker\",} 0.0\n")
          .contains("vigil_parse_errors_total{collector=\"pacemaker\",} 1.0\n")
          .contains("vigil_parse_errors_total{collector=\"corosync\",} 0.0\n")
          .doesNotContain("vigil_pacemaker_");
      assertThat(log).singleElement().asString()
          .startsWith("collector pacemaker failed: " + crmMon + " -1 --output-as=xml line ")
          .contains("malformed XML");
      assertThat(PrometheusAdapter.text(scraper.scrape()))
          .contains("vigil_parse_errors_total{collector=\"pacemaker\",} 2.0\n");
    }
  }

  @Test
  void hangingToolIsKilledWithinTheCommandTimeout() throws IOException {
    Path crmMon = script("crm_mon", "sleep 30");
    Path root = Roots.root("cluster");
    Sources sources = Sources.underRoot(root).withTool(Tool.CRM_MON, crmMon)
        .withCommandTimeout(Duration.ofSeconds(1));
    List<String> log = new ArrayList<>();
    long start = System.nanoTime();
    String text = scrape(sources, log);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"pacemaker\",} 0.0\n")
        .contains("vigil_scrape_collector_success{collector=\"corosync\",} 1.0\n");
    assertThat(log).singleElement().asString().contains(crmMon.toString())
        .contains("did not finish within");
    // A bound on a hang, not a performance assertion.
    assertThat(millis).isLessThan(5000);
  }

  @Test
  void withoutCibXmlPacemakerIsAbsent() throws IOException {
    Path conf = tmp.resolve("etc/corosync/corosync.conf");
    Files.createDirectories(conf.getParent());
    Files.copy(Roots.root("cluster").resolve("etc/corosync/corosync.conf"), conf);
    Path sbin = Roots.root("cluster").resolve("usr/sbin");
    Sources sources = Sources.underRoot(tmp)
        .withTool(Tool.COROSYNC_QUORUMTOOL, sbin.resolve("corosync-quorumtool"))
        .withTool(Tool.COROSYNC_CFGTOOL, sbin.resolve("corosync-cfgtool"));
    List<String> log = new ArrayList<>();
    String text = scrape(sources, log);
    assertThat(text).doesNotContain("collector=\"pacemaker\"")
        .doesNotContain("subsystem=\"pacemaker\"").doesNotContain("vigil_pacemaker_")
        .contains("vigil_scrape_collector_success{collector=\"corosync\",} 1.0\n");
    assertThat(log).isEmpty();
  }

  @Test
  void notQuorateExitTwoIsReadNotAFailure() throws IOException {
    Path quorumtool = script("corosync-quorumtool",
        "cat '" + Fixtures.path("corosync", "3.1-not-quorate-activity-blocked.quorumtool") + "'",
        "exit 2");
    List<String> log = new ArrayList<>();
    String text = scrape(
        Roots.sources("cluster").withTool(Tool.COROSYNC_QUORUMTOOL, quorumtool), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"corosync\",} 1.0\n")
        .contains("vigil_corosync_quorate 0.0\n")
        .contains("vigil_health_status{subsystem=\"corosync\",object=\"quorum\",} 2.0\n");
    assertThat(log).isEmpty();
  }

  @Test
  void oldPacemakerFallsBackToAsXml() throws IOException {
    Path crmMon = script("crm_mon", "case \"$*\" in",
        "  '-1 --output-as=xml') echo \"crm_mon: unrecognized option '--output-as=xml'\" >&2;"
            + " exit 64 ;;",
        "  '-1 --as-xml') cat '" + Fixtures.path("cluster", "legacy-1.1.24-healthy.crm_mon.xml")
            + "' ;;",
        "  *) exit 65 ;;", "esac");
    List<String> log = new ArrayList<>();
    String text = scrape(Roots.sources("cluster").withTool(Tool.CRM_MON, crmMon), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"pacemaker\",} 1.0\n")
        .contains("vigil_pacemaker_quorate{cluster=\"\",} 1.0\n");
    assertThat(log).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static String capture(String name) throws IOException {
    return Files.readString(CAPTURES.resolve(name), StandardCharsets.UTF_8);
  }

  private static CrmMon crmMon(String file) throws ParseException {
    return CrmMonXmlParser.parse(fixture("cluster", file), file);
  }

  private static Quorumtool quorumtool(String file) throws ParseException {
    return QuorumtoolParser.parse(fixture("corosync", file), file);
  }

  private static Cfgtool cfgtool(String file) throws ParseException {
    return CfgtoolParser.parse(fixture("corosync", file), file);
  }

  private static String fixture(String area, String file) {
    return new String(Fixtures.bytes(area, file), StandardCharsets.UTF_8);
  }

  /** Every crm_mon fixture the parser accepts (the UNKNOWN rows are mostly refused input). */
  private static List<CrmMon> crmMonFixtures() {
    List<CrmMon> result = new ArrayList<>();
    for (FixtureCase c : Fixtures.manifest("cluster")) {
      try {
        result.add(crmMon(c.file()));
      } catch (ParseException e) {
        assertThat(c.status()).as(c.file()).isEqualTo("UNKNOWN");
      }
    }
    return result;
  }

  private Path script(String name, String... lines) throws IOException {
    return Roots.script(tmp, name, lines);
  }

  private static String scrape(Sources sources, List<String> log) {
    return Roots.scrapeText(Roots.scraper(sources, log));
  }

  private static Map<String, Double> verdicts(List<Subcheck> subchecks) {
    Map<String, Double> result = new LinkedHashMap<>();
    for (Subcheck s : subchecks) {
      result.put(s.name(), (double) s.state().exitCode());
    }
    return result;
  }

  private static Map<String, Double> health(List<MetricFamily> families, String subsystem) {
    Map<String, Double> result = new LinkedHashMap<>();
    families.stream().filter(f -> f.name().equals(Health.STATUS))
        .flatMap(f -> f.samples().stream())
        .filter(s -> s.label("subsystem").equals(subsystem))
        .forEach(s -> result.put(s.label("object"), s.value()));
    return result;
  }

  private static List<String> key(String resource, String node) {
    return List.of("cluster=", "resource=" + resource, "node=" + node);
  }


  /** Prometheus refuses a scrape with two series of the same name and labels. */
  private static void assertNoDuplicateSeries(List<MetricFamily> families) {
    for (MetricFamily f : families) {
      Set<List<String>> seen = new HashSet<>();
      for (Sample s : f.samples()) {
        assertThat(seen.add(s.labelValues())).as(f.name() + " " + s.labelValues()).isTrue();
      }
    }
  }
}
