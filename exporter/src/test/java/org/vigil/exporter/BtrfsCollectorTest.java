package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.InputFiles;
import org.vigil.core.State;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;
import org.vigil.raid.btrfs.BtrfsDeviceStats;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.ScrubState;
import org.vigil.raid.btrfs.ScrubStatusParser;
import org.vigil.raid.live.BtrfsLive;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;

/**
 * The btrfs collector on the fixture tree roots/btrfs (real btrfs-progs 6.2 captures printed by a
 * stand-in btrfs) and on stand-in variants that fail, print garbage or hang.
 */
class BtrfsCollectorTest {
  /** The time the btrfs-real MANIFEST judges the captures at (--now). */
  private static final String NOW = "2026-11-26T00:00:00Z";
  private static final Clock CLOCK = Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC);
  /** Each btrfs mount of the tree (one per filesystem) and the captures printed for it. */
  private static final Map<String, String> CAPTURES = orderedMap(
      "/srv/data", "raid1-clean",
      "/srv/backup", "raid1-corrected",
      "/var/lib/archive", "single-uncorrectable",
      "/srv/build cache", "raid1-scrub-running");

  @TempDir Path tmp;

  @Test
  void scrapeOfTheBtrfsTreeMatchesGolden() throws Exception {
    String text;
    try (Scraper scraper = scraper(Roots.sources("btrfs"), new ArrayList<>())) {
      text = Roots.stableText(scraper.scrape());
    }
    Path file = Roots.GOLDEN.resolve("btrfs.prom");
    if (Boolean.getBoolean("vigil.updateGolden")) {
      Files.writeString(file, text);
    }
    assertThat(text).isEqualTo(Files.readString(file));
  }

  @Test
  void collectorRunsAfterMdInTheDefaultList() {
    List<String> names = Collectors.all().stream().map(VigilCollector::name).toList();
    assertThat(names).containsSubsequence("md", "btrfs");
  }

  @Test
  void eachFilesystemIsReportedOnceUnderItsFirstMount() throws Exception {
    List<MetricFamily> families = new BtrfsCollector(CLOCK).collect(Roots.sources("btrfs"))
        .families();
    assertThat(samples(families, BtrfsCollector.SCRUB_UNCORRECTABLE).stream()
        .map(s -> s.label("mount")).toList())
        .containsExactlyElementsOf(CAPTURES.keySet());
    assertThat(samples(families, BtrfsCollector.SCRUB_UNCORRECTABLE).stream()
        .map(s -> s.label("uuid")).distinct()).hasSize(CAPTURES.size());
  }

  @Test
  void healthStatusIsWhatCheckRaidSaysOnTheSameCaptures() throws Exception {
    Map<String, Double> exported = new LinkedHashMap<>();
    try (Scraper scraper = scraper(Roots.sources("btrfs"), new ArrayList<>())) {
      for (Sample s : samples(scraper.scrape(), Health.STATUS)) {
        if (s.label("subsystem").equals("btrfs")) {
          exported.put(s.label("object"), s.value());
        }
      }
    }
    Map<String, Double> policy = new LinkedHashMap<>();
    Map<String, Double> manifest = new LinkedHashMap<>();
    for (var e : CAPTURES.entrySet()) {
      Path captures = Roots.root("btrfs").resolve("captures");
      policy.put(e.getKey(), (double) BtrfsPolicy.evaluate(e.getKey(),
          Optional.of(scrub(captures.resolve(e.getValue() + ".scrub-status-raw"))),
          Optional.of(stats(captures.resolve(e.getValue() + ".device-stats"))),
          BtrfsPolicyOptions.defaults(), CLOCK.instant()).state().exitCode());
      manifest.put(e.getKey(), (double) State.worst(
          manifestVerdict(e.getValue() + ".scrub-status-raw"),
          manifestVerdict(e.getValue() + ".device-stats")).exitCode());
    }
    assertThat(exported).containsExactlyEntriesOf(orderedMap(
        "/srv/data", 0.0, "/srv/backup", 1.0, "/var/lib/archive", 2.0, "/srv/build cache", 0.0));
    assertThat(exported).isEqualTo(policy).isEqualTo(manifest);
  }

  @Test
  void scrubStateIsACompleteStateSetPerFilesystem() throws Exception {
    List<Sample> states = samples(new BtrfsCollector(CLOCK).collect(Roots.sources("btrfs"))
        .families(), BtrfsCollector.SCRUB_STATE);
    List<String> vocabulary = Arrays.stream(ScrubState.values())
        .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList();
    Map<String, List<Sample>> byMount = new LinkedHashMap<>();
    for (Sample s : states) {
      assertThat(s.labelNames()).containsExactly("uuid", "mount", "state");
      byMount.computeIfAbsent(s.label("uuid") + " " + s.label("mount"), k -> new ArrayList<>())
          .add(s);
    }
    assertThat(byMount).hasSize(CAPTURES.size());
    byMount.forEach((key, samples) -> {
      assertThat(samples.stream().map(s -> s.label("state")).toList()).as(key)
          .containsExactlyInAnyOrderElementsOf(vocabulary);
      assertThat(samples).as(key).allMatch(s -> s.value() == 0 || s.value() == 1);
      assertThat(samples.stream().filter(s -> s.value() == 1)).as(key).hasSize(1);
    });
    assertThat(states).filteredOn(s -> s.value() == 1).extracting(s -> s.label("state"))
        .containsExactly("finished", "finished", "finished", "running");
  }

  @Test
  void missingToolFailsTheBtrfsCollectorAndNamesItsPathWhileMdAndDrbdReport() throws Exception {
    Path missing = tmp.resolve("no-such-dir/btrfs");
    List<String> log = new ArrayList<>();
    String text = scrapeText(node().withTool(Tool.BTRFS, missing), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n")
        .contains("vigil_scrape_collector_success{collector=\"md\",} 1.0\n")
        .contains("vigil_scrape_collector_success{collector=\"drbd\",} 1.0\n")
        .contains("vigil_health_status{subsystem=\"md\",")
        .doesNotContain("vigil_btrfs_").doesNotContain("subsystem=\"btrfs\"");
    assertThat(log).singleElement().asString()
        .startsWith("collector btrfs failed: ").contains(missing.toString());
  }

  @Test
  void failingToolFailsWithItsStderrLine() throws Exception {
    Path btrfs = script("echo \"ERROR: cannot access '$4': Permission denied\" >&2\nexit 1\n");
    List<String> log = new ArrayList<>();
    String text = scrapeText(node().withTool(Tool.BTRFS, btrfs), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n")
        .contains("vigil_parse_errors_total{collector=\"btrfs\",} 0.0\n")
        .doesNotContain("vigil_btrfs_");
    assertThat(log).singleElement().asString().isEqualTo("collector btrfs failed: " + btrfs
        + " scrub status -R /srv/data exited with status 1: ERROR: cannot access '/srv/data':"
        + " Permission denied");
  }

  @Test
  void garbageFromTheToolIsAParseErrorCounted() throws Exception {
    Path btrfs = script("echo 'Scrub status of everything: fine'\n");
    List<String> log = new ArrayList<>();
    String text = scrapeText(node().withTool(Tool.BTRFS, btrfs), log);
    assertThat(text).contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n")
        .contains("vigil_parse_errors_total{collector=\"btrfs\",} 1.0\n")
        .contains("vigil_parse_errors_total{collector=\"md\",} 0.0\n")
        .doesNotContain("vigil_btrfs_");
    assertThat(log).singleElement().asString()
        .startsWith("collector btrfs failed: btrfs scrub status -R /srv/data line 1: ");
  }

  @Test
  void hangingToolIsKilledWithinTheCommandTimeout() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    Path btrfs = script("sleep 30 &\necho $! > '" + pidFile + "'\nwait\n");
    Path root = node().rootfs();
    Sources sources = Sources.underRoot(root).withTool(Tool.BTRFS, btrfs)
        .withCommandTimeout(Duration.ofSeconds(1));
    List<String> log = new ArrayList<>();
    long start = System.nanoTime();
    String text = scrapeText(sources, log);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(text).contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n");
    assertThat(log).singleElement().asString().contains(btrfs.toString())
        .contains("did not finish within");
    // A bound on a hang, not a performance assertion.
    assertThat(elapsedMillis).isLessThan(5000);
    long child = Long.parseLong(Files.readString(pidFile).strip());
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (running(child) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(running(child)).as("the stand-in's child sleep %d was killed", child).isFalse();
  }

  @Test
  void noBtrfsMountIsAbsent() throws Exception {
    Path root = node().rootfs();
    Files.writeString(root.resolve("proc/self/mounts"),
        "/dev/sda1 / ext4 rw,relatime,errors=remount-ro 0 0\n", StandardCharsets.UTF_8);
    List<String> log = new ArrayList<>();
    String text = scrapeText(Sources.underRoot(root), log);
    assertThat(text).doesNotContain("collector=\"btrfs\"").doesNotContain("vigil_btrfs_")
        .doesNotContain("subsystem=\"btrfs\"")
        .contains("vigil_scrape_collector_success{collector=\"md\",} 1.0\n");
    assertThat(log).isEmpty();
  }

  @Test
  void procfsWithoutSelfIsAbsentButProcfsWithoutTheMountsFileFails() throws Exception {
    Path root = node().rootfs();
    Files.delete(root.resolve("proc/self/mounts"));
    List<String> log = new ArrayList<>();
    assertThat(scrapeText(Sources.underRoot(root), log))
        .contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n");
    assertThat(log).singleElement().asString()
        .isEqualTo("collector btrfs failed: " + root.resolve("proc/self/mounts")
            + ": no such file");

    Files.delete(root.resolve("proc/self"));
    log.clear();
    assertThat(scrapeText(Sources.underRoot(root), log)).doesNotContain("collector=\"btrfs\"");
    assertThat(log).isEmpty();
  }

  @Test
  void malformedMountsFileIsAParseErrorNotAbsence() throws Exception {
    Path root = node().rootfs();
    Files.writeString(root.resolve("proc/self/mounts"), "/dev/loop0 /srv/data btrfs\n",
        StandardCharsets.UTF_8);
    List<String> log = new ArrayList<>();
    assertThat(scrapeText(Sources.underRoot(root), log))
        .contains("vigil_scrape_collector_success{collector=\"btrfs\",} 0.0\n")
        .contains("vigil_parse_errors_total{collector=\"btrfs\",} 1.0\n");
    assertThat(log).singleElement().asString().contains("line 1: expected 6 fields");
  }

  // ---- the pure mapping, on captures that -R never gives ----

  @Test
  void doneRatioOfARunningScrubIsThePercentBtrfsPrinted() throws Exception {
    List<MetricFamily> families = mapped("btrfs-real", "raid1-scrub-running.scrub-status");
    assertThat(samples(families, BtrfsCollector.SCRUB_DONE)).singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(0.1032));
    assertThat(samples(families, BtrfsCollector.SCRUB_LAST_END)).isEmpty();
  }

  @Test
  void doneRatioWithoutAPercentIsBytesScrubbedOverTotal() throws Exception {
    List<MetricFamily> families = mapped("btrfs", "5.2-running-no-percent.scrub-status");
    assertThat(samples(families, BtrfsCollector.SCRUB_DONE)).singleElement()
        .satisfies(s -> assertThat(s.value()).isCloseTo(13.76 / 28.32, within(1e-9)));
  }

  @Test
  void lastEndIsStartPlusDurationOfAnEndedScrubButNotOfAResumedOne() throws Exception {
    assertThat(samples(mapped("btrfs", "6.2-aborted.scrub-status-raw"),
        BtrfsCollector.SCRUB_LAST_END)).singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(
            Instant.parse("2026-11-25T15:36:06Z").getEpochSecond()));
    assertThat(samples(mapped("btrfs", "4.x-resumed-finished.scrub-status"),
        BtrfsCollector.SCRUB_LAST_END)).isEmpty();
  }

  @Test
  void neverScrubbedHasNoScrubCountersOrEnd() throws Exception {
    List<MetricFamily> families = mapped("btrfs-real", "never-scrubbed.scrub-status-raw");
    assertThat(samples(families, BtrfsCollector.SCRUB_UNCORRECTABLE)).isEmpty();
    assertThat(samples(families, BtrfsCollector.SCRUB_CORRECTED)).isEmpty();
    assertThat(samples(families, BtrfsCollector.SCRUB_LAST_END)).isEmpty();
    assertThat(samples(families, BtrfsCollector.SCRUB_STATE))
        .filteredOn(s -> s.value() == 1).extracting(s -> s.label("state"))
        .containsExactly("never_run");
  }

  // ---- helpers ----

  /** Every collector as by default, the btrfs one judging scrub ages at {@link #NOW}. */
  private static Scraper scraper(Sources sources, List<String> log) {
    List<Scraper.Enabled> all = new ArrayList<>();
    for (VigilCollector c : Collectors.all()) {
      VigilCollector collector = c.name().equals("btrfs") ? new BtrfsCollector(CLOCK) : c;
      all.add(new Scraper.Enabled(collector, Scraper.Mode.AUTO));
    }
    return new Scraper(all, sources, "test", log::add);
  }

  private static String scrapeText(Sources sources, List<String> log) {
    return Roots.scrapeText(scraper(sources, log));
  }

  /**
   * A node with the btrfs tree's mounts and the degraded tree's /proc/drbd and /proc/mdstat, so
   * that the md and drbd collectors run beside btrfs; its btrfs tool does not exist.
   */
  private Sources node() throws IOException {
    Path root = tmp.resolve("node");
    Files.createDirectories(root.resolve("proc/self"));
    Files.copy(Roots.root("btrfs").resolve("proc/self/mounts"),
        root.resolve("proc/self/mounts"));
    Files.copy(Roots.root("degraded").resolve("proc/drbd"), root.resolve("proc/drbd"));
    Files.copy(Roots.root("degraded").resolve("proc/mdstat"), root.resolve("proc/mdstat"));
    return Sources.underRoot(root);
  }

  private Path script(String body) throws IOException {
    return Roots.script(tmp, "btrfs", body);
  }

  /** The families of one filesystem at /srv with a scrub status fixture and clean stats. */
  private static List<MetricFamily> mapped(String area, String scrubFixture) throws Exception {
    BtrfsScrubStatus scrub = scrub(Fixtures.path(area, scrubFixture));
    BtrfsDeviceStats stats = stats(Fixtures.path("btrfs-real", "raid1-clean.device-stats"));
    return BtrfsCollector.map(
        List.of(new BtrfsLive.Filesystem("/srv", scrub.fsid(), scrub, stats)), CLOCK.instant())
        .families();
  }

  private static BtrfsScrubStatus scrub(Path file) throws Exception {
    return new ScrubStatusParser().parse(InputFiles.read(file.toString(), null), file.toString());
  }

  private static BtrfsDeviceStats stats(Path file) throws Exception {
    return new DeviceStatsParser().parse(InputFiles.read(file.toString(), null), file.toString());
  }

  /** The verdict test-fixtures/btrfs-real/MANIFEST.tsv gives a capture at {@link #NOW}. */
  private static State manifestVerdict(String file) {
    List<FixtureCase> rows = Fixtures.manifest("btrfs-real").stream()
        .filter(c -> c.file().equals(file)).toList();
    assertThat(rows).as(file).singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly("--now", NOW));
    return State.valueOf(rows.get(0).status());
  }

  private static List<Sample> samples(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.name().equals(name))
        .flatMap(f -> f.samples().stream()).toList();
  }

  /** Whether a process exists and is not a zombie waiting to be reaped. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }
}
