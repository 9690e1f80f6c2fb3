package org.vigil.raid.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.cli.PluginCommandLine;
import org.vigil.cli.PluginOptions;
import org.vigil.core.CheckResult;
import org.vigil.core.CommandException;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.Finding;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;
import org.vigil.core.PluginOutput;
import org.vigil.core.PluginRunner;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.raid.btrfs.BtrfsDeviceStats;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.DeviceStatsParser;
import org.vigil.raid.btrfs.ScrubStatusParser;
import org.vigil.raid.live.BtrfsLive;
import org.vigil.raid.md.MdSysfs;
import org.vigil.raid.md.MdSysfsReader;
import org.vigil.raid.md.MdadmDetail;
import org.vigil.raid.md.MdadmDetailParser;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The check_raid plugin: Linux md arrays and btrfs filesystems, one verdict. */
@Command(
    name = "check_raid",
    description = {
      "Checks Linux md arrays (/proc/mdstat, sysfs, mdadm --detail output) and btrfs"
          + " filesystems (btrfs scrub status -R, btrfs device stats). Anything it cannot read"
          + " completely is UNKNOWN and names the source, line and token.",
      "",
      "Live mode (no file options): /proc/mdstat and /sys; btrfs only for --btrfs-mount or"
          + " --btrfs-all. File mode (any of --mdstat, --mdadm-detail, --btrfs-scrub-status,"
          + " --btrfs-device-stats): exactly the files given, nothing else.",
      "",
      "md CRITICAL: degraded without recovery, faulty member (F), inactive or broken array"
          + " (containers excepted), FAILED/Not Started, recovery with no redundancy left."
          + " WARNING: recovering, resync/reshape running, resync=DELAYED/PENDING,"
          + " mismatch_cnt > 0, (read-only). OK: in sync, spares, check/repair on a healthy"
          + " array.",
      "btrfs CRITICAL: uncorrectable errors, missing device, write/flush errors."
          + " WARNING: corrected/unverified errors, read/corruption/generation errors, last scrub"
          + " aborted or interrupted, never scrubbed, last scrub older than --scrub-max-age."
          + " OK: scrub running or finished clean within the age.",
      "No md array and no btrfs filesystem at all is UNKNOWN unless --allow-none."
    },
    footer = {
      "  check_raid                              md arrays from /proc/mdstat and /sys",
      "  check_raid --btrfs-all                  md arrays and every mounted btrfs",
      "  check_raid --btrfs-mount /srv -a md0    btrfs on /srv and md0 only",
      "  check_raid --mdstat saved.txt           a saved copy of /proc/mdstat"
    })
public final class CheckRaid implements Callable<Integer> {
  static final String SERVICE = "RAID";
  /** Kept back from each btrfs call's timeout so the plugin can still report in time. */
  private static final Duration TOOL_MARGIN = Duration.ofMillis(250);

  @Option(names = "--mdstat", paramLabel = "FILE",
      description = "Read /proc/mdstat from FILE ('-' = stdin). Default in live mode:"
          + " /proc/mdstat (absent = no md arrays).")
  String mdstat;

  @Option(names = "--mdadm-detail", paramLabel = "FILE",
      description = "Also read `mdadm --detail` and/or `mdadm --detail --scan` output from FILE.")
  String mdadmDetail;

  @Option(names = "--sysfs", paramLabel = "DIR",
      description = "sysfs root for md mismatch_cnt, sync_action, degraded, array_state."
          + " Default in live mode: /sys.")
  String sysfs;

  @Option(names = {"-a", "--array"}, paramLabel = "NAME",
      description = "Check only this md array, e.g. md0 (repeatable). Absent is CRITICAL.")
  List<String> arrays = new ArrayList<>();

  @Option(names = "--warn-read-only",
      description = "WARNING for arrays in (auto-read-only) too.")
  boolean warnReadOnly;

  @Option(names = "--btrfs-mount", paramLabel = "PATH",
      description = "Check the btrfs filesystem mounted at PATH (repeatable): runs"
          + " `btrfs scrub status -R PATH` and `btrfs device stats PATH`.")
  List<String> btrfsMounts = new ArrayList<>();

  @Option(names = "--btrfs-all",
      description = "Check every btrfs in /proc/self/mounts, once per filesystem UUID.")
  boolean btrfsAll;

  @Option(names = "--btrfs-scrub-status", paramLabel = "FILE",
      description = "Read `btrfs scrub status [-R] [-d]` output (any era) from FILE.")
  String btrfsScrubStatus;

  @Option(names = "--btrfs-device-stats", paramLabel = "FILE",
      description = "Read `btrfs device stats` output from FILE.")
  String btrfsDeviceStats;

  @Option(names = "--btrfs", paramLabel = "PATH",
      description = "The btrfs tool. Default: ${DEFAULT-VALUE}.")
  String btrfsTool = "/usr/bin/btrfs";

  @Option(names = "--scrub-max-age", paramLabel = "DAYS",
      description = "WARNING when the last finished scrub is older. Default: ${DEFAULT-VALUE}.")
  int scrubMaxAgeDays = (int) BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE.toDays();

  @Option(names = "--now", paramLabel = "INSTANT",
      description = "Judge ages as of this time (ISO-8601, e.g. 2020-04-01T00:00:00Z), for"
          + " saved outputs. Default: the current time.")
  String now;

  @Option(names = "--allow-none",
      description = "OK instead of UNKNOWN when there is nothing to monitor.")
  boolean allowNone;

  @Mixin PluginOptions plugin = new PluginOptions();

  private final PrintStream out;
  private final CommandRunner runner;
  private final Path procSelfMounts;

  CheckRaid(PrintStream out, CommandRunner runner, Path procSelfMounts) {
    this.out = out;
    this.runner = runner;
    this.procSelfMounts = procSelfMounts;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, new CommandRunner(), Path.of("/proc/self/mounts"));
    System.out.flush();
    System.exit(code);
  }

  /** Runs the plugin as the command line would; never throws, always returns 0-3. */
  public static int run(String[] args, PrintStream out, CommandRunner runner, Path procSelfMounts) {
    return PluginCommandLine.execute(SERVICE, "strict md and btrfs RAID health check",
        "check_raid [-hVv] [-t SECONDS] [-a NAME]... [--btrfs-mount PATH]... [--btrfs-all]"
            + " [--mdstat FILE] [--mdadm-detail FILE] [--btrfs-scrub-status FILE]",
        new CheckRaid(out, runner, procSelfMounts), args, out);
  }

  @Override
  public Integer call() {
    Optional<String> problem = plugin.problem();
    if (problem.isEmpty() && (scrubMaxAgeDays < 1 || scrubMaxAgeDays > 36500)) {
      problem = Optional.of("--scrub-max-age must be between 1 and 36500 days");
    }
    Instant at = Instant.now();
    if (problem.isEmpty() && now != null) {
      try {
        at = Instant.parse(now);
      } catch (DateTimeParseException e) {
        problem = Optional.of("--now must be an ISO-8601 instant like 2020-04-01T00:00:00Z");
      }
    }
    if (problem.isPresent()) {
      PluginCommandLine.print(out, PluginOutput.single(SERVICE, State.UNKNOWN,
          "invalid arguments: " + problem.get()));
      return State.UNKNOWN.exitCode();
    }
    Instant evaluationTime = at;
    Deadline deadline = Deadline.after(plugin.timeout(), TOOL_MARGIN);
    PluginRunner.Outcome outcome = PluginRunner.run(SERVICE, plugin.timeout(), plugin.verbosity(),
        progress -> {
          List<Subcheck> md = checkMd(progress);
          List<Subcheck> btrfs = checkBtrfs(progress, evaluationTime, deadline);
          progress.stage("evaluating");
          return result(md, btrfs);
        });
    PluginCommandLine.print(out, outcome.stdout());
    return outcome.exitCode();
  }

  private boolean fileMode() {
    return mdstat != null || mdadmDetail != null || btrfsScrubStatus != null
        || btrfsDeviceStats != null;
  }

  private List<Subcheck> checkMd(PluginRunner.Progress progress)
      throws IOException, ParseException {
    Optional<Mdstat> parsedMdstat = Optional.empty();
    String mdstatFile = mdstat != null ? mdstat : fileMode() ? null : "/proc/mdstat";
    if (mdstatFile != null) {
      progress.stage("reading " + mdstatFile);
      if (mdstat != null || Files.exists(Path.of(mdstatFile))) {
        parsedMdstat = Optional.of(new MdstatParser().parse(
            InputFiles.read(mdstatFile, null), InputFiles.sourceName(mdstatFile)));
      }
    }
    List<MdadmDetail> details = new ArrayList<>();
    if (mdadmDetail != null) {
      progress.stage("reading " + mdadmDetail);
      details.add(new MdadmDetailParser().parse(
          InputFiles.read(mdadmDetail, null), InputFiles.sourceName(mdadmDetail)));
    }
    Map<String, MdSysfs> sysfsByArray = Map.of();
    String sysfsRoot = sysfs != null ? sysfs : fileMode() ? null : "/sys";
    if (sysfsRoot != null && parsedMdstat.isPresent()) {
      progress.stage("reading md attributes under " + sysfsRoot);
      sysfsByArray = new MdSysfsReader().read(Path.of(sysfsRoot));
    }
    if (parsedMdstat.isEmpty() && details.isEmpty() && arrays.isEmpty()) {
      return List.of();
    }
    return MdPolicy.evaluate(parsedMdstat, details, sysfsByArray,
        new MdPolicyOptions(arrays, warnReadOnly));
  }

  private List<Subcheck> checkBtrfs(PluginRunner.Progress progress, Instant at, Deadline deadline)
      throws IOException, ParseException, CommandException {
    BtrfsPolicyOptions options = new BtrfsPolicyOptions(Duration.ofDays(scrubMaxAgeDays));
    List<Subcheck> subchecks = new ArrayList<>();
    if (btrfsScrubStatus != null || btrfsDeviceStats != null) {
      Optional<BtrfsScrubStatus> scrub = Optional.empty();
      Optional<BtrfsDeviceStats> stats = Optional.empty();
      if (btrfsScrubStatus != null) {
        progress.stage("reading " + btrfsScrubStatus);
        scrub = Optional.of(new ScrubStatusParser().parse(
            InputFiles.read(btrfsScrubStatus, null), InputFiles.sourceName(btrfsScrubStatus)));
      }
      if (btrfsDeviceStats != null) {
        progress.stage("reading " + btrfsDeviceStats);
        stats = Optional.of(new DeviceStatsParser().parse(
            InputFiles.read(btrfsDeviceStats, null), InputFiles.sourceName(btrfsDeviceStats)));
      }
      String name = scrub.flatMap(BtrfsScrubStatus::fsid)
          .orElse(Path.of(btrfsScrubStatus != null ? btrfsScrubStatus : btrfsDeviceStats)
              .getFileName().toString());
      subchecks.add(BtrfsPolicy.evaluate(name, scrub, stats, options, at));
    }
    List<String> discovered = List.of();
    if (btrfsAll) {
      progress.stage("reading " + procSelfMounts);
      discovered = BtrfsLive.mountPoints(procSelfMounts);
    }
    for (BtrfsLive.Filesystem fs : new BtrfsLive(btrfsTool, runner, deadline, progress::stage)
        .read(btrfsMounts, discovered)) {
      subchecks.add(BtrfsPolicy.evaluate(
          fs.mount(), Optional.of(fs.scrub()), Optional.of(fs.stats()), options, at));
    }
    return subchecks;
  }

  private CheckResult result(List<Subcheck> md, List<Subcheck> btrfs) {
    List<Subcheck> subchecks = new ArrayList<>(md);
    subchecks.addAll(btrfs);
    if (subchecks.isEmpty()) {
      String message = "no md arrays and no btrfs filesystems found: nothing to monitor";
      Finding finding = allowNone ? Finding.ok(message + " (--allow-none)")
          : Finding.unknown(message + " (--allow-none accepts this)");
      return new CheckResult(SERVICE,
          List.of(new Subcheck("raid", "nothing to check", List.of(finding), List.of(),
              List.of())),
          finding.message());
    }
    List<String> counts = new ArrayList<>();
    if (!md.isEmpty()) {
      counts.add(md.size() + (md.size() == 1 ? " md array" : " md arrays"));
    }
    if (!btrfs.isEmpty()) {
      counts.add(btrfs.size() + (btrfs.size() == 1 ? " btrfs filesystem" : " btrfs filesystems"));
    }
    List<String> names = subchecks.stream().map(Subcheck::name).toList();
    String okSummary = String.join(" and ", counts) + " healthy ("
        + (names.size() <= 5 ? String.join(", ", names)
            : String.join(", ", names.subList(0, 5)) + ", ...") + ")";
    return new CheckResult(SERVICE, subchecks, okSummary);
  }
}
