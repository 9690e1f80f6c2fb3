package org.vigil.drbd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract: exit codes, usage errors, timeouts and the DRBD 9 path. */
class CheckDrbdCommandTest {
  private static final String HEALTHY_84 = "version: 8.4.11-1 (api:1/proto:86-101)\n"
      + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by x@y, 2018-04-26 12:10:42\n"
      + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
      + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
      + " 1: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n"
      + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
  private static final String DRBD9_HEADER = "version: 9.2.8 (api:2/proto:86-122)\n"
      + "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by x, 2024-02-16 09:45:16\n"
      + "Transports (api:20): tcp (9.2.8)\n";
  private static final String JSON_OK = "[{\"name\":\"r0\",\"role\":\"Primary\",\"devices\":"
      + "[{\"volume\":0,\"minor\":0,\"disk-state\":\"UpToDate\"}],\"connections\":[{\"name\":"
      + "\"beta\",\"connection-state\":\"Connected\",\"peer-role\":\"Secondary\",\"peer_devices\":"
      + "[{\"volume\":0,\"replication-state\":\"Established\",\"peer-disk-state\":\"UpToDate\"}]}]}]";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path script(String name, String body) throws IOException {
    Path p = write(name, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void help_prints_usage_and_policy_and_exits_unknown() {
    PluginHarness.Run run = PluginHarness.run("--help");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).startsWith("check_drbd (Vigil ");
    assertThat(run.stdout()).contains("Usage: check_drbd", "--proc-drbd", "CRITICAL: peer disk",
        "Exit codes:", "  3   UNKNOWN", "Examples:");
  }

  @Test
  void version_exits_unknown() {
    PluginHarness.Run run = PluginHarness.run("-V");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).startsWith("check_drbd (Vigil) ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "-w", "-w=12x", "-c=@", "--expect-role=Leader", "-t=abc",
      "-t=0", "-t=100000", "positional"})
  void bad_arguments_are_unknown_with_one_status_line(String arg) {
    PluginHarness.Run run = PluginHarness.run(arg);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).startsWith("DRBD UNKNOWN - invalid arguments: ");
    assertThat(run.stdout()).doesNotContain("Exception");
  }

  @Test
  void missing_file_is_unknown_and_says_so() {
    PluginHarness.Run run = PluginHarness.run("--proc-drbd", dir.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).isEqualTo(
        "DRBD UNKNOWN - cannot read " + dir.resolve("nope") + ": no such file");
  }

  @Test
  void resource_selection_by_minor_and_name_and_absent_resource() throws IOException {
    Path f = write("proc", HEALTHY_84);
    PluginHarness.Run one = PluginHarness.run("--proc-drbd", f.toString(), "-r", "1");
    assertThat(one.exitCode()).isZero();
    assertThat(one.firstLine()).startsWith("DRBD OK - 1 resource healthy (drbd1)");
    PluginHarness.Run absent = PluginHarness.run("--proc-drbd", f.toString(), "-r", "drbd0",
        "-r", "r9");
    assertThat(absent.exitCode()).isEqualTo(2);
    assertThat(absent.firstLine()).startsWith(
        "DRBD CRITICAL - r9: selected resource not found in /proc/drbd (DRBD 8)");
    assertThat(absent.lines()).contains("[OK] drbd0: Connected Primary/Secondary UpToDate/UpToDate");
  }

  @Test
  void expected_role_is_enforced() throws IOException {
    Path f = write("proc", HEALTHY_84);
    PluginHarness.Run run = PluginHarness.run("--proc-drbd", f.toString(), "--expect-role",
        "primary");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.firstLine()).contains("drbd1: role Secondary, expected Primary");
  }

  @Test
  void verbose_adds_counter_details() throws IOException {
    Path f = write("proc", HEALTHY_84);
    PluginHarness.Run run = PluginHarness.run("--proc-drbd", f.toString(), "-v");
    assertThat(run.stdout()).contains("    disk read 0 B, written 0 B", "    write ordering: flush");
  }

  @Test
  void drbd9_runs_drbdsetup_and_evaluates_its_json() throws IOException {
    Path proc = write("proc", DRBD9_HEADER);
    Path json = write("status.json", JSON_OK);
    Path drbdsetup = script("drbdsetup",
        "[ \"$*\" = 'status --json' ] || exit 20\n[ \"$LC_ALL\" = C ] || exit 21\ncat " + json);
    PluginHarness.Run run = PluginHarness.run(
        "--proc-drbd", proc.toString(), "--drbdsetup", drbdsetup.toString());
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.firstLine()).startsWith("DRBD OK - 1 resource healthy (r0)");
  }

  @Test
  void drbd9_without_drbdsetup_is_unknown_never_ok() throws IOException {
    Path proc = write("proc", DRBD9_HEADER);
    PluginHarness.Run run = PluginHarness.run(
        "--proc-drbd", proc.toString(), "--drbdsetup", dir.resolve("none").toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).isEqualTo("DRBD UNKNOWN - DRBD 9 detected (/proc/drbd holds no"
        + " device state), but cannot execute " + dir.resolve("none") + ": not found");
  }

  @Test
  void drbdsetup_failure_names_exit_status_and_stderr() throws IOException {
    Path proc = write("proc", DRBD9_HEADER);
    Path drbdsetup = script("drbdsetup", "echo 'status: unrecognized option --json' >&2; exit 20");
    PluginHarness.Run run = PluginHarness.run(
        "--proc-drbd", proc.toString(), "--drbdsetup", drbdsetup.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).isEqualTo("DRBD UNKNOWN - " + drbdsetup
        + " status --json exited with status 20: status: unrecognized option --json");
  }

  @Test
  void drbdsetup_garbage_is_a_parse_error_of_that_command() throws IOException {
    Path proc = write("proc", DRBD9_HEADER);
    Path drbdsetup = script("drbdsetup", "echo '[{\"name\": \"r0\", \"role\": \"Boss\"}]'");
    PluginHarness.Run run = PluginHarness.run(
        "--proc-drbd", proc.toString(), "--drbdsetup", drbdsetup.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).isEqualTo(
        "DRBD UNKNOWN - " + drbdsetup + " status --json line 1: unknown role 'Boss'");
  }

  @Test
  void a_hanging_drbdsetup_is_killed_and_reported_within_the_timeout() throws IOException {
    Path proc = write("proc", DRBD9_HEADER);
    Path drbdsetup = script("drbdsetup", "sleep 60");
    long start = System.nanoTime();
    PluginHarness.Run run = PluginHarness.run(
        "--proc-drbd", proc.toString(), "--drbdsetup", drbdsetup.toString(), "-t", "1");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).startsWith("DRBD UNKNOWN - ").contains("drbdsetup");
    assertThat(run.firstLine()).containsAnyOf("did not finish within", "plugin timeout");
    // A bound on a hang, not a performance assertion: -t 1 must not wait for sleep 60.
    assertThat(millis).isLessThan(5000);
  }

  @Test
  void stdin_is_read_with_a_dash() throws IOException {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(HEALTHY_84.getBytes(StandardCharsets.UTF_8)));
      PluginHarness.Run run = PluginHarness.run("--proc-drbd", "-");
      assertThat(run.exitCode()).isZero();
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void status_json_file_option() throws IOException {
    Path json = write("s.json", JSON_OK.replace("\"UpToDate\"}]}]}]", "\"DUnknown\"}]}]}]"));
    PluginHarness.Run run = PluginHarness.run("--status-json", json.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.firstLine()).startsWith("DRBD CRITICAL - r0: peer beta: peer disk DUnknown"
        + " while Connected: the peer's data is unknown, a failover may roll data back");
  }

  @Test
  void symlinked_input_files_are_refused() throws IOException {
    Path target = write("proc", HEALTHY_84);
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, target);
    PluginHarness.Run run = PluginHarness.run("--proc-drbd", link.toString());
    assertThat(run.exitCode()).isEqualTo(3);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "8.4-connected-secondary-primary.proc-drbd|0|SAFE - drbd0: local disk UpToDate, 1 peer"
        + " connected with known disk state",
    "8.4-peer-dunknown-while-connected.proc-drbd|1|UNSAFE - drbd0: peer disk DUnknown while"
        + " connected",
    "8.4-disk-outdated-local-and-peer.proc-drbd|1|UNSAFE - drbd0: local disk Outdated, not UpToDate",
    "8.4-standalone-split-brain-teardown.proc-drbd|1|UNSAFE - drbd0: peer StandAlone: the peer's"
        + " data is unknown",
    "8.4-io-suspended.proc-drbd|1|UNSAFE - drbd0: I/O is suspended",
    "8.4-unknown-cs-word.proc-drbd|1|UNSAFE - cannot tell: "
  })
  void promotion_guard_says_safe_only_for_uptodate_and_known_peer(
      String fixture, int exit, String line) {
    PluginHarness.Run run = PluginHarness.run("--promotion-guard", "-r", "0", "--proc-drbd",
        org.vigil.fixtures.Fixtures.path("drbd", fixture).toString());
    assertThat(run.exitCode()).isEqualTo(exit);
    assertThat(run.firstLine()).startsWith(line);
    assertThat(run.lines()).hasSize(1);
  }

  @Test
  void promotion_guard_without_exactly_one_resource_or_with_an_absent_one_says_no()
      throws IOException {
    Path f = write("proc", HEALTHY_84);
    assertThat(PluginHarness.run("--promotion-guard", "--proc-drbd", f.toString()).exitCode())
        .isEqualTo(1);
    PluginHarness.Run absent = PluginHarness.run("--promotion-guard", "-r", "r9", "--proc-drbd",
        f.toString());
    assertThat(absent.exitCode()).isEqualTo(1);
    assertThat(absent.firstLine()).isEqualTo("UNSAFE - r9: resource not found");
  }

  @Test
  void promotion_guard_on_drbd9_requires_every_peer() throws IOException {
    Path json = write("s.json", JSON_OK.replace("\"Connected\"", "\"Connecting\""));
    PluginHarness.Run run = PluginHarness.run("--promotion-guard", "-r", "r0", "--status-json",
        json.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.firstLine()).isEqualTo(
        "UNSAFE - r0: peer beta Connecting: the peer's data is unknown");
  }
}
