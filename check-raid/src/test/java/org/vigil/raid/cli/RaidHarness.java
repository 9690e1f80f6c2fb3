package org.vigil.raid.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.core.CommandRunner;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;

/** Runs check_raid in-process as the command line would and captures what Nagios would see. */
final class RaidHarness {
  static final Pattern STATUS_LINE = Pattern.compile("RAID (OK|WARNING|CRITICAL|UNKNOWN) - \\S.*");

  /** check_raid's input option per fixture file suffix. */
  static final Map<String, String> INPUTS = Map.of(
      ".mdstat", "--mdstat", ".detail", "--mdadm-detail",
      ".scrub-status", "--btrfs-scrub-status", ".scrub-status-raw", "--btrfs-scrub-status",
      ".scrub-status-dev-raw", "--btrfs-scrub-status",
      ".device-stats", "--btrfs-device-stats");

  private RaidHarness() {}

  static PluginRun run(String... args) {
    return run(new CommandRunner(), Path.of("/nonexistent/mounts"), args);
  }

  static PluginRun run(CommandRunner runner, Path mounts, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = CheckRaid.run(args, out, runner, mounts);
    return new PluginRun(code, bytes.toString(StandardCharsets.UTF_8));
  }

  static String firstLine(PluginRun run) {
    return run.stdout().lines().findFirst().orElse("");
  }

  static List<String> lines(PluginRun run) {
    return run.stdout().lines().toList();
  }
}
