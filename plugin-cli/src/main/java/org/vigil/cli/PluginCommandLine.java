package org.vigil.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.vigil.core.PluginOutput;
import org.vigil.core.PluginRunner;
import org.vigil.core.Range;
import org.vigil.core.State;
import org.vigil.core.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs a check's picocli command under the plugin contract: everything goes to stdout, bad usage
 * and internal errors print one {@code SERVICE UNKNOWN - ...} line and exit 3 (picocli's own
 * defaults, 2 and 1, would read as CRITICAL and WARNING), and {@code --help} starts with the
 * version, as the Monitoring Plugins guidelines ask.
 */
public final class PluginCommandLine {
  private PluginCommandLine() {}

  /**
   * @param service the first word of the status line, e.g. {@code DRBD}
   * @param tagline what the check is, for the first line of --help
   * @param usage a short usage line printed after a usage error
   */
  public static int execute(
      String service, String tagline, String usage, Object command, String[] args,
      PrintStream out) {
    try {
      CommandLine cmd = new CommandLine(command);
      String name = cmd.getCommandName();
      applyPluginConventions(cmd.getCommandSpec(), name, tagline);
      PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
      cmd.setOut(writer);
      cmd.setErr(writer);
      cmd.setParameterExceptionHandler((ex, a) -> {
        print(out, PluginOutput.single(service, State.UNKNOWN,
            "invalid arguments: " + ex.getMessage()));
        print(out, "Usage: " + usage + "\nTry '" + name + " --help' for more information.\n");
        return State.UNKNOWN.exitCode();
      });
      cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
        print(out, PluginRunner.unknown(service, PluginRunner.describe(ex), ex, 3).stdout());
        return State.UNKNOWN.exitCode();
      });
      return cmd.execute(args);
    } catch (RuntimeException | Error e) {
      print(out, PluginRunner.unknown(service, PluginRunner.describe(e), e, 0).stdout());
      return State.UNKNOWN.exitCode();
    }
  }

  /**
   * What every check's command shares, set here rather than in each {@code @Command}: -h/-V, the
   * version-first help, exit code 3 for help, version, bad usage and errors, and the help layout.
   */
  private static void applyPluginConventions(CommandSpec spec, String name, String tagline) {
    spec.mixinStandardHelpOptions(true);
    spec.versionProvider(() -> new String[] {name + " (Vigil) " + Version.get()});
    spec.exitCodeOnInvalidInput(State.UNKNOWN.exitCode());
    spec.exitCodeOnExecutionException(State.UNKNOWN.exitCode());
    spec.exitCodeOnUsageHelp(State.UNKNOWN.exitCode());
    spec.exitCodeOnVersionHelp(State.UNKNOWN.exitCode());
    Map<String, String> exitCodes = new LinkedHashMap<>();
    exitCodes.put("0", "OK");
    exitCodes.put("1", "WARNING");
    exitCodes.put("2", "CRITICAL");
    exitCodes.put("3", "UNKNOWN (also --help, --version, bad arguments, unreadable input, timeout)");
    spec.usageMessage()
        .header(name + " (Vigil " + Version.get() + ") - " + tagline)
        .sortOptions(false)
        .width(80)
        .descriptionHeading("%n")
        .optionListHeading("%nOptions:%n")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes)
        .footerHeading("%nExamples:%n");
  }

  /** Writes UTF-8 whatever the platform charset (the C locale would turn non-ASCII into '?'). */
  public static void print(PrintStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.flush();
  }

  /** Converts -w/-c arguments with the strict Monitoring Plugins range syntax. */
  public static final class RangeConverter implements ITypeConverter<Range> {
    @Override
    public Range convert(String value) {
      try {
        return Range.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
