package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * The shipped wrapper, as Nagios runs it: a new process per check, the jar built by the README's
 * build command, stdout and the exit code only.
 */
@org.junit.jupiter.api.parallel.Execution(
    org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class WrapperIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path WRAPPER = ROOT.resolve("packaging/bin/check_drbd");
  private static final Path CHECK_RAID = ROOT.resolve("packaging/bin/check_raid");
  private static final Map<String, Integer> EXIT =
      Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);


  static Processes.Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(WRAPPER, env, args);
  }

  static Processes.Result run(Path wrapper, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(wrapper.toString());
    argv.addAll(List.of(args));
    return Processes.run(Path.of(System.getProperty("java.io.tmpdir")), "wrapper",
        java.time.Duration.ofSeconds(60), env, argv.toArray(String[]::new));
  }

  static List<FixtureCase> drbdCases() {
    return Fixtures.manifest("drbd");
  }

  static List<FixtureCase> clusterCases() {
    List<FixtureCase> cases = new ArrayList<>(Fixtures.manifest("cluster"));
    cases.addAll(Fixtures.manifest("corosync"));
    cases.addAll(Fixtures.manifest("heartbeat"));
    return cases;
  }

  static List<FixtureCase> raidCases() {
    List<FixtureCase> cases = new ArrayList<>(Fixtures.manifest("mdadm"));
    cases.addAll(Fixtures.manifest("btrfs"));
    cases.addAll(Fixtures.manifest("btrfs-real"));
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drbdCases")
  void every_drbd_fixture_gets_its_verdict_through_the_wrapper(FixtureCase c) throws Exception {
    assertVerdict(WRAPPER, "DRBD", c, c.commandLine(
        Map.of(".json", "--status-json", ".proc-drbd", "--proc-drbd"),
        List.of("--drbdsetup", "/nonexistent/drbdsetup")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("raidCases")
  void every_raid_fixture_gets_its_verdict_through_the_wrapper(FixtureCase c) throws Exception {
    assertVerdict(CHECK_RAID, "RAID", c, c.commandLine(RAID_INPUTS, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusterCases")
  void every_cluster_fixture_gets_its_verdict_through_the_wrapper(FixtureCase c)
      throws Exception {
    assertVerdict(ROOT.resolve("packaging/bin/check_cluster"), "CLUSTER", c,
        c.commandLine(Map.of(".crm_mon.xml", "--crm-mon-xml", ".quorumtool", "--quorumtool",
            ".cfgtool", "--cfgtool", ".cl_status", "--heartbeat"), List.of()));
  }

  static final Map<String, String> RAID_INPUTS = Map.of(
      ".mdstat", "--mdstat", ".detail", "--mdadm-detail",
      ".scrub-status", "--btrfs-scrub-status", ".scrub-status-raw", "--btrfs-scrub-status",
      ".scrub-status-dev-raw", "--btrfs-scrub-status",
      ".device-stats", "--btrfs-device-stats");

  private static void assertVerdict(Path wrapper, String service, FixtureCase c, List<String> args)
      throws Exception {
    Processes.Result r = run(wrapper, Map.of(), args.toArray(String[]::new));
    assertThat(r.stdout()).startsWith(service + " " + c.status() + " - ");
    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(EXIT.get(c.status()));
    for (String fragment : c.fragments()) {
      assertThat(r.stdout()).contains(fragment);
    }
    assertThat(r.stderr()).as("nothing on stderr").isEmpty();
  }

  @Test
  void missing_java_is_unknown_not_a_shell_error() throws Exception {
    Processes.Result r = run(Map.of("JAVA_HOME", "/nonexistent/jdk"), "--help");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).startsWith("DRBD UNKNOWN - java not found");
  }

  @Test
  void missing_jar_is_unknown() throws Exception {
    Processes.Result r = run(Map.of("VIGIL_JAR", "/nonexistent/vigil.jar"), "--help");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).startsWith("DRBD UNKNOWN - VIGIL_JAR=/nonexistent/vigil.jar: no such");
  }

  @Test
  void runs_through_a_symlink_as_installed_plugins_often_are() throws Exception {
    Path link = java.nio.file.Files.createTempDirectory("vigil").resolve("check_drbd");
    java.nio.file.Files.createSymbolicLink(link, WRAPPER);
    ProcessBuilder pb = new ProcessBuilder(link.toString(), "-V");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith("check_drbd (Vigil) ");
    assertThat(p.exitValue()).isEqualTo(3);
  }
}
