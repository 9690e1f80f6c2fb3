package org.vigil.raid.cli;

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
import org.vigil.core.CommandRunner;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.Fixtures;

/** The command-line contract of check_raid: modes, exit codes, the btrfs tool, mounts. */
class CheckRaidCommandTest {
  private static final String NOW = "2026-11-26T00:00:00Z";
  private static final String NO_ARRAYS = "Personalities : \nunused devices: <none>\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** A fake btrfs that answers like the real one from captured outputs of a clean RAID1. */
  private Path fakeBtrfs(String scrubFixture, String statsFixture) throws IOException {
    Path real = Fixtures.root().resolve("btrfs-real");
    Path p = write("btrfs", "#!/bin/sh\n"
        + "[ \"$LC_ALL\" = C ] || { echo 'locale not C' >&2; exit 9; }\n"
        + "case \"$1 $2 $3\" in\n"
        + "  'scrub status -R') cat '" + real.resolve(scrubFixture) + "' ;;\n"
        + "  'device stats '*) cat '" + real.resolve(statsFixture) + "' ;;\n"
        + "  *) echo \"unexpected: $*\" >&2; exit 1 ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void help_starts_with_the_version_and_exits_unknown() {
    PluginRun run = RaidHarness.run("--help");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).startsWith("check_raid (Vigil ");
    assertThat(run.stdout()).contains("--btrfs-mount", "--mdstat", "Exit codes:", "Examples:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--now=yesterday", "--scrub-max-age=0", "-t=0", "-a"})
  void bad_arguments_are_unknown(String arg) {
    PluginRun run = RaidHarness.run(arg);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(RaidHarness.firstLine(run)).startsWith("RAID UNKNOWN - invalid arguments: ");
  }

  @Test
  void nothing_to_monitor_is_unknown_unless_allowed() throws IOException {
    Path mdstat = write("mdstat", NO_ARRAYS);
    PluginRun none = RaidHarness.run("--mdstat", mdstat.toString());
    assertThat(none.exitCode()).isEqualTo(3);
    assertThat(RaidHarness.firstLine(none)).isEqualTo("RAID UNKNOWN - raid: no md arrays and no"
        + " btrfs filesystems found: nothing to monitor (--allow-none accepts this)");
    PluginRun allowed = RaidHarness.run("--mdstat", mdstat.toString(), "--allow-none");
    assertThat(allowed.exitCode()).isZero();
    assertThat(RaidHarness.firstLine(allowed)).startsWith("RAID OK - no md arrays");
  }

  @Test
  void a_selected_array_that_is_absent_is_critical() throws IOException {
    Path mdstat = write("mdstat", NO_ARRAYS);
    PluginRun run = RaidHarness.run("--mdstat", mdstat.toString(), "-a", "md5");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(RaidHarness.firstLine(run)).startsWith("RAID CRITICAL - md5: ");
  }

  @Test
  void btrfs_mount_runs_the_tool_with_c_locale_and_evaluates_both_outputs() throws IOException {
    Path btrfs = fakeBtrfs("raid1-clean.scrub-status-raw", "raid1-clean.device-stats");
    PluginRun run = RaidHarness.run("--btrfs", btrfs.toString(), "--btrfs-mount", "/srv/data",
        "--now", NOW);
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(RaidHarness.firstLine(run)).startsWith("RAID OK - 1 btrfs filesystem healthy"
        + " (/srv/data)");
  }

  @Test
  void btrfs_corrected_errors_from_a_real_capture_warn() throws IOException {
    Path btrfs = fakeBtrfs("raid1-corrected.scrub-status-raw", "raid1-corrected.device-stats");
    PluginRun run = RaidHarness.run("--btrfs", btrfs.toString(), "--btrfs-mount", "/srv/data",
        "--now", NOW);
    assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
    assertThat(RaidHarness.firstLine(run)).startsWith("RAID WARNING - /srv/data: ")
        .contains("corrected");
  }

  @Test
  void btrfs_tool_failure_is_unknown_with_its_stderr() throws IOException {
    Path btrfs = write("btrfs", "#!/bin/sh\necho 'ERROR: not a btrfs filesystem: /srv' >&2\n"
        + "exit 1\n");
    Files.setPosixFilePermissions(btrfs, PosixFilePermissions.fromString("rwxr-xr-x"));
    PluginRun run = RaidHarness.run("--btrfs", btrfs.toString(), "--btrfs-mount", "/srv");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(RaidHarness.firstLine(run)).isEqualTo("RAID UNKNOWN - " + btrfs
        + " scrub status -R /srv exited with status 1: ERROR: not a btrfs filesystem: /srv");
  }

  @Test
  void a_hanging_btrfs_is_killed_within_the_timeout() throws IOException {
    Path btrfs = write("btrfs", "#!/bin/sh\nsleep 60\n");
    Files.setPosixFilePermissions(btrfs, PosixFilePermissions.fromString("rwxr-xr-x"));
    long start = System.nanoTime();
    PluginRun run = RaidHarness.run("--btrfs", btrfs.toString(), "--btrfs-mount", "/srv",
        "-t", "1");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(RaidHarness.firstLine(run)).containsAnyOf("did not finish within",
        "plugin timeout");
    // A bound on a hang, not a performance assertion.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
  }

  @Test
  void btrfs_all_checks_each_filesystem_once_and_skips_other_types() throws IOException {
    Path btrfs = fakeBtrfs("raid1-clean.scrub-status-raw", "raid1-clean.device-stats");
    Path mounts = write("mounts",
        "/dev/loop0 /srv/data btrfs rw,relatime,space_cache=v2,subvolid=5,subvol=/ 0 0\n"
            + "/dev/sda1 / ext4 rw,relatime 0 0\n"
            + "/dev/loop0 /srv/data\\040snapshots btrfs rw,subvolid=256,subvol=/snap 0 0\n");
    PluginRun run = RaidHarness.run(new CommandRunner(), mounts, "--btrfs", btrfs.toString(),
        "--btrfs-all", "--now", NOW, "--allow-none");
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(RaidHarness.lines(run)).hasSize(2);
    assertThat(RaidHarness.lines(run).get(1)).startsWith("[OK] /srv/data: ");
  }

  @Test
  void malformed_mounts_file_is_unknown() throws IOException {
    Path mounts = write("mounts", "/dev/loop0 /srv btrfs\n");
    PluginRun run = RaidHarness.run(new CommandRunner(), mounts, "--btrfs-all");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(RaidHarness.firstLine(run)).contains("line 1: expected 6 fields");
  }
}
