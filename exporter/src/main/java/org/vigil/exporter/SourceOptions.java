package org.vigil.exporter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.core.CommandRunner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that say where the collectors read and which of them run, shared by {@code
 * vigil-exporter} and {@code vigil report}: {@code --path.*} as in node_exporter, a path option
 * per {@link Tool} and {@code --collector.NAME} / {@code --no-collector.NAME} per collector.
 */
final class SourceOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = {"--path.rootfs", "--root"}, paramLabel = "DIR",
      description = "Read the node as if DIR were / : procfs, sysfs, tools and configuration"
          + " files default to paths under DIR (a fixture tree, a mounted image)."
          + " Default: ${DEFAULT-VALUE}.")
  Path rootfs = Path.of("/");

  @Option(names = "--path.procfs", paramLabel = "DIR",
      description = "procfs mount point. Default: ROOTFS/proc.")
  Path procfs;

  @Option(names = "--path.sysfs", paramLabel = "DIR",
      description = "sysfs mount point. Default: ROOTFS/sys.")
  Path sysfs;

  @Option(names = "--command.timeout", paramLabel = "SECONDS",
      description = "Time one collector's tool calls may take together; keep it below the"
          + " scrape timeout. Default: ${DEFAULT-VALUE}.")
  double commandTimeoutSeconds = Sources.DEFAULT_COMMAND_TIMEOUT.toMillis() / 1000.0;

  /** Adds the per-tool and per-collector options to {@code command}, which mixes this in. */
  static CommandLine addDynamicOptions(CommandLine command) {
    // picocli's default negation only knows names like --word-word, not --collector.NAME.
    command.setNegatableOptionTransformer(new CommandLine.RegexTransformer.Builder()
        .addPattern("^--collector\\.(.+)$", "--no-collector.$1", "--[no-]collector.$1")
        .build());
    CommandSpec spec = command.getCommandSpec();
    for (Tool t : Tool.values()) {
      spec.addOption(OptionSpec.builder(t.option()).paramLabel("PATH").type(Path.class)
          .description("The " + t.defaultPath().replaceFirst(".*/", "") + " tool. Default:"
              + " ROOTFS" + t.defaultPath() + ".")
          .build());
    }
    for (VigilCollector c : Collectors.all()) {
      spec.addOption(OptionSpec.builder("--collector." + c.name()).negatable(true)
          .type(Boolean.class)
          .description("Always run (or with --no-, never run) the " + c.name() + " collector;"
              + " by default it runs when the subsystem is set up here. Forced on, an absent"
              + " subsystem counts as a failure.")
          .build());
    }
    return command;
  }

  Sources sources() {
    if (!(commandTimeoutSeconds > 0 && commandTimeoutSeconds <= 60)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--command.timeout must be between 0 and 60 seconds");
    }
    Map<Tool, Path> tools = new EnumMap<>(Tool.class);
    for (Tool t : Tool.values()) {
      Path p = spec.findOption(t.option()).getValue();
      if (p != null) {
        tools.put(t, p);
      }
    }
    return new Sources(rootfs, procfs != null ? procfs : rootfs.resolve("proc"),
        sysfs != null ? sysfs : rootfs.resolve("sys"), tools,
        Duration.ofMillis(Math.round(commandTimeoutSeconds * 1000)), new CommandRunner());
  }

  Scraper scraper(String version, Consumer<String> log) {
    List<Scraper.Enabled> enabled = new ArrayList<>();
    for (VigilCollector c : Collectors.all()) {
      Boolean on = spec.findOption("--collector." + c.name()).getValue();
      Scraper.Mode mode = on == null ? Scraper.Mode.AUTO : on ? Scraper.Mode.ON : Scraper.Mode.OFF;
      enabled.add(new Scraper.Enabled(c, mode));
    }
    return new Scraper(enabled, sources(), version, log);
  }
}
