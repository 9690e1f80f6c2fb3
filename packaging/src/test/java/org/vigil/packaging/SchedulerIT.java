package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.packaging.MonitoringConfigIT.BIN;
import static org.vigil.packaging.MonitoringConfigIT.PLUGIN_DIR;
import static org.vigil.packaging.MonitoringConfigIT.ROOT;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * The plugins run by real schedulers, through the shipped command definitions, on fixtures whose
 * verdicts the manifests fix:
 *
 * <ul>
 *   <li>Nagios 4 ({@code nagios4}, as root: it drops to the nagios user) runs three services
 *       with {@code check_vigil_drbd_args} from {@code packaging/nagios/vigil.cfg} every 2 s on
 *       an OK, a CRITICAL and an UNKNOWN /proc/drbd; the states and outputs are read from its
 *       status.dat. The plugins, jar and fixtures are copied to a world-readable directory in
 *       the checkout's layout (bin/, lib/, target/vigil.jar), as the nagios user cannot be
 *       assumed to read the checkout.
 *   <li>Icinga 2 ({@code icinga2 daemon} with the checker, as the calling user) runs the
 *       CheckCommands of {@code packaging/icinga2/vigil.conf} with custom variables set (a
 *       flag, a repeated option, a number, a flag set to false); the exact argv Icinga built
 *       is read from its log and the results from the state file it writes when stopped.
 * </ul>
 *
 * <p>Each scheduler runs with every path under a temporary directory and is stopped (SIGTERM,
 * then SIGKILL) with all its processes. Skipped, saying why, without the tool or, for Nagios,
 * without root or the nagios user.
 */
class SchedulerIT {
  private static final Path FIXTURES = ROOT.resolve("test-fixtures");
  private static final Path JAR = ROOT.resolve("packaging/target/vigil.jar");
  private static final Duration CHECKS_DEADLINE = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Map<String, Integer> EXIT =
      Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);

  private static Path nagios4;
  private static Path icinga2;
  private Path workdir;

  @BeforeAll
  static void find_tools() {
    nagios4 = Processes.findTool("nagios4");
    icinga2 = Processes.findTool("icinga2");
    if (nagios4 == null) {
      System.err.println("SchedulerIT SKIPPED nagios4: not installed (apt-get install -y"
          + " nagios4-core)");
    }
    if (icinga2 == null) {
      System.err.println("SchedulerIT SKIPPED icinga2: not installed (apt-get install -y"
          + " icinga2-bin icinga2-common)");
    }
  }

  @AfterEach
  void remove_workdir() throws IOException {
    if (workdir != null) {
      MonitoringConfigIT.deleteTree(workdir);
      workdir = null;
    }
  }

  /** A manifest row: its fixture, expected status and fragments. */
  private static FixtureCase row(String area, String file, String args) {
    List<String> wanted = args.isEmpty() ? List.of() : List.of(args.split(" "));
    return Fixtures.manifest(area).stream()
        .filter(c -> c.file().equals(file) && c.args().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalStateException(area + "/MANIFEST.tsv has no row " + file
            + " with args '" + args + "'"));
  }

  // ----------------------------------------------------------------------------------------
  // Nagios 4

  @Test
  void nagios4_runs_the_checks_and_records_ok_critical_and_unknown() throws Exception {
    MonitoringConfigIT.assumeTool(nagios4, "nagios4", "nagios4-core");
    String reason = !MonitoringConfigIT.isRoot()
        ? "not root: nagios4 is started as root and drops to the nagios user"
        : !MonitoringConfigIT.userExists("nagios") ? "no nagios user (made by nagios4-common)"
        : null;
    if (reason != null) {
      System.err.println("SchedulerIT SKIPPED nagios4: " + reason);
      Assumptions.abort("SchedulerIT skipped: " + reason);
    }
    assertThat(JAR).as("build the jar first: mvn -B -q package -DskipTests").isRegularFile();
    workdir = MonitoringConfigIT.readableTempDir("vigil-nagios-run-");

    // The checkout's layout, readable by nagios: vigil/bin, vigil/lib, vigil/target/vigil.jar.
    Path vigil = workdir.resolve("vigil");
    for (String d : List.of("bin", "lib", "target")) {
      MonitoringConfigIT.setMode(Files.createDirectories(vigil.resolve(d)), "rwxr-xr-x");
    }
    MonitoringConfigIT.setMode(vigil, "rwxr-xr-x");
    for (String p : List.of("check_drbd", "check_raid", "check_cluster")) {
      MonitoringConfigIT.copyReadable(BIN.resolve(p), vigil.resolve("bin").resolve(p));
    }
    MonitoringConfigIT.copyReadable(ROOT.resolve("packaging/lib/vigil-java"),
        vigil.resolve("lib/vigil-java"));
    MonitoringConfigIT.copyReadable(JAR, vigil.resolve("target/vigil.jar"));
    Path fixtures = Files.createDirectory(workdir.resolve("fixtures"));
    MonitoringConfigIT.setMode(fixtures, "rwxr-xr-x");

    Map<String, FixtureCase> services = new LinkedHashMap<>();
    services.put("drbd-ok", row("drbd", "8.4-connected-secondary-primary.proc-drbd", ""));
    services.put("drbd-critical", row("drbd", "8.4-peer-dunknown-while-connected.proc-drbd", ""));
    services.put("drbd-unknown", row("drbd", "8.4-truncated-counter-line.proc-drbd", ""));
    assertThat(services.values()).extracting(FixtureCase::status)
        .containsExactly("OK", "CRITICAL", "UNKNOWN");
    StringBuilder defs = new StringBuilder();
    for (var s : services.entrySet()) {
      Path copy = MonitoringConfigIT.copyReadable(s.getValue().path(),
          fixtures.resolve(s.getValue().file()));
      defs.append("""
          define service {
              use                 vigil-test-service
              host_name           ha-node1
              service_description %s
              check_command       check_vigil_drbd_args!--proc-drbd %s
              check_interval      2
              retry_interval      2
          }
          """.formatted(s.getKey(), copy));
    }
    // The shipped commands, with the plugin directory of this copy.
    String cfg = Files.readString(MonitoringConfigIT.NAGIOS_CFG, StandardCharsets.UTF_8)
        .replace(PLUGIN_DIR + "/", vigil.resolve("bin") + "/");
    Path vigilCfg = Files.writeString(workdir.resolve("vigil.cfg"), cfg, StandardCharsets.UTF_8);
    MonitoringConfigIT.setMode(vigilCfg, "rw-r--r--");
    Path main = MonitoringConfigIT.writeNagiosConfig(workdir, vigilCfg, defs.toString(), false,
        "interval_length=1", "status_update_interval=1", "check_result_reaper_frequency=1",
        "service_inter_check_delay_method=n", "host_inter_check_delay_method=n",
        "max_service_check_spread=1", "max_host_check_spread=1",
        "retain_state_information=0", "use_retained_program_state=0",
        "use_retained_scheduling_info=0", "enable_notifications=0", "enable_event_handlers=0",
        "enable_flap_detection=0", "process_performance_data=0", "check_service_freshness=0",
        "check_host_freshness=0", "execute_host_checks=0", "service_check_timeout=60");
    Path var = workdir.resolve("var");
    Path statusDat = var.resolve("status.dat");

    Process nagios = start(workdir, "nagios4", Map.of("LC_ALL", "C"),
        nagios4.toString(), main.toString());
    long t0 = System.nanoTime();
    Map<String, Map<String, String>> checked = thenStop(nagios, "nagios4", () -> waitFor(nagios,
        CHECKS_DEADLINE, () -> {
          Map<String, Map<String, String>> status = serviceStatus(statusDat);
          boolean all = services.keySet().stream().allMatch(s -> status.containsKey(s)
              && "1".equals(status.get(s).get("has_been_checked")));
          return all ? Optional.of(status) : Optional.empty();
        }, () -> "nagios4 status " + statusDat + ":\n" + readOr(statusDat) + "\nnagios.log:\n"
            + readOr(var.resolve("nagios.log")) + "\n" + output(workdir, "nagios4")));
    System.err.printf("SchedulerIT nagios4: all services checked after %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    for (var s : services.entrySet()) {
      Map<String, String> st = checked.get(s.getKey());
      FixtureCase c = s.getValue();
      String text = st.get("plugin_output") + "\n" + st.getOrDefault("long_plugin_output", "")
          .replace("\\n", "\n") + " | " + st.getOrDefault("performance_data", "");
      System.err.printf("SchedulerIT nagios4 %s: current_state=%s %s%n", s.getKey(),
          st.get("current_state"), st.get("plugin_output"));
      assertThat(st.get("current_state")).as("%s (%s): %s", s.getKey(), c, st)
          .isEqualTo(String.valueOf(EXIT.get(c.status())));
      assertThat(st.get("plugin_output")).as(s.getKey()).startsWith("DRBD " + c.status() + " - ");
      for (String fragment : c.fragments()) {
        assertThat(text).as(s.getKey()).contains(fragment);
      }
    }
  }

  /** host_name!service_description -> its servicestatus block of status.dat, by service. */
  static Map<String, Map<String, String>> serviceStatus(Path statusDat) throws IOException {
    Map<String, Map<String, String>> services = new LinkedHashMap<>();
    if (!Files.isRegularFile(statusDat)) {
      return services;
    }
    Matcher block = Pattern.compile("(?ms)^servicestatus \\{\\n(.*?)^\\s*\\}")
        .matcher(Files.readString(statusDat, StandardCharsets.UTF_8));
    while (block.find()) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : block.group(1).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
      }
      services.put(fields.get("service_description"), fields);
    }
    return services;
  }

  // ----------------------------------------------------------------------------------------
  // Icinga 2

  /** One Icinga service: its custom variables, the argv they must give, and the verdict. */
  record IcingaService(String name, String command, String vars, List<String> argv,
      FixtureCase expected) {}

  @Test
  void icinga2_runs_the_check_commands_with_the_arguments_the_variables_map_to() throws Exception {
    MonitoringConfigIT.assumeTool(icinga2, "icinga2", "icinga2-bin icinga2-common");
    workdir = MonitoringConfigIT.readableTempDir("vigil-icinga2-run-");
    String drbd = BIN.resolve("check_drbd").toString();
    FixtureCase dual = row("drbd", "8.4-connected-dual-primary-srcversion.proc-drbd",
        "--allow-dual-primary -w 0 -c 1048576");
    FixtureCase v9 = row("drbd", "9-version-only.proc-drbd",
        "--drbdsetup /nonexistent/drbdsetup");
    FixtureCase md = row("mdadm", "raid1-two-arrays-healthy.mdstat", "-a md1 -a /dev/md0");
    FixtureCase crm = row("cluster", "healthy-2-nodes.crm_mon.xml", "--expect-nodes 3");
    List<IcingaService> services = List.of(
        new IcingaService("drbd", "vigil-drbd", """
            vars.vigil_drbd_proc_drbd = "%s"
            vars.vigil_drbd_allow_dual_primary = true
            vars.vigil_drbd_allow_diskless = false
            vars.vigil_drbd_warning = "0"
            vars.vigil_drbd_critical = "1048576"
            """.formatted(dual.path()),
            List.of(drbd, "--allow-dual-primary", "--critical", "1048576",
                "--proc-drbd", dual.path().toString(), "--warning", "0"), dual),
        new IcingaService("drbd9", "vigil-drbd", """
            vars.vigil_drbd_proc_drbd = "%s"
            vars.vigil_drbd_drbdsetup = "/nonexistent/drbdsetup"
            """.formatted(v9.path()),
            List.of(drbd, "--drbdsetup", "/nonexistent/drbdsetup",
                "--proc-drbd", v9.path().toString()), v9),
        new IcingaService("raid", "vigil-raid", """
            vars.vigil_raid_mdstat = "%s"
            vars.vigil_raid_array = [ "md1", "/dev/md0" ]
            """.formatted(md.path()),
            List.of(BIN.resolve("check_raid").toString(), "--array", "md1", "--array",
                "/dev/md0", "--mdstat", md.path().toString()), md),
        new IcingaService("cluster", "vigil-cluster", """
            vars.vigil_cluster_crm_mon_xml = "%s"
            vars.vigil_cluster_expect_nodes = 3
            vars.vigil_cluster_warn_bans = false
            """.formatted(crm.path()),
            List.of(BIN.resolve("check_cluster").toString(), "--crm-mon-xml",
                crm.path().toString(), "--expect-nodes", "3"), crm));

    StringBuilder objects = new StringBuilder("""
        object CheckerComponent "checker" { }
        object Host "ha-node1" {
          check_command = "dummy"
          check_interval = 1h
        }
        template Service "vigil-test-service" {
          host_name = "ha-node1"
          check_interval = 2s
          retry_interval = 2s
          max_check_attempts = 1
          vars.vigil_plugin_dir = "%s"
        }
        """.formatted(BIN));
    for (IcingaService s : services) {
      objects.append("object Service \"").append(s.name()).append("\" {\n")
          .append("  import \"vigil-test-service\"\n")
          .append("  check_command = \"").append(s.command()).append("\"\n")
          .append(s.vars().indent(2)).append("}\n");
    }
    String conf = """
        const NodeName = "vigil-scheduler-test"
        include <itl>
        include "%s"
        """.formatted(MonitoringConfigIT.ICINGA_CONF) + objects;
    for (String d : List.of("cache", "data", "log", "spool", "run/icinga2")) {
      Files.createDirectories(workdir.resolve(d));
    }
    Path confFile = Files.writeString(workdir.resolve("icinga2.conf"), conf,
        StandardCharsets.UTF_8);
    List<String> argv = new ArrayList<>(List.of(icinga2.toString(), "daemon", "-c",
        confFile.toString(), "-x", "notice"));
    argv.addAll(MonitoringConfigIT.icingaDirs(workdir));

    Process icinga = start(workdir, "icinga2", MonitoringConfigIT.icingaEnv(),
        argv.toArray(String[]::new));
    long t0 = System.nanoTime();
    thenStop(icinga, "icinga2", () -> waitFor(icinga, CHECKS_DEADLINE, () -> {
      Map<List<String>, Integer> done = terminated(output(workdir, "icinga2"));
      boolean all = services.stream().allMatch(s -> done.keySet().stream()
          .anyMatch(a -> a.contains(s.expected().path().toString())));
      return all ? Optional.of(done) : Optional.empty();
    }, () -> "icinga2 output:\n" + output(workdir, "icinga2")));
    // Read after the stop: runs that ended meanwhile count too (the last one wins).
    Map<List<String>, Integer> ran = terminated(output(workdir, "icinga2"));
    System.err.printf("SchedulerIT icinga2: every service's plugin ran after %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    String state = Files.readString(workdir.resolve("data/icinga2.state"),
        StandardCharsets.UTF_8);
    for (IcingaService s : services) {
      FixtureCase c = s.expected();
      List<String> run = ran.keySet().stream()
          .filter(a -> a.contains(c.path().toString())).findFirst().orElseThrow();
      assertThat(run).as("argv Icinga built for service %s", s.name())
          .containsExactlyElementsOf(s.argv());
      assertThat(ran.get(run)).as("exit code of %s (%s)", s.name(), c)
          .isEqualTo(EXIT.get(c.status()));
      Map<String, String> result = lastCheckResult(state, "ha-node1!" + s.name());
      System.err.printf("SchedulerIT icinga2 %s: state %s %s%n", s.name(), result.get("state"),
          result.get("output").lines().findFirst().orElse(""));
      assertThat(result.get("exit_status")).as(s.name()).isEqualTo(
          String.valueOf(EXIT.get(c.status())));
      assertThat(result.get("output")).as(s.name()).startsWith(c.fragments().get(0));
      for (String fragment : c.fragments()) {
        assertThat(result.get("output") + " | " + result.get("performance_data"))
            .as(s.name()).contains(fragment);
      }
    }
  }

  /**
   * The argv and exit code of each plugin run Icinga logged at notice level: {@code
   * notice/Process: PID n ('arg' 'arg' ...) terminated with exit code e}; the last run wins.
   */
  static Map<List<String>, Integer> terminated(String log) {
    Map<List<String>, Integer> runs = new LinkedHashMap<>();
    Matcher m = Pattern.compile(
        "(?m)notice/Process: PID \\d+ \\((.*)\\) terminated with exit code (\\d+)$").matcher(log);
    while (m.find()) {
      List<String> argv = new ArrayList<>();
      Matcher a = Pattern.compile("'([^']*)'").matcher(m.group(1));
      while (a.find()) {
        argv.add(a.group(1));
      }
      runs.put(argv, Integer.parseInt(m.group(2)));
    }
    return runs;
  }

  /**
   * exit_status, state, output and performance_data of the last check result of an object in
   * Icinga's state file (netstrings, each a JSON object with name, type and update).
   */
  static Map<String, String> lastCheckResult(String state, String name) {
    String record = null;
    int i = 0;
    byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
    while (i < bytes.length) {
      int colon = i;
      while (colon < bytes.length && bytes[colon] != ':') {
        colon++;
      }
      int length = Integer.parseInt(new String(bytes, i, colon - i, StandardCharsets.US_ASCII));
      String json = new String(bytes, colon + 1, length, StandardCharsets.UTF_8);
      if (json.startsWith("{\"name\":" + jsonString(name) + ",")) {
        record = json;
      }
      i = colon + 1 + length + 1; // the netstring's trailing ','
    }
    assertThat(record).as("%s in the Icinga state file", name).isNotNull();
    int at = record.indexOf("\"last_check_result\":{");
    assertThat(at).as("last_check_result of %s", name).isNotNegative();
    String result = record.substring(at);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String key : List.of("exit_status", "state")) {
      Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(result);
      assertThat(m.find()).as("%s of %s", key, name).isTrue();
      fields.put(key, m.group(1));
    }
    Matcher out = Pattern.compile("\"output\":(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(result);
    assertThat(out.find()).as("output of %s", name).isTrue();
    fields.put("output", unescape(out.group(1)));
    Matcher perf = Pattern.compile("\"performance_data\":\\[(.*?)\\]").matcher(result);
    fields.put("performance_data", perf.find() ? perf.group(1) : "");
    return fields;
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String unescape(String quoted) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          b.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(e);
      }
    }
    return b.toString();
  }

  // ----------------------------------------------------------------------------------------
  // Running a scheduler

  /** Starts a daemon in the foreground, output to {@code dir/label.out} (stderr merged). */
  private static Process start(Path dir, String label, Map<String, String> env, String... argv)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve(label + ".out").toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    System.err.println("SchedulerIT: starting " + String.join(" ", argv));
    return pb.start();
  }

  private static String output(Path dir, String label) {
    return readOr(dir.resolve(label + ".out"));
  }

  private static String readOr(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + ": " + e + ")";
    }
  }

  interface Poll<T> {
    Optional<T> poll() throws Exception;
  }

  interface Context {
    String get();
  }

  /** Polls every 250 ms until done, the process exits (a failure) or the deadline passes. */
  private static <T> T waitFor(Process p, Duration deadline, Poll<T> poll, Context context)
      throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<T> done = poll.poll();
      if (done.isPresent()) {
        return done.get();
      }
      if (!p.isAlive()) {
        throw new AssertionError("the scheduler exited with " + p.exitValue()
            + " before every service was checked\n" + context.get());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("not every service was checked within " + deadline + "\n"
            + context.get());
      }
      Thread.sleep(250);
    }
  }

  /** Runs body, then stops the scheduler; a failure to stop never hides the body's failure. */
  private static <T> T thenStop(Process p, String label, java.util.concurrent.Callable<T> body)
      throws Exception {
    T result;
    try {
      result = body.call();
    } catch (Throwable t) {
      try {
        stop(p, label);
      } catch (Throwable s) {
        t.addSuppressed(s);
      }
      throw t;
    }
    stop(p, label);
    return result;
  }

  /**
   * SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}, and the same for every process it had
   * started (workers, running plugins); fails if any is still there after that.
   */
  private static void stop(Process p, String label) throws InterruptedException {
    List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
    p.destroy();
    if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      System.err.println("SchedulerIT: " + label + " ignored SIGTERM for " + STOP_TIMEOUT
          + ", killing it");
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    family.addAll(p.descendants().toList());
    List<String> left = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : family) {
      while (h.isAlive() && System.nanoTime() < end) {
        Thread.sleep(100);
      }
      if (h.isAlive()) {
        left.add(h.pid() + " " + h.info().commandLine().orElse("?"));
        h.destroyForcibly();
      }
    }
    assertThat(p.isAlive()).as("%s still running after SIGKILL", label).isFalse();
    assertThat(left).as("processes %s left behind after it stopped (now killed)", label)
        .isEmpty();
  }
}
