package org.vigil.core.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.vigil.core.PluginOutput;
import org.vigil.core.PluginRunner;
import org.vigil.core.State;
import org.vigil.core.Version;

/**
 * Runs a check under the plugin contract: everything goes to stdout, -h and -V print and exit 3,
 * bad usage and internal errors print one {@code SERVICE UNKNOWN - ...} line and exit 3.
 *
 * <p>The checks do not use picocli: it costs 120 ms of class loading per run, and its Java 5
 * bytecode cannot go into a class-data archive (README, "Start-up"). The exporter and
 * {@code vigil} keep it.
 */
public final class PluginCommandLine {
  private PluginCommandLine() {}

  /** A check's work once its command line has parsed. */
  @FunctionalInterface
  public interface Action {
    /** Returns the exit code; a {@link UsageException} becomes "invalid arguments". */
    int run(ParsedArgs args, PluginRun plugin) throws UsageException;
  }

  /**
   * The standard plugin options of one run.
   *
   * @param timeout the -t budget left for this process
   * @param verbosity how many -v
   */
  public record PluginRun(Duration timeout, int verbosity) {}

  /**
   * @param service the first word of the status line, e.g. {@code DRBD}
   * @param alreadySpent time the launcher used before this process (the fast path it tried),
   *     taken off -t so that -t bounds the whole run
   */
  public static int execute(String service, CommandSpec spec, String[] args, PrintStream out,
      Duration alreadySpent, Action action) {
    try {
      ParsedArgs parsed;
      PluginRun plugin;
      try {
        parsed = ParsedArgs.parse(spec.options(), args);
        if (parsed.flag(CommandSpec.HELP.longName())) {
          print(out, HelpText.render(spec));
          return State.UNKNOWN.exitCode();
        }
        if (parsed.flag(CommandSpec.VERSION.longName())) {
          print(out, spec.name() + " (Vigil) " + Version.get() + "\n");
          return State.UNKNOWN.exitCode();
        }
        int seconds = parsed.intValue(CommandSpec.TIMEOUT.longName(), 10, 1, 3600);
        Duration left = Duration.ofSeconds(seconds).minus(alreadySpent);
        plugin = new PluginRun(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left,
            parsed.count(CommandSpec.VERBOSE.longName()));
        return action.run(parsed, plugin);
      } catch (UsageException e) {
        print(out, PluginOutput.single(service, State.UNKNOWN,
            "invalid arguments: " + e.getMessage()));
        print(out, HelpText.usage(spec) + "\nTry '" + spec.name()
            + " --help' for more information.\n");
        return State.UNKNOWN.exitCode();
      }
    } catch (RuntimeException | Error e) {
      print(out, PluginRunner.unknown(service, PluginRunner.describe(e), e, 0).stdout());
      return State.UNKNOWN.exitCode();
    }
  }

  /**
   * What the launcher spent before starting this JVM, from {@code VIGIL_SPENT_MS} (set by
   * the check's launcher after a fast-path attempt); zero when unset or not a number.
   */
  public static Duration spentByLauncher() {
    String spent = System.getenv("VIGIL_SPENT_MS");
    if (spent == null || spent.isEmpty() || spent.length() > 7) {
      return Duration.ZERO;
    }
    for (int i = 0; i < spent.length(); i++) {
      if (spent.charAt(i) < '0' || spent.charAt(i) > '9') {
        return Duration.ZERO;
      }
    }
    return Duration.ofMillis(Long.parseLong(spent));
  }

  /**
   * Ends a check's JVM with its exit code once stdout and stderr are flushed.
   *
   * <p>{@link Runtime#halt}, not {@link System#exit}: since JDK 21, exit asks System.Logger
   * whether to log the exit, which initialises java.util.logging (about 12 ms per check on JDK 25,
   * measured: README "Start-up"). What exit does besides is run shutdown hooks, and a check has
   * none: its output is written and flushed here, and PluginRunner has already ended any tool it
   * started.
   */
  public static void exit(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** Writes UTF-8 whatever the platform charset (the C locale would turn non-ASCII into '?'). */
  public static void print(PrintStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.flush();
  }
}
