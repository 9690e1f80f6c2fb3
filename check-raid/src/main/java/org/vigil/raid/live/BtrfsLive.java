package org.vigil.raid.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.vigil.core.CommandException;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;
import org.vigil.raid.btrfs.BtrfsDeviceStats;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.ScrubStatusParser;

/**
 * Reads mounted btrfs filesystems, for check_raid's live mode and the exporter alike: per mount
 * {@code btrfs scrub status -R MOUNT} and {@code btrfs device stats MOUNT}, run by the {@link
 * CommandRunner} (so with {@code LC_ALL=C}) within what is left of one {@link Deadline}, and each
 * filesystem once. Any tool failure, timeout or parse error is thrown; nothing is skipped quietly.
 */
public final class BtrfsLive {
  /**
   * One filesystem, read through one of its mount points.
   *
   * @param mount the mount point the tool ran on
   * @param uuid the filesystem UUID from the scrub status ({@code UUID:} line)
   * @param scrub the parsed {@code btrfs scrub status -R MOUNT}
   * @param stats the parsed {@code btrfs device stats MOUNT}
   */
  public record Filesystem(
      String mount, Optional<String> uuid, BtrfsScrubStatus scrub, BtrfsDeviceStats stats) {}

  private final String tool;
  private final CommandRunner runner;
  private final Deadline deadline;
  private final Consumer<String> stage;

  /**
   * @param tool the btrfs tool as configured: an absolute path, or a name looked up in PATH
   * @param deadline shared by every call of one reading
   */
  public BtrfsLive(String tool, CommandRunner runner, Deadline deadline) {
    this(tool, runner, deadline, stage -> {});
  }

  /** @param stage told what is about to run, e.g. for a plugin's "timed out while ..." message */
  public BtrfsLive(String tool, CommandRunner runner, Deadline deadline, Consumer<String> stage) {
    this.tool = tool;
    this.runner = runner;
    this.deadline = deadline;
    this.stage = stage;
  }

  /** The mount point of every btrfs in a /proc/self/mounts file, in file order, each once. */
  public static List<String> mountPoints(Path mountsFile) throws IOException, ParseException {
    String source = mountsFile.toString();
    List<String> points = new ArrayList<>();
    for (ProcMounts.Mount m : ProcMounts.parse(InputFiles.read(source, null), source)) {
      if (m.type().equals("btrfs") && !points.contains(m.mountPoint())) {
        points.add(m.mountPoint());
      }
    }
    return points;
  }

  /**
   * Reads the {@code requested} mounts, then the {@code discovered} ones, one entry per filesystem
   * UUID in that order. A requested mount is always read, and replaces an earlier one of the same
   * filesystem in its place; a discovered mount whose filesystem was already read (a subvolume, a
   * bind mount) is skipped after its scrub status, which is what names the filesystem.
   */
  public List<Filesystem> read(List<String> requested, List<String> discovered)
      throws CommandException, ParseException {
    Map<String, Filesystem> byFilesystem = new LinkedHashMap<>();
    for (String mount : requested) {
      BtrfsScrubStatus scrub = scrubStatus(mount);
      byFilesystem.put(key(scrub, mount),
          new Filesystem(mount, scrub.fsid(), scrub, deviceStats(mount)));
    }
    for (String mount : discovered) {
      if (requested.contains(mount)) {
        continue;
      }
      BtrfsScrubStatus scrub = scrubStatus(mount);
      String key = key(scrub, mount);
      if (!byFilesystem.containsKey(key)) {
        byFilesystem.put(key, new Filesystem(mount, scrub.fsid(), scrub, deviceStats(mount)));
      }
    }
    return List.copyOf(byFilesystem.values());
  }

  private static String key(BtrfsScrubStatus scrub, String mount) {
    return scrub.fsid().orElse(mount);
  }

  private BtrfsScrubStatus scrubStatus(String mount) throws CommandException, ParseException {
    stage.accept("running " + tool + " scrub status -R " + mount);
    return new ScrubStatusParser().parse(
        run("scrub", "status", "-R", mount), "btrfs scrub status -R " + mount);
  }

  private BtrfsDeviceStats deviceStats(String mount) throws CommandException, ParseException {
    stage.accept("running " + tool + " device stats " + mount);
    return new DeviceStatsParser().parse(
        run("device", "stats", mount), "btrfs device stats " + mount);
  }

  private String run(String... args) throws CommandException, ParseException {
    List<String> argv = new ArrayList<>();
    argv.add(tool);
    argv.addAll(List.of(args));
    return runner.run(argv, deadline).stdoutTextIfExit(Set.of(0));
  }
}
