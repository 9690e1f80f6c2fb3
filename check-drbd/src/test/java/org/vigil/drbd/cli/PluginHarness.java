package org.vigil.drbd.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vigil.core.CommandRunner;

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

  static final java.util.regex.Pattern STATUS_LINE =
      java.util.regex.Pattern.compile("DRBD (OK|WARNING|CRITICAL|UNKNOWN) - \\S.*");
}
