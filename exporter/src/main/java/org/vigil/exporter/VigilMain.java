package org.vigil.exporter;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.core.State;
import org.vigil.exporter.fleet.FleetCheckCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil}: commands for a person at a terminal. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterMain.Version.class,
    description = "Strict health checks for Linux HA stacks: DRBD, md, btrfs, Pacemaker and"
        + " Corosync.",
    subcommands = {VigilMain.ReportCommand.class, FleetCheckCommand.class,
        CommandLine.HelpCommand.class})
public final class VigilMain {
  private VigilMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int code = run(args, out, System.err, System.getenv());
    out.flush();
    System.exit(code);
  }

  /** Runs {@code vigil ARGS}; usage errors exit 3 like a plugin's UNKNOWN. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new VigilMain(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == ReportCommand.class) {
          return cls.cast(new ReportCommand(out, err, env));
        }
        if (cls == FleetCheckCommand.class) {
          return cls.cast(new FleetCheckCommand(out));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    });
    SourceOptions.addDynamicOptions(cl.getSubcommands().get("report"));
    cl.getSubcommands().get("fleet-check").getCommandSpec()
        .versionProvider(new ExporterMain.Version());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, ignored) -> {
      err.println("vigil: " + ex.getMessage());
      err.println("Try 'vigil " + ex.getCommandLine().getCommandName().replace("vigil", "")
          .strip() + " --help' for more information.");
      return State.UNKNOWN.exitCode();
    });
    cl.setExecutionExceptionHandler((ex, ignored, parsed) -> {
      err.println("vigil: " + Scraper.describe(ex));
      return State.UNKNOWN.exitCode();
    });
    return cl.execute(args);
  }

  /** {@code vigil report}: a one-shot health report of this node. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      versionProvider = ExporterMain.Version.class,
      description = {
        "Reads every subsystem Vigil knows (DRBD, md, btrfs, Pacemaker, Corosync) once, with"
            + " the same parsers and evaluators as the Nagios checks and the exporter, and shows"
            + " each object with its verdict and reason.",
        "Exit code: the worst verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); a subsystem"
            + " that is set up but cannot be read is UNKNOWN. A node with none of them set up"
            + " is OK and says what was looked for."
      },
      footer = {
        "",
        "Examples:",
        "  vigil report                                       this node",
        "  vigil report --root test-fixtures/trees/degraded-node   a degraded demo node",
        "  vigil report --format json | jq .status             for scripts"
      })
  static final class ReportCommand implements Callable<Integer> {
    enum Format {
      text,
      json
    }

    @Option(names = "--format", paramLabel = "text|json",
        description = "Output format. Default: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Option(names = "--no-color",
        description = "No colour, even on a terminal (colour is also off when NO_COLOR is set"
            + " or stdout is not a terminal).")
    boolean noColour;

    @Option(names = "--color", description = "Colour even when stdout is not a terminal.")
    boolean colour;

    @Mixin SourceOptions sourceOptions = new SourceOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    ReportCommand(PrintStream out, PrintStream err, Map<String, String> env) {
      this.out = out;
      this.err = err;
      this.env = env;
    }

    @Override
    public Integer call() {
      Scrape scrape;
      Sources sources = sourceOptions.sources();
      try (Scraper scraper = sourceOptions.scraper(ExporterMain.version(),
          line -> err.println("vigil report: " + line))) {
        scrape = scraper.read();
      }
      Report.Node node = new Report.Node(sources.hostname(), sources.rootfs().toString());
      if (format == Format.json) {
        out.print(Report.json(scrape, node, ExporterMain.version()));
      } else {
        boolean useColour = colour
            || (!noColour && !env.containsKey("NO_COLOR") && System.console() != null);
        out.print(Report.text(scrape, node, useColour));
      }
      out.flush();
      return scrape.state().exitCode();
    }
  }
}
