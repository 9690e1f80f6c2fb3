package org.vigil.exporter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.vigil.core.CommandRunner;

/**
 * Where the collectors read from and what they run, following node_exporter's conventions so that
 * the whole exporter (and {@code vigil report}) runs against a fixture tree.
 *
 * @param rootfs the root every other default is resolved against ({@code --path.rootfs}, default
 *     /): configuration files that tell whether a subsystem is set up on this node
 * @param procfs the procfs root ({@code --path.procfs}, default ROOTFS/proc)
 * @param sysfs the sysfs root ({@code --path.sysfs}, default ROOTFS/sys)
 * @param tools the path of every tool (default ROOTFS + the Debian path)
 * @param commandTimeout the time one collector's tool calls may take together; below
 *     Prometheus' default 10 s scrape timeout
 * @param runner runs the tools
 */
public record Sources(Path rootfs, Path procfs, Path sysfs, Map<Tool, Path> tools,
    Duration commandTimeout, CommandRunner runner) {

  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  public Sources {
    EnumMap<Tool, Path> complete = new EnumMap<>(Tool.class);
    for (Tool t : Tool.values()) {
      complete.put(t, tools.getOrDefault(t, under(rootfs, t.defaultPath())));
    }
    tools = Map.copyOf(complete);
  }

  /** Everything under one root directory: ROOT/proc, ROOT/sys, ROOT/usr/sbin/crm_mon, ... */
  public static Sources underRoot(Path root) {
    return new Sources(root, root.resolve("proc"), root.resolve("sys"), Map.of(),
        DEFAULT_COMMAND_TIMEOUT, new CommandRunner());
  }

  /** This sources with one tool replaced. */
  Sources withTool(Tool tool, Path path) {
    Map<Tool, Path> changed = new EnumMap<>(tools);
    changed.put(tool, path);
    return new Sources(rootfs, procfs, sysfs, changed, commandTimeout, runner);
  }

  /** This sources with another budget for one collector's tool calls. */
  Sources withCommandTimeout(Duration timeout) {
    return new Sources(rootfs, procfs, sysfs, tools, timeout, runner);
  }

  Path tool(Tool tool) {
    return tools.get(tool);
  }

  /** An absolute path of the node (e.g. /etc/corosync/corosync.conf) under {@link #rootfs}. */
  Path file(String absolute) {
    return under(rootfs, absolute);
  }

  private static Path under(Path root, String absolute) {
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  /** The kernel's host name from procfs, so that a fixture tree names its own node. */
  String hostname() {
    try {
      String name = java.nio.file.Files.readString(procfs.resolve("sys/kernel/hostname"),
          java.nio.charset.StandardCharsets.UTF_8).strip();
      return name.isEmpty() ? "(no host name)" : name;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return "(unknown host)";
    }
  }
}
