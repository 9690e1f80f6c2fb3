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
import org.vigil.core.CheckResult;
import org.vigil.core.CommandException;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.Finding;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;
import org.vigil.core.PluginRunner;
import org.vigil.core.Subcheck;
import org.vigil.core.cli.CommandSpec;
import org.vigil.core.cli.OptionSpec;
import org.vigil.core.cli.ParsedArgs;
import org.vigil.core.cli.PluginCommandLine;
import org.vigil.core.cli.UsageException;
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

/** The check_raid plugin: Linux md arrays and btrfs filesystems, one verdict. */
public final class CheckRaid {
  static final String SERVICE = "RAID";
  /** Kept back from each btrfs call's timeout so the plugin can still report in time. */
  private static final Duration TOOL_MARGIN = Duration.ofMillis(250);
  private static final String BTRFS = "/usr/bin/btrfs";
  private static final Path PROC_SELF_MOUNTS = Path.of("/proc/self/mounts");

  static final CommandSpec COMMAND = new CommandSpec("check_raid",
      "strict md and btrfs RAID health check",
      List.of(
          "Checks Linux md arrays (/proc/mdstat, sysfs, mdadm --detail output) and btrfs"
              + " filesystems (btrfs scrub status -R, btrfs device stats). Anything it cannot"
              + " read completely is UNKNOWN and names the source, line and token.",
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
              + " WARNING: corrected/unverified errors, read/corruption/generation errors, last"
              + " scrub aborted or interrupted, never scrubbed, last scrub older than"
              + " --scrub-max-age. OK: scrub running or finished clean within the age.",
          "No md array and no btrfs filesystem at all is UNKNOWN unless --allow-none."),
      List.of(
          OptionSpec.value("--mdstat", "FILE",
              "Read /proc/mdstat from FILE ('-' = stdin). Default in live mode: /proc/mdstat"
                  + " (absent = no md arrays)."),
          OptionSpec.value("--mdadm-detail", "FILE",
              "Also read `mdadm --detail` and/or `mdadm --detail --scan` output from FILE."),
          OptionSpec.value("--sysfs", "DIR",
              "sysfs root for md mismatch_cnt, sync_action, degraded, array_state. Default in"
                  + " live mode: /sys."),
          OptionSpec.repeatable("-a", "--array", "NAME",
              "Check only this md array, e.g. md0 (repeatable). Absent is CRITICAL."),
          OptionSpec.flag("--warn-read-only", "WARNING for arrays in (auto-read-only) too."),
          OptionSpec.repeatable(null, "--btrfs-mount", "PATH",
              "Check the btrfs filesystem mounted at PATH (repeatable): runs `btrfs scrub"
                  + " status -R PATH` and `btrfs device stats PATH`."),
          OptionSpec.flag("--btrfs-all",
              "Check every btrfs in /proc/self/mounts, once per filesystem UUID."),
          OptionSpec.value("--btrfs-scrub-status", "FILE",
              "Read `btrfs scrub status [-R] [-d]` output (any era) from FILE."),
          OptionSpec.value("--btrfs-device-stats", "FILE",
              "Read `btrfs device stats` output from FILE."),
          OptionSpec.value("--btrfs", "PATH", "The btrfs tool. Default: " + BTRFS + "."),
          OptionSpec.value("--scrub-max-age", "DAYS",
              "WARNING when the last finished scrub is older. Default: "
                  + BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE.toDays() + "."),
          OptionSpec.value("--now", "INSTANT",
              "Judge ages as of this time (ISO-8601, e.g. 2020-04-01T00:00:00Z), for saved"
                  + " outputs. Default: the current time."),
          OptionSpec.flag("--allow-none",
              "OK instead of UNKNOWN when there is nothing to monitor.")),
      List.of(
          "  check_raid                              md arrays from /proc/mdstat and /sys",
          "  check_raid --btrfs-all                  md arrays and every mounted btrfs",
          "  check_raid --btrfs-mount /srv -a md0    btrfs on /srv and md0 only",
          "  check_raid --mdstat saved.txt           a saved copy of /proc/mdstat"));

  private final String mdstat;
  private final String mdadmDetail;
  private final String sysfs;
  private final List<String> arrays;
  private final boolean warnReadOnly;
  private final List<String> btrfsMounts;
  private final boolean btrfsAll;
  private final String btrfsScrubStatus;
  private final String btrfsDeviceStats;
  private final String btrfsTool;
  private final int scrubMaxAgeDays;
  private final Instant evaluationTime;
  private final boolean allowNone;
  private final PluginCommandLine.PluginRun plugin;

  private final PrintStream out;
  private final CommandRunner runner;
  private final Path procSelfMounts;

  private CheckRaid(ParsedArgs args, PluginCommandLine.PluginRun plugin, PrintStream out,
      CommandRunner runner, Path procSelfMounts) throws UsageException {
    this.mdstat = args.value("--mdstat").orElse(null);
    this.mdadmDetail = args.value("--mdadm-detail").orElse(null);
    this.sysfs = args.value("--sysfs").orElse(null);
    this.arrays = args.values("--array");
    this.warnReadOnly = args.flag("--warn-read-only");
    this.btrfsMounts = args.values("--btrfs-mount");
    this.btrfsAll = args.flag("--btrfs-all");
    this.btrfsScrubStatus = args.value("--btrfs-scrub-status").orElse(null);
    this.btrfsDeviceStats = args.value("--btrfs-device-stats").orElse(null);
    this.btrfsTool = args.value("--btrfs", BTRFS);
    this.scrubMaxAgeDays = args.intValue("--scrub-max-age",
        (int) BtrfsPolicyOptions.DEFAULT_SCRUB_MAX_AGE.toDays(), 1, 36500);
    Optional<String> now = args.value("--now");
    try {
      this.evaluationTime = now.isPresent() ? Instant.parse(now.get()) : Instant.now();
    } catch (DateTimeParseException e) {
      throw new UsageException("--now must be an ISO-8601 instant like 2020-04-01T00:00:00Z");
    }
    this.allowNone = args.flag("--allow-none");
    this.plugin = plugin;
    this.out = out;
    this.runner = runner;
    this.procSelfMounts = procSelfMounts;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, new CommandRunner(), PROC_SELF_MOUNTS,
        PluginCommandLine.spentByLauncher());
    PluginCommandLine.exit(code);
  }

  /** Runs the plugin as the command line would; never throws, always returns 0-3. */
  public static int run(String[] args, PrintStream out, CommandRunner runner) {
    return run(args, out, runner, PROC_SELF_MOUNTS, Duration.ZERO);
  }

  static int run(String[] args, PrintStream out, CommandRunner runner, Path procSelfMounts) {
    return run(args, out, runner, procSelfMounts, Duration.ZERO);
  }

  private static int run(String[] args, PrintStream out, CommandRunner runner,
      Path procSelfMounts, Duration alreadySpent) {
    // Anonymous classes rather than lambdas here and below: a lambda's first call links it
    // through java.lang.invoke, start-up time a plugin pays on every run.
    return PluginCommandLine.execute(SERVICE, COMMAND, args, out, alreadySpent,
        new PluginCommandLine.Action() {
          @Override
          public int run(ParsedArgs parsed, PluginCommandLine.PluginRun plugin)
              throws UsageException {
            return new CheckRaid(parsed, plugin, out, runner, procSelfMounts).call();
          }
        });
  }

  private int call() {
    Deadline deadline = Deadline.after(plugin.timeout(), TOOL_MARGIN);
    PluginRunner.Outcome outcome = PluginRunner.run(SERVICE, plugin.timeout(), plugin.verbosity(),
        new PluginRunner.Task() {
          @Override
          public CheckResult run(PluginRunner.Progress progress) throws Exception {
            List<Subcheck> md = checkMd(progress);
            List<Subcheck> btrfs = checkBtrfs(progress, evaluationTime, deadline);
            progress.stage("evaluating");
            return result(md, btrfs);
          }
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
    if (btrfsMounts.isEmpty() && discovered.isEmpty()) {
      return subchecks;
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
    List<String> names = new ArrayList<>();
    for (Subcheck sc : subchecks) {
      names.add(sc.name());
    }
    String okSummary = String.join(" and ", counts) + " healthy ("
        + (names.size() <= 5 ? String.join(", ", names)
            : String.join(", ", names.subList(0, 5)) + ", ...") + ")";
    return new CheckResult(SERVICE, subchecks, okSummary);
  }
}
