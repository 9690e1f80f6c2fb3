package org.vigil.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.vigil.core.PluginOutput;
import org.vigil.core.PluginRunner;
import org.vigil.core.Range;
import org.vigil.core.State;
import org.vigil.core.Version;
import picocli.CommandLine;
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
      cmd.getCommandSpec().usageMessage()
          .header(name + " (Vigil " + Version.get() + ") - " + tagline);
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

  /** "check_x (Vigil) VERSION" for -V. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public String[] getVersion() {
      return new String[] {spec.name() + " (Vigil) " + Version.get()};
    }
  }
}
