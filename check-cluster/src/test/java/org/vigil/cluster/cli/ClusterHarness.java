package org.vigil.cluster.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigil.core.CommandRunner;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;

/** Runs check_cluster in-process as the command line would. */
final class ClusterHarness {
  static final Pattern STATUS_LINE =
      Pattern.compile("CLUSTER (OK|WARNING|CRITICAL|UNKNOWN) - \\S.*");

  /** check_cluster's input option per fixture file suffix. */
  static final Map<String, String> INPUTS = Map.of(
      ".crm_mon.xml", "--crm-mon-xml", ".quorumtool", "--quorumtool", ".cfgtool", "--cfgtool",
      ".cl_status", "--heartbeat");

  private ClusterHarness() {}

  static PluginRun run(String... args) {
    return run(new CommandRunner(), args);
  }

  static PluginRun run(CommandRunner runner, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = CheckCluster.run(args, out, runner);
    return new PluginRun(code, bytes.toString(StandardCharsets.UTF_8));
  }

  static String firstLine(PluginRun run) {
    return run.stdout().lines().findFirst().orElse("");
  }
}
