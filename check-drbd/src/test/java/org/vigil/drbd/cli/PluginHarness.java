package org.vigil.drbd.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vigil.core.CommandRunner;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/** Runs check_drbd in-process as the command line would and captures what Nagios would see. */
final class PluginHarness {
  record Run(int exitCode, String stdout) {
    String firstLine() {
      int nl = stdout.indexOf('\n');
      return nl < 0 ? stdout : stdout.substring(0, nl);
    }

    List<String> lines() {
      return stdout.lines().toList();
    }
  }

  private PluginHarness() {}

  static Run run(String... args) {
    return run(new CommandRunner(), args);
  }

  static Run run(CommandRunner runner, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = CheckDrbd.run(args, out, runner);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The arguments a manifest row is checked with: its source option plus its extra args. */
  static String[] args(FixtureCase c) {
    List<String> args = new ArrayList<>();
    args.add(c.file().endsWith(".json") ? "--status-json" : "--proc-drbd");
    args.add(c.path().toString());
    args.addAll(c.args());
    if (c.args().stream().noneMatch(a -> a.equals("--drbdsetup"))) {
      // Never depend on a drbdsetup installed on the test machine.
      args.add("--drbdsetup");
      args.add("/nonexistent/drbdsetup");
    }
    return args.toArray(String[]::new);
  }

  /** Output with the machine-specific fixture path replaced, for golden files. */
  static String portable(String stdout) {
    return stdout.replace(Fixtures.root().toString(), "<fixtures>");
  }

  static final java.util.regex.Pattern STATUS_LINE =
      java.util.regex.Pattern.compile("DRBD (OK|WARNING|CRITICAL|UNKNOWN) - \\S.*");
}
