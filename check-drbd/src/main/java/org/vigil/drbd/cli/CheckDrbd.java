package org.vigil.drbd.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.core.CheckResult;
import org.vigil.core.CommandException;
import org.vigil.core.CommandResult;
import org.vigil.core.CommandRunner;
import org.vigil.core.Finding;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;
import org.vigil.core.PluginRunner;
import org.vigil.core.Range;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.core.Thresholds;
import org.vigil.core.cli.CommandSpec;
import org.vigil.core.cli.OptionSpec;
import org.vigil.core.cli.ParsedArgs;
import org.vigil.core.cli.PluginCommandLine;
import org.vigil.core.cli.UsageException;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.drbd.policy.PromotionGuard;

/** The check_drbd plugin: reads DRBD's state, applies {@link DrbdPolicy}, prints one verdict. */
public final class CheckDrbd {
  private static final String PROC_DRBD = "/proc/drbd";
  private static final String DRBDSETUP = "/usr/sbin/drbdsetup";

  static final CommandSpec COMMAND = new CommandSpec("check_drbd", "strict DRBD health check",
      List.of(
          "Reads /proc/drbd (DRBD 0.7, 8.x) or, for DRBD 9, `drbdsetup status --json`, and"
              + " fails loudly on anything it does not fully understand: an unknown state word,"
              + " a malformed line or a bad number is UNKNOWN and names the source, line and"
              + " token.",
          "",
          "CRITICAL: peer disk DUnknown while connected (the peer's data is unknown; a failover"
              + " may roll data back), not replicating (StandAlone = possible split brain,"
              + " WFConnection, Connecting, ...), local disk Outdated/Failed/Diskless/Inconsistent"
              + " outside a resync, peer disk Outdated/Inconsistent outside a resync, I/O"
              + " suspended, quorum lost, both nodes Primary, role differs from --expect-role,"
              + " selected resource absent.",
          "WARNING: resync running, paused or stalled, resync handshakes, Ahead/Behind, disk"
              + " Consistent, out-of-sync data while connected and not resyncing (-w/-c).",
          "OK: Connected and UpToDate on both sides; online verify; unconfigured minors are"
              + " ignored unless selected with -r."),
      List.of(
          OptionSpec.value("--proc-drbd", "FILE",
              "Read /proc/drbd from FILE ('-' = stdin). Default: " + PROC_DRBD + "."),
          OptionSpec.value("--status-json", "FILE",
              "Read DRBD 9 `drbdsetup status --json` output from FILE ('-' = stdin) instead of"
                  + " /proc/drbd."),
          OptionSpec.value("--drbdsetup", "PATH",
              "drbdsetup to run for DRBD 9. Default: " + DRBDSETUP + "."),
          OptionSpec.repeatable("-r", "--resource", "NAME|MINOR",
              "Check only this resource (repeatable). A selected resource that is absent or"
                  + " unconfigured is CRITICAL."),
          OptionSpec.value("--expect-role", "ROLE",
              "CRITICAL unless this node has ROLE (Primary or Secondary)."),
          OptionSpec.flag("--allow-dual-primary",
              "Accept both nodes Primary (for configured dual-primary setups)."),
          OptionSpec.flag("--allow-diskless",
              "Accept intentionally diskless DRBD 9 clients (client/peer-client true)."),
          OptionSpec.value("-w", "--warning", "RANGE",
              "Out-of-sync bytes (connected, not resyncing) outside RANGE are WARNING."
                  + " Default: 0 (any)."),
          OptionSpec.value("-c", "--critical", "RANGE",
              "Out-of-sync bytes outside RANGE are CRITICAL. Default: none."),
          OptionSpec.flag("--promotion-guard",
              "For resource agents and fencing scripts: exit 0 only when this node may become"
                  + " Primary for the one -r resource (every local disk UpToDate, every peer"
                  + " connected with a known disk), 1 otherwise, with the reason on one line.")),
      List.of(
          "  check_drbd                         all resources, default sources",
          "  check_drbd -r r0 --expect-role Primary",
          "  check_drbd -c 1073741824           CRITICAL from 1 GiB out of sync",
          "  check_drbd --proc-drbd saved.txt   check a saved copy of /proc/drbd"));

  private final String procDrbd;
  private final String statusJson;
  private final String drbdsetup;
  private final List<String> resources;
  private final Role expectRole;
  private final boolean allowDualPrimary;
  private final boolean allowDiskless;
  private final Range warning;
  private final Range critical;
  private final boolean promotionGuard;
  private final PluginCommandLine.PluginRun plugin;

  private final PrintStream out;
  private final CommandRunner runner;

  private CheckDrbd(ParsedArgs args, PluginCommandLine.PluginRun plugin, PrintStream out,
      CommandRunner runner) throws UsageException {
    this.procDrbd = args.value("--proc-drbd", PROC_DRBD);
    this.statusJson = args.value("--status-json").orElse(null);
    this.drbdsetup = args.value("--drbdsetup", DRBDSETUP);
    this.resources = args.values("--resource");
    Optional<String> role = args.choice("--expect-role",
        List.of(Role.PRIMARY.token(), Role.SECONDARY.token()));
    this.expectRole = role.isEmpty() ? null
        : role.get().equals(Role.PRIMARY.token()) ? Role.PRIMARY : Role.SECONDARY;
    this.allowDualPrimary = args.flag("--allow-dual-primary");
    this.allowDiskless = args.flag("--allow-diskless");
    this.warning = args.range("--warning").orElse(null);
    this.critical = args.range("--critical").orElse(null);
    this.promotionGuard = args.flag("--promotion-guard");
    this.plugin = plugin;
    this.out = out;
    this.runner = runner;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, new CommandRunner(), PluginCommandLine.spentByLauncher());
    PluginCommandLine.exit(code);
  }

  /** Runs the plugin as the command line would; never throws, always returns 0-3. */
  public static int run(String[] args, PrintStream out, CommandRunner runner) {
    return run(args, out, runner, Duration.ZERO);
  }

  static int run(String[] args, PrintStream out, CommandRunner runner, Duration alreadySpent) {
    // Anonymous classes rather than lambdas here and below: a lambda's first call links it
    // through java.lang.invoke, start-up time a plugin pays on every run.
    return PluginCommandLine.execute(DrbdPolicy.SERVICE, COMMAND, args, out, alreadySpent,
        new PluginCommandLine.Action() {
          @Override
          public int run(ParsedArgs parsed, PluginCommandLine.PluginRun plugin)
              throws UsageException {
            return new CheckDrbd(parsed, plugin, out, runner).call();
          }
        });
  }

  private int call() {
    Duration timeout = plugin.timeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    DrbdPolicyOptions options = new DrbdPolicyOptions(
        resources, Optional.ofNullable(expectRole), allowDualPrimary, allowDiskless,
        new Thresholds(
            Optional.of(warning != null ? warning : DrbdPolicyOptions.DEFAULT_OUT_OF_SYNC_WARNING),
            Optional.ofNullable(critical)));
    if (promotionGuard) {
      return guardPromotion(timeout, deadline);
    }
    PluginRunner.Outcome outcome = PluginRunner.run(
        DrbdPolicy.SERVICE, timeout, plugin.verbosity(), new PluginRunner.Task() {
          @Override
          public CheckResult run(PluginRunner.Progress progress) throws Exception {
            DrbdStatus status = readStatus(progress, deadline);
            progress.stage("evaluating");
            return DrbdPolicy.evaluate(status, options);
          }
        });
    print(out, outcome.stdout());
    return outcome.exitCode();
  }

  /**
   * The promotion guard: "SAFE - ..." and exit 0, or "UNSAFE - ..." and exit 1 for every other
   * case, including bad arguments, unreadable status and timeouts (a guard that cannot tell must
   * say no).
   */
  private int guardPromotion(Duration timeout, long deadline) {
    if (resources.size() != 1) {
      print(out, "UNSAFE - --promotion-guard needs exactly one -r RESOURCE\n");
      return 1;
    }
    String selector = resources.get(0);
    final class Guard implements PluginRunner.Task {
      /** Set on the worker thread; volatile as a timed-out worker may still be running. */
      volatile PromotionGuard.Verdict verdict;

      @Override
      public CheckResult run(PluginRunner.Progress progress) throws Exception {
        DrbdStatus status = readStatus(progress, deadline);
        progress.stage("evaluating");
        Optional<DrbdResource> resource = DrbdPolicy.find(status, selector);
        PromotionGuard.Verdict v = resource.isPresent()
            ? PromotionGuard.evaluate(resource.get())
            : new PromotionGuard.Verdict(false, selector + ": resource not found");
        verdict = v;
        Finding finding = v.safe() ? Finding.ok(v.reason()) : Finding.critical(v.reason());
        return new CheckResult(DrbdPolicy.SERVICE, List.of(new Subcheck(
            selector, "promotion guard", List.of(finding), List.of(), List.of())), v.reason());
      }
    }
    Guard guard = new Guard();
    PluginRunner.Outcome outcome = PluginRunner.run(DrbdPolicy.SERVICE, timeout, 0, guard);
    PromotionGuard.Verdict v = guard.verdict;
    if (outcome.exitCode() == State.UNKNOWN.exitCode() || v == null) {
      String stdout = outcome.stdout();
      int end = 0;
      while (end < stdout.length() && stdout.charAt(end) != '\n' && stdout.charAt(end) != '\r') {
        end++;
      }
      String line = stdout.substring(0, end);
      print(out, "UNSAFE - cannot tell: " + line.substring(line.indexOf(" - ") + 3) + "\n");
      return 1;
    }
    print(out, (v.safe() ? "SAFE - " : "UNSAFE - ") + v.reason() + "\n");
    return v.safe() ? 0 : 1;
  }

  private DrbdStatus readStatus(PluginRunner.Progress progress, long deadline)
      throws java.io.IOException, ParseException, CommandException {
    if (statusJson != null) {
      progress.stage("reading " + statusJson);
      return new StatusJsonParser().parse(
          InputFiles.read(statusJson, null), InputFiles.sourceName(statusJson));
    }
    progress.stage("reading " + procDrbd);
    DrbdStatus status = new ProcDrbdParser().parse(
        InputFiles.read(procDrbd, procDrbd.equals("/proc/drbd")
            ? "is the drbd kernel module loaded?" : null),
        InputFiles.sourceName(procDrbd));
    if (status.format() == DrbdStatus.Format.PROC_DRBD_9) {
      progress.stage("running " + drbdsetup + " status --json");
      status = runDrbdsetup(deadline);
    }
    return status;
  }

  private DrbdStatus runDrbdsetup(long deadline) throws CommandException, ParseException {
    // Leave the plugin timeout a moment to report the tool's own timeout precisely.
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 - 250);
    List<String> argv = List.of(drbdsetup, "status", "--json");
    CommandResult result;
    try {
      result = runner.run(argv, Duration.ofMillis(left));
    } catch (CommandException e) {
      throw new CommandException(e.kind(),
          "DRBD 9 detected (/proc/drbd holds no device state), but " + e.getMessage());
    }
    return new StatusJsonParser().parse(result.stdoutTextIfExit(Set.of(0)),
        String.join(" ", argv));
  }

  private static void print(PrintStream out, String text) {
    PluginCommandLine.print(out, text);
  }
}
