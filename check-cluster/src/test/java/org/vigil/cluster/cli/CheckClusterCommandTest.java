package org.vigil.cluster.cli;

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
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.Fixtures;

/** check_cluster's live mode against fake tools, and its command-line contract. */
class CheckClusterCommandTest {
  @TempDir Path dir;

  private Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static String fixture(String area, String file) {
    return Fixtures.path(area, file).toString();
  }

  private Path fakeCrmMon(String fixture) throws IOException {
    return script("crm_mon", "[ \"$LC_ALL\" = C ] || exit 9\n"
        + "[ \"$*\" = '-1 --output-as=xml' ] || exit 64\ncat '" + fixture + "'");
  }

  @Test
  void help_starts_with_the_version_and_exits_unknown() {
    PluginRun run = ClusterHarness.run("--help");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).startsWith("check_cluster (Vigil ").contains("--crm-mon-xml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--ignore-resource=(", "--failcount-warn=0",
      "--expect-nodes=0", "--stack=openais"})
  void bad_arguments_are_unknown(String arg) {
    PluginRun run = ClusterHarness.run(arg);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(ClusterHarness.firstLine(run)).startsWith("CLUSTER UNKNOWN - invalid arguments: ");
  }

  @Test
  void live_mode_reads_crm_mon_and_both_corosync_tools() throws IOException {
    Path crmMon = fakeCrmMon(fixture("cluster", "healthy-2-nodes.crm_mon.xml"));
    Path quorum = script("quorumtool",
        "cat '" + fixture("corosync", "3.1.2-2node-lms-ok.quorumtool") + "'");
    Path cfg = script("cfgtool",
        "cat '" + fixture("corosync", "3.1.7-knet-two-links-ok.cfgtool") + "'");
    PluginRun run = ClusterHarness.run("--crm-mon", crmMon.toString(), "--corosync-quorumtool",
        quorum.toString(), "--corosync-cfgtool", cfg.toString());
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.stdout()).contains("[OK] quorum: ", "[OK] link 0");
  }

  @Test
  void quorumtool_exit_2_is_read_as_not_quorate_not_as_a_failure() throws IOException {
    Path crmMon = fakeCrmMon(fixture("cluster", "healthy-2-nodes.crm_mon.xml"));
    Path quorum = script("quorumtool", "cat '"
        + fixture("corosync", "3.1-not-quorate-activity-blocked.quorumtool") + "'; exit 2");
    Path cfg = script("cfgtool", "cat '"
        + fixture("corosync", "2.x-ring0-faulty.cfgtool") + "'; exit 1");
    PluginRun run = ClusterHarness.run("--crm-mon", crmMon.toString(), "--corosync-quorumtool",
        quorum.toString(), "--corosync-cfgtool", cfg.toString());
    assertThat(run.exitCode()).as(run.stdout()).isEqualTo(2);
    assertThat(ClusterHarness.firstLine(run)).contains("quorum: partition is not quorate");
  }

  @Test
  void old_pacemaker_falls_back_to_as_xml() throws IOException {
    Path crmMon = script("crm_mon", "case \"$*\" in\n"
        + "  '-1 --output-as=xml') echo \"crm_mon: unrecognized option '--output-as=xml'\" >&2;"
        + " exit 64 ;;\n"
        + "  '-1 --as-xml') cat '" + fixture("cluster", "legacy-1.1.24-healthy.crm_mon.xml")
        + "' ;;\n  *) exit 65 ;;\nesac");
    PluginRun run = ClusterHarness.run("--crm-mon", crmMon.toString(), "--no-corosync");
    assertThat(run.exitCode()).as(run.stdout()).isZero();
  }

  @Test
  void missing_crm_mon_is_unknown() {
    PluginRun run = ClusterHarness.run("--crm-mon", dir.resolve("none").toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(ClusterHarness.firstLine(run)).isEqualTo(
        "CLUSTER UNKNOWN - cannot execute " + dir.resolve("none") + ": not found");
  }

  @Test
  void crm_mon_that_prints_nothing_and_fails_is_unknown_with_its_stderr() throws IOException {
    Path crmMon = script("crm_mon", "echo 'crm_mon: Connection to cluster failed' >&2; exit 102");
    PluginRun run = ClusterHarness.run("--crm-mon", crmMon.toString(), "--no-corosync");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(ClusterHarness.firstLine(run)).endsWith(
        "exited with status 102: crm_mon: Connection to cluster failed");
  }

  @Test
  void a_hanging_crm_mon_is_killed_within_the_timeout() throws IOException {
    Path crmMon = script("crm_mon", "sleep 60");
    long start = System.nanoTime();
    PluginRun run = ClusterHarness.run("--crm-mon", crmMon.toString(), "-t", "1");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(ClusterHarness.firstLine(run)).containsAnyOf("did not finish within",
        "plugin timeout");
    // A bound on a hang, not a performance assertion.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
  }

  @Test
  void heartbeat_live_mode_runs_cl_status() throws IOException {
    Path cl = script("cl_status", "case \"$*\" in\n"
        + "  hbstatus) echo 'Heartbeat is running on this machine.' ;;\n"
        + "  listnodes) printf 'alpha\\nbeta\\n' ;;\n"
        + "  'nodestatus alpha') echo active ;;\n"
        + "  'nodestatus beta') echo dead; exit 1 ;;\n"
        + "  rscstatus) echo all ;;\n  *) exit 12 ;;\nesac");
    PluginRun run = ClusterHarness.run("--stack", "heartbeat", "--cl-status", cl.toString());
    assertThat(run.exitCode()).as(run.stdout()).isEqualTo(2);
    assertThat(ClusterHarness.firstLine(run)).contains("node beta: ");
  }
}
