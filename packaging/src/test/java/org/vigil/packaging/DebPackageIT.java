package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * The release artifacts built by {@code mvn package}: {@code packaging/target/vigil_<debian
 * version>_all.deb} and {@code packaging/target/vigil-<version>.tar.gz}.
 *
 * <ul>
 *   <li>The .deb's control data, file list, modes, conffiles, maintainer scripts, changelog and
 *       man pages ({@code dpkg-deb}; no root needed).
 *   <li>The tarball, unpacked to a temporary directory, runs in place.
 *   <li>As root with dpkg: {@code dpkg -i} (twice: the second run exercises the upgrade path and
 *       the maintainer scripts' idempotence), each installed command run as a monitoring core or
 *       a person runs it (no JAVA_HOME, no VIGIL_JAR, the standard PATH), then {@code dpkg -r}
 *       and {@code dpkg -P}, after which nothing of the package is left: files, the
 *       {@code vigil-exporter} user and group, systemd state. A {@code vigil} package left
 *       installed by an earlier run is purged first. This changes the machine it runs on.
 * </ul>
 *
 * <p>Each part skips with a printed reason where its tools or root are missing. Runs of this test
 * from concurrent builds on one machine take turns (a lock file), and dpkg runs wait while
 * another process (apt) holds dpkg's lock.
 */
class DebPackageIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path TARGET = ROOT.resolve("packaging/target");
  private static final String VERSION = System.getProperty("vigil.version", "0.1.0-SNAPSHOT");
  private static final String DEB_VERSION = PackageDocs.debianVersion(VERSION);
  private static final String ARCHITECTURE = System.getProperty("vigil.deb.architecture", "amd64");
  private static final Path DEB =
      TARGET.resolve("vigil_" + DEB_VERSION + "_" + ARCHITECTURE + ".deb");
  private static final Path TARBALL = TARGET.resolve("vigil-" + VERSION + ".tar.gz");
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Map<String, Integer> EXIT =
      Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);
  private static final String DRBD_FIXTURE = "8.4-peer-dunknown-while-connected.proc-drbd";
  private static final String PLUGINS = "/usr/lib/vigil/plugins/";

  /** Every regular file of the package and its mode. */
  static final Map<String, String> FILES = new TreeMap<>(Map.ofEntries(
      Map.entry("/usr/share/vigil/vigil.jar", "rw-r--r--"),
      Map.entry("/usr/lib/vigil/lib/vigil-java", "rwxr-xr-x"),
      Map.entry("/usr/lib/vigil/lib/vigil-cds", "rwxr-xr-x"),
      Map.entry("/usr/share/vigil/training/drbd/8.4-peer-dunknown-while-connected.proc-drbd",
          "rw-r--r--"),
      Map.entry("/usr/share/vigil/training/mdadm/raid1-member-vanished-and-recovery.mdstat",
          "rw-r--r--"),
      Map.entry("/usr/share/vigil/training/cluster/"
          + "2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml", "rw-r--r--"),
      Map.entry(PLUGINS + "check_drbd", "rwxr-xr-x"),
      Map.entry(PLUGINS + "check_raid", "rwxr-xr-x"),
      Map.entry(PLUGINS + "check_cluster", "rwxr-xr-x"),
      Map.entry("/usr/lib/vigil/bin/vigil", "rwxr-xr-x"),
      Map.entry("/usr/lib/vigil/bin/vigil-exporter", "rwxr-xr-x"),
      Map.entry("/lib/systemd/system/vigil-exporter.service", "rw-r--r--"),
      Map.entry("/etc/default/vigil-exporter", "rw-r--r--"),
      Map.entry("/usr/share/icinga2/include/plugins-contrib.d/vigil.conf", "rw-r--r--"),
      Map.entry("/etc/nagios-plugins/config/vigil.cfg", "rw-r--r--"),
      Map.entry("/usr/share/vigil/prometheus/vigil-rules.yml", "rw-r--r--"),
      Map.entry("/usr/share/vigil/prometheus/vigil-fleet-rules.yml", "rw-r--r--"),
      Map.entry("/usr/share/doc/vigil/README.md", "rw-r--r--"),
      Map.entry("/usr/share/doc/vigil/copyright", "rw-r--r--"),
      Map.entry("/usr/share/doc/vigil/changelog.gz", "rw-r--r--"),
      Map.entry("/usr/share/doc/vigil/docs/status-page.png", "rw-r--r--"),
      Map.entry("/usr/share/doc/vigil/docs/status-page-narrow.png", "rw-r--r--"),
      Map.entry("/usr/share/man/man1/check_drbd.1vigil.gz", "rw-r--r--"),
      Map.entry("/usr/share/man/man1/check_raid.1vigil.gz", "rw-r--r--"),
      Map.entry("/usr/share/man/man1/check_cluster.1vigil.gz", "rw-r--r--"),
      Map.entry("/usr/share/man/man1/vigil.1.gz", "rw-r--r--"),
      Map.entry("/usr/share/man/man1/vigil-exporter.1.gz", "rw-r--r--")));
  /** Where each package config file comes from in the source tree (they are added separately). */
  private static final Map<String, String> CONFIG_SOURCES = Map.of(
      "/lib/systemd/system/vigil-exporter.service", "packaging/systemd/vigil-exporter.service",
      "/etc/default/vigil-exporter", "packaging/default/vigil-exporter",
      "/usr/share/icinga2/include/plugins-contrib.d/vigil.conf", "packaging/icinga2/vigil.conf",
      "/etc/nagios-plugins/config/vigil.cfg", "packaging/nagios/vigil.cfg");
  static final Map<String, String> SYMLINKS = Map.of(
      "/usr/bin/vigil", "../lib/vigil/bin/vigil",
      "/usr/bin/vigil-exporter", "../lib/vigil/bin/vigil-exporter");
  static final List<String> CONFFILES =
      List.of("/etc/default/vigil-exporter", "/etc/nagios-plugins/config/vigil.cfg");
  /** Directories only this package creates: gone after removal. */
  static final List<String> OWN_DIRECTORIES = List.of(
      "/usr/lib/vigil", "/usr/share/vigil", "/usr/share/doc/vigil", "/var/cache/vigil");

  private Path workdir;

  @BeforeEach
  void workdir() throws IOException {
    workdir = Files.createTempDirectory("vigil-deb-it-");
  }

  @AfterEach
  void cleanup() throws Exception {
    if (workdir != null) {
      Processes.run(Path.of(System.getProperty("java.io.tmpdir")), "rm", TIMEOUT, Map.of(),
          "rm", "-rf", "--", workdir.toString());
    }
  }

  // ---------------------------------------------------------------- the .deb, without installing

  @Test
  void the_deb_has_the_documented_control_data_layout_modes_and_scripts() throws Exception {
    assumeTool("dpkg-deb", "the .deb checks need dpkg-deb (Debian's dpkg package)");
    assertBuilt(DEB);

    Processes.Result info = run(Map.of(), "dpkg-deb", "--field", DEB.toString());
    assertThat(info.exitCode()).as(info.stderr()).isZero();
    Map<String, String> control = fields(info.stdout());
    assertThat(control).containsEntry("Package", "vigil")
        .containsEntry("Version", DEB_VERSION)
        .containsEntry("Architecture", ARCHITECTURE)
        .containsEntry("Section", "admin")
        .containsEntry("Priority", "optional")
        .containsEntry("Depends", "libc6 (>= 2.34), default-jre-headless (>= 2:1.17)"
            + " | java17-runtime-headless, adduser")
        .containsKeys("Maintainer", "Description", "Installed-Size", "Suggests");
    assertThat(control.get("Suggests")).contains("drbd-utils", "mdadm", "btrfs-progs",
        "pacemaker-cli-utils", "corosync");
    assertThat(control.get("Description").lines().findFirst().orElseThrow())
        .hasSizeLessThanOrEqualTo(80);

    // dpkg-deb --contents: exactly our files with their modes, our symlinks, directories 0755,
    // everything root/root.
    Processes.Result contents = run(Map.of(), "dpkg-deb", "--contents", DEB.toString());
    assertThat(contents.exitCode()).as(contents.stderr()).isZero();
    Map<String, String> files = new TreeMap<>();
    Map<String, String> links = new TreeMap<>();
    for (String line : contents.stdout().lines().toList()) {
      // drwxr-xr-x root/root 0 2026-01-01 00:00 ./usr/  |  lrw... ./usr/bin/vigil -> target
      String[] f = line.trim().split("\\s+", 6);
      assertThat(f).as(line).hasSize(6);
      assertThat(f[1]).as("owner of " + line).isEqualTo("root/root");
      String path = f[5].startsWith("./") ? f[5].substring(1) : f[5];
      switch (f[0].charAt(0)) {
        case 'd' -> assertThat(f[0]).as(line).isEqualTo("drwxr-xr-x");
        case '-' -> files.put(path, f[0].substring(1));
        case 'l' -> {
          String[] link = path.split(" -> ", 2);
          links.put(link[0], link[1]);
        }
        default -> throw new AssertionError("unexpected entry type: " + line);
      }
    }
    List<String> missingConfigs = new ArrayList<>();
    CONFIG_SOURCES.forEach((installed, source) -> {
      if (!files.containsKey(installed)) {
        missingConfigs.add(installed + " (from " + source
            + (Files.exists(ROOT.resolve(source)) ? ", which exists: rebuild" : ", not written yet")
            + ")");
      }
    });
    assertThat(missingConfigs).as("configuration files missing from the .deb").isEmpty();
    assertThat(files).isEqualTo(FILES);
    assertThat(links).isEqualTo(SYMLINKS);

    // Control archive: conffiles, maintainer scripts (executable, set -e, valid sh).
    Path control_ = workdir.resolve("control");
    Processes.Result e = run(Map.of(), "dpkg-deb", "--control", DEB.toString(), control_.toString());
    assertThat(e.exitCode()).as(e.stderr()).isZero();
    assertThat(Files.readAllLines(control_.resolve("conffiles"))).containsExactlyInAnyOrderElementsOf(
        CONFFILES);
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path p = control_.resolve(script);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as(script).isEqualTo("rwxr-xr-x");
      String text = Files.readString(p);
      assertThat(text).as(script).startsWith("#!/bin/sh\n").contains("\nset -e\n");
      Processes.Result syntax = run(Map.of(), "sh", "-n", p.toString());
      assertThat(syntax.exitCode()).as(script + ": " + syntax.stderr()).isZero();
    }
    assertThat(Files.readString(control_.resolve("triggers")))
        .as("a JDK change regenerates the archives").isEqualTo("interest-noawait /usr/lib/jvm\n");
    assertThat(Files.readString(control_.resolve("postinst")))
        .as("the hook for the start-up class-data archive")
        .contains("if [ -x /usr/lib/vigil/lib/vigil-cds ]; then /usr/lib/vigil/lib/vigil-cds"
            + " regenerate >/dev/null || true; fi")
        .contains("triggered)")
        .doesNotContain("enable vigil-exporter", "start vigil-exporter");

    // The data: changelog version = control version; man pages gzip -9n roff.
    Path data = workdir.resolve("data");
    Processes.Result x = run(Map.of(), "dpkg-deb", "--extract", DEB.toString(), data.toString());
    assertThat(x.exitCode()).as(x.stderr()).isZero();
    String changelog = gunzip(data.resolve("usr/share/doc/vigil/changelog.gz"));
    assertThat(changelog).startsWith("vigil (" + DEB_VERSION + ") ");
    for (String page : FILES.keySet().stream().filter(p -> p.startsWith("/usr/share/man/")).toList()) {
      byte[] gz = Files.readAllBytes(data.resolve(page.substring(1)));
      assertThat(gz[8]).as(page + ": gzip maximum-compression flag").isEqualTo((byte) 2);
      assertThat(gz[4] | gz[5] | gz[6] | gz[7]).as(page + ": gzip time stamp").isZero();
      String roff = gunzip(data.resolve(page.substring(1)));
      String name = Path.of(page).getFileName().toString().replaceFirst("\\.[^.]+\\.gz$", "");
      assertThat(roff).as(page).contains(".TH " + PackageDocs.escape(name.toUpperCase()) + " ")
          .contains(".SH NAME\n" + PackageDocs.escape(name) + " \\- ")
          .contains("Usage: " + PackageDocs.escape(name));
    }
  }

  /**
   * lintian, where it is installed (about 6 s; CI does not install it): no errors. Warnings and
   * the rest are printed, not failed on (known and accepted ones: the plugins' man pages have no
   * executable on PATH, the jar has no manifest, the unit has no init.d script).
   */
  @Test
  void lintian_finds_no_errors() throws Exception {
    assumeTool("lintian", "lintian not installed (apt-get install -y lintian)");
    assertBuilt(DEB);
    Processes.Result r = run(Map.of(), "lintian", "--pedantic", "--display-info", DEB.toString());
    String tags = r.stdout() + r.stderr();
    System.err.println("DebPackageIT: lintian " + DEB.getFileName() + ":\n" + tags);
    assertThat(tags.lines().filter(l -> l.startsWith("E: ")).toList()).as(tags).isEmpty();
    assertThat(r.exitCode()).as(tags).isZero();
  }

  // ---------------------------------------------------------------------------- the tarball

  @Test
  void the_tarball_unpacks_and_runs_in_place() throws Exception {
    assumeTool("tar", "the tarball check needs tar");
    assertBuilt(TARBALL);
    Processes.Result untar = run(Map.of(), "tar", "-xzf", TARBALL.toString(), "-C", workdir.toString());
    assertThat(untar.exitCode()).as(untar.stderr()).isZero();
    Path top = workdir.resolve("vigil-" + VERSION);
    try (Stream<Path> entries = Files.list(workdir)) {
      assertThat(entries.toList()).as("one top-level directory").containsExactly(top);
    }
    for (String exe : List.of("bin/check_drbd", "bin/check_raid", "bin/check_cluster", "bin/vigil",
        "bin/vigil-exporter", "lib/vigil-java", "lib/vigil-cds")) {
      assertThat(mode(top.resolve(exe))).as(exe).isEqualTo("rwxr-xr-x");
    }
    for (String doc : List.of("target/vigil.jar", "README.md", "prometheus/vigil-rules.yml",
        "prometheus/vigil-fleet-rules.yml", "docs/status-page.png", "docs/status-page-narrow.png",
        "man/check_drbd.1vigil.gz", "man/vigil.1.gz", "man/vigil-exporter.1.gz")) {
      assertThat(mode(top.resolve(doc))).as(doc).isEqualTo("rw-r--r--");
    }
    List<String> missingConfigs = new ArrayList<>();
    for (String source : CONFIG_SOURCES.values()) {
      String inTarball = source.substring("packaging/".length());
      if (!Files.isRegularFile(top.resolve(inTarball))) {
        missingConfigs.add(inTarball);
      }
    }
    assertThat(missingConfigs).as("configuration files missing from the tarball").isEmpty();

    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_JAR", null);
    Processes.Result r = run(env, top.resolve("bin/check_drbd").toString(),
        "--proc-drbd", Fixtures.path("drbd", DRBD_FIXTURE).toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(2);
    assertThat(r.stdout()).startsWith("DRBD CRITICAL");
  }

  // ------------------------------------------------------------- install, run, remove, purge

  @Test
  void installs_runs_and_leaves_nothing_behind_after_purge() throws Exception {
    assumeTool("dpkg", "installing the .deb needs dpkg");
    Assumptions.assumeTrue(isRoot(), () -> skip("installing the .deb needs root"));
    assertBuilt(DEB);

    try (FileChannel lockFile = FileChannel.open(
            Path.of(System.getProperty("java.io.tmpdir"), "vigil-DebPackageIT.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!packageStatus().isEmpty() && !packageStatus().contains("not-installed")) {
        System.err.println("DebPackageIT: purging the vigil package left by an earlier run ("
            + packageStatus() + ")");
        assertDpkg("-P", "vigil");
      }
      try {
        installRunRemovePurge();
      } finally {
        if (!packageStatus().isEmpty() && !packageStatus().contains("not-installed")) {
          dpkg("-P", "vigil");
        }
      }
    }
  }

  private void installRunRemovePurge() throws Exception {
    // Install. The Depends line must be satisfiable as it is: no apt-get -f, no extra packages.
    Processes.Result install = dpkg("-i", DEB.toString());
    if (install.exitCode() != 0 && (install.stdout() + install.stderr()).contains("dependency problems")) {
      System.err.println("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
          + "DebPackageIT: the .deb's Depends are NOT satisfied on this machine; installing with"
          + " --force-depends.\n" + install.stdout() + install.stderr()
          + "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
      install = dpkg("--force-depends", "-i", DEB.toString());
    }
    assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
    assertThat(packageStatus()).isEqualTo("install ok installed " + DEB_VERSION);
    assertUser();

    // Again: the upgrade path (prerm upgrade, postinst configure OLD-VERSION) on an existing user.
    Processes.Result again = dpkg("-i", DEB.toString());
    assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
    assertThat(packageStatus()).isEqualTo("install ok installed " + DEB_VERSION);
    assertUser();
    for (String path : FILES.keySet()) {
      if (path.startsWith("/usr/share/man/") && Files.notExists(Path.of(path)) && manExcluded()) {
        continue;
      }
      assertThat(Path.of(path)).as("installed").isRegularFile();
      assertThat(mode(Path.of(path))).as(path).isEqualTo(FILES.get(path));
    }
    SYMLINKS.forEach((link, target) -> {
      try {
        assertThat(Files.readSymbolicLink(Path.of(link))).hasToString(target);
      } catch (IOException e) {
        throw new AssertionError(link, e);
      }
    });

    // The installed commands, as Nagios or a person runs them.
    Map<String, String> env = new HashMap<>();
    env.put("PATH", STANDARD_PATH);
    env.put("JAVA_HOME", null);
    env.put("VIGIL_JAR", null);

    Processes.Result drbd = run(env, PLUGINS + "check_drbd",
        "--proc-drbd", Fixtures.path("drbd", DRBD_FIXTURE).toString());
    assertThat(drbd.exitCode()).as(drbd.stdout() + drbd.stderr()).isEqualTo(2);
    assertThat(drbd.stdout()).startsWith("DRBD CRITICAL");

    FixtureCase md = Fixtures.manifest("mdadm").stream()
        .filter(c -> c.status().equals("OK") && c.args().isEmpty() && c.file().endsWith(".mdstat"))
        .findFirst().orElseThrow(() -> new AssertionError("no healthy .mdstat row in mdadm/MANIFEST.tsv"));
    Processes.Result raid = run(env, PLUGINS + "check_raid", "--mdstat", md.path().toString());
    assertThat(raid.exitCode()).as(md.file() + ": " + raid.stdout() + raid.stderr()).isZero();
    assertThat(raid.stdout()).startsWith("RAID OK");

    FixtureCase cluster = Fixtures.manifest("cluster").stream()
        .filter(c -> c.args().isEmpty() && c.file().endsWith(".crm_mon.xml"))
        .findFirst().orElseThrow(() -> new AssertionError("no crm_mon row in cluster/MANIFEST.tsv"));
    Processes.Result crm = run(env, PLUGINS + "check_cluster", "--crm-mon-xml", cluster.path().toString());
    assertThat(crm.exitCode()).as(cluster.file() + ": " + crm.stdout() + crm.stderr())
        .isEqualTo(EXIT.get(cluster.status()));
    assertThat(crm.stdout()).startsWith("CLUSTER " + cluster.status());

    Path emptyRoot = Files.createDirectories(workdir.resolve("empty-root"));
    Processes.Result report = run(env, "/usr/bin/vigil", "report", "--root", emptyRoot.toString());
    assertThat(report.exitCode()).as("nothing set up is OK: " + report.stdout() + report.stderr())
        .isZero();
    assertThat(report.stdout()).startsWith("Vigil report for ");
    Path degraded = ROOT.resolve("test-fixtures/trees/degraded-node");
    if (Files.isDirectory(degraded)) {
      Processes.Result worst = run(env, "/usr/bin/vigil", "report", "--root", degraded.toString());
      assertThat(worst.exitCode()).as("degraded demo node: " + worst.stdout() + worst.stderr())
          .isEqualTo(2);
    }

    Processes.Result exporter = run(env, "/usr/bin/vigil-exporter", "--help");
    assertThat(exporter.exitCode()).as(exporter.stdout() + exporter.stderr()).isZero();
    assertThat(exporter.stdout()).contains("Usage: vigil-exporter");

    Path page = Path.of("/usr/share/man/man1/check_drbd.1vigil.gz");
    if (Files.notExists(page) && manExcluded()) {
      System.err.println("DebPackageIT: man page checks skipped: dpkg excludes /usr/share/man here");
    } else if (which("man") == null) {
      assertThat(gunzip(page)).contains(".SH NAME\ncheck_drbd \\- ");
    } else {
      Map<String, String> manEnv = new HashMap<>(env);
      manEnv.put("MANWIDTH", "80");
      manEnv.put("MANPAGER", "cat");
      manEnv.put("PAGER", "cat");
      Processes.Result man = run(manEnv, "man", "-l", page.toString());
      assertThat(man.exitCode()).as(man.stderr()).isZero();
      assertThat(man.stdout()).contains("check_drbd - strict DRBD health check", "--proc-drbd");
      // The 1vigil section still answers "man check_drbd".
      Processes.Result where = run(manEnv, "man", "-w", "check_drbd");
      assertThat(where.stdout().lines().toList()).as(where.stderr()).contains(page.toString());
    }

    // postinst made the start-up archives for this JDK (vigil-cds), one per check.
    try (Stream<Path> archives = Files.find(Path.of("/var/cache/vigil/cds"), 2,
        (p, a) -> p.getFileName().toString().matches("org\\.vigil\\..*\\.(jsa|aot)"))) {
      assertThat(archives.count()).as("archives in /var/cache/vigil/cds").isEqualTo(3);
    }

    // Remove: the program goes, the conffiles and the user stay until purge.
    assertDpkg("-r", "vigil");
    assertThat(packageStatus()).startsWith("deinstall ok config-files");
    for (String path : FILES.keySet()) {
      if (!CONFFILES.contains(path)) {
        assertThat(Path.of(path)).as("after dpkg -r").doesNotExist();
      }
    }
    for (String path : SYMLINKS.keySet()) {
      assertThat(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)).as(path).isFalse();
    }
    for (String dir : OWN_DIRECTORIES) {
      assertThat(Path.of(dir)).as("after dpkg -r").doesNotExist();
    }
    for (String conffile : CONFFILES) {
      assertThat(Path.of(conffile)).as("conffile after dpkg -r").isRegularFile();
    }
    assertThat(getent("passwd", "vigil-exporter")).as("user after dpkg -r").isNotEmpty();

    // Purge: nothing left.
    assertDpkg("-P", "vigil");
    assertThat(packageStatus()).satisfiesAnyOf(
        s -> assertThat(s).isEmpty(), s -> assertThat(s).contains("not-installed"));
    List<String> left = new ArrayList<>();
    Stream.of(FILES.keySet().stream(), SYMLINKS.keySet().stream(), OWN_DIRECTORIES.stream(),
            Stream.of("/etc/systemd/system/vigil-exporter.service",
                "/var/lib/systemd/deb-systemd-helper-masked/vigil-exporter.service",
                "/var/lib/systemd/deb-systemd-helper-enabled/vigil-exporter.service.dsh-also"))
        .flatMap(s -> s)
        .filter(p -> Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS))
        .forEach(left::add);
    assertThat(left).as("left after dpkg -P").isEmpty();
    assertThat(getent("passwd", "vigil-exporter")).as("user after purge").isEmpty();
    assertThat(getent("group", "vigil-exporter")).as("group after purge").isEmpty();
  }

  private void assertUser() throws Exception {
    String passwd = getent("passwd", "vigil-exporter");
    assertThat(passwd).as("the exporter's system user").isNotEmpty();
    String[] f = passwd.strip().split(":");
    assertThat(Integer.parseInt(f[2])).as("a system uid: " + passwd).isLessThan(1000);
    assertThat(f[5]).isEqualTo("/nonexistent");
    assertThat(Path.of("/nonexistent")).doesNotExist();
    assertThat(getent("group", "vigil-exporter")).isNotEmpty();
    if (!getent("group", "haclient").isEmpty()) {
      Processes.Result groups = run(Map.of(), "id", "-nG", "vigil-exporter");
      assertThat(List.of(groups.stdout().strip().split("\\s+"))).contains("haclient");
    }
  }

  // ------------------------------------------------------------------------------- helpers

  private static String skip(String reason) {
    System.err.println("DebPackageIT SKIPPED: " + reason);
    return reason;
  }

  private static void assumeTool(String tool, String reason) {
    Assumptions.assumeTrue(which(tool) != null, () -> skip(reason + " (" + tool + " not found)"));
  }

  private static void assertBuilt(Path artifact) throws IOException {
    if (!Files.isRegularFile(artifact)) {
      List<String> present;
      try (Stream<Path> s = Files.list(TARGET)) {
        present = s.map(p -> p.getFileName().toString()).sorted().toList();
      } catch (IOException e) {
        present = List.of("(no " + TARGET + ")");
      }
      throw new AssertionError(artifact + " not built (mvn -B -q package -DskipTests builds it);"
          + " in " + TARGET + ": " + present);
    }
  }

  static Path which(String tool) {
    for (String dir : STANDARD_PATH.split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isRoot() throws Exception {
    return run(Map.of(), "id", "-u").stdout().strip().equals("0");
  }

  /** Whether dpkg is told not to install man pages (as in minimal container images). */
  private static boolean manExcluded() throws IOException {
    Path dir = Path.of("/etc/dpkg/dpkg.cfg.d");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (Files.readString(f).lines().anyMatch(l -> l.startsWith("path-exclude")
            && l.contains("/usr/share/man"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code dpkg-query} status and version of vigil, empty when dpkg knows no such package. */
  private static String packageStatus() throws Exception {
    Processes.Result r = run(Map.of(), "dpkg-query", "-W", "-f", "${Status} ${Version}", "vigil");
    return r.exitCode() == 0 ? r.stdout().strip() : "";
  }

  private static String getent(String db, String key) throws Exception {
    Processes.Result r = run(Map.of(), "getent", db, key);
    return r.exitCode() == 0 ? r.stdout().strip() : "";
  }

  private static void assertDpkg(String... args) throws Exception {
    Processes.Result r = dpkg(args);
    assertThat(r.exitCode()).as("dpkg " + String.join(" ", args) + ":\n" + r.stdout() + r.stderr())
        .isZero();
  }

  /** dpkg ARGS, waiting up to 3 minutes while another process (apt) holds dpkg's lock. */
  private static Processes.Result dpkg(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("dpkg"));
    argv.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", STANDARD_PATH);
    env.put("DEBIAN_FRONTEND", "noninteractive");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      Processes.Result r = run(env, argv.toArray(String[]::new));
      boolean locked = r.exitCode() != 0 && r.stderr().contains("lock");
      if (!locked || System.nanoTime() > deadline) {
        return r;
      }
      System.err.println("DebPackageIT: dpkg is locked by another process; waiting");
      Thread.sleep(2000);
    }
  }

  private static Processes.Result run(Map<String, String> env, String... argv) throws Exception {
    return Processes.run(Path.of(System.getProperty("java.io.tmpdir")), "deb-it", TIMEOUT, env, argv);
  }

  private static Map<String, String> fields(String control) {
    Map<String, String> fields = new LinkedHashMap<>();
    String key = null;
    for (String line : control.lines().toList()) {
      if (line.startsWith(" ") && key != null) {
        fields.merge(key, "\n" + line.substring(1), String::concat);
      } else if (line.contains(":")) {
        key = line.substring(0, line.indexOf(':'));
        fields.put(key, line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return fields;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static String gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
