package org.vigil.exporter;

import java.nio.file.Path;
import java.time.Duration;
import org.vigil.core.CommandRunner;

/**
 * Where the collectors read from, following node_exporter's conventions so that the whole
 * exporter runs against a fixture tree.
 *
 * @param procfs the procfs root ({@code --path.procfs}, default /proc)
 * @param sysfs the sysfs root ({@code --path.sysfs}, default /sys)
 * @param drbdsetup the drbdsetup binary for DRBD 9 ({@code --drbdsetup.path})
 * @param commandTimeout the timeout of every tool call; below Prometheus' 10 s scrape timeout
 * @param runner runs the tools
 */
public record Sources(
    Path procfs, Path sysfs, Path drbdsetup, Duration commandTimeout, CommandRunner runner) {

  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** Sources under one root directory: {@code root/proc}, {@code root/sys}. */
  public static Sources underRoot(Path root, Path drbdsetup) {
    return new Sources(root.resolve("proc"), root.resolve("sys"), drbdsetup,
        DEFAULT_COMMAND_TIMEOUT, new CommandRunner());
  }
}
