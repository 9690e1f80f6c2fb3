package org.vigil.cluster.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.cluster.heartbeat.ClStatusParser;
import org.vigil.cluster.heartbeat.HeartbeatStatus;
import org.vigil.cluster.live.LiveCluster;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.policy.CorosyncPolicy;
import org.vigil.cluster.policy.HeartbeatPolicy;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.CheckResult;
import org.vigil.core.CommandException;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;
import org.vigil.core.PluginRunner;
import org.vigil.core.Subcheck;
import org.vigil.core.cli.CommandSpec;
import org.vigil.core.cli.OptionSpec;
import org.vigil.core.cli.ParsedArgs;
import org.vigil.core.cli.PluginCommandLine;
import org.vigil.core.cli.UsageException;

/** The check_cluster plugin: Pacemaker, Corosync and Heartbeat clusters, one verdict. */
public final class CheckCluster {
  static final String SERVICE = PacemakerPolicy.SERVICE;
  /** Kept back from every tool's timeout so that a timeout is still reported within -t. */
  private static final Duration TOOL_MARGIN = Duration.ofMillis(250);
  private static final String CRM_MON = "/usr/sbin/crm_mon";
  private static final String QUORUMTOOL = "/usr/sbin/corosync-quorumtool";
  private static final String CFGTOOL = "/usr/sbin/corosync-cfgtool";
  private static final String CL_STATUS = "/usr/bin/cl_status";

  /** Which cluster stack live mode reads. */
  enum Stack {
    pacemaker,
    heartbeat
  }

  static final CommandSpec COMMAND = new CommandSpec("check_cluster",
      "strict Pacemaker, Corosync and Heartbeat check",
      List.of(
          "Reads crm_mon XML (both the legacy --as-xml and the --output-as=xml shape),"
              + " corosync-quorumtool -s and corosync-cfgtool -s, or Heartbeat's cl_status, and"
              + " says what is wrong. Anything it cannot read completely is UNKNOWN and names"
              + " the source, line and token.",
          "",
          "Live mode (no file options): runs crm_mon -1 --output-as=xml (falling back to"
              + " --as-xml on Pacemaker before 2.0.3), corosync-quorumtool -s and"
              + " corosync-cfgtool -s, each with the timeout; --stack heartbeat runs cl_status"
              + " instead. File mode (--crm-mon-xml, --quorumtool, --cfgtool, --heartbeat):"
              + " exactly the files given.",
          "",
          "CRITICAL: no quorum, no DC, a node offline although expected up, unclean or pending,"
              + " a resource failed, blocked or stopped although its target role is Started,"
              + " multiply active, failed fencing, every corosync link of a node down, heartbeat"
              + " stopped or a node dead.",
          "WARNING: failed actions, fail-counts (--failcount-warn, or one below"
              + " migration-threshold), standby or maintenance nodes, maintenance-mode,"
              + " unmanaged resources, fencing disabled, one of several links faulty,"
              + " cli-ban/cli-prefer leftovers (--warn-bans)."),
      List.of(
          OptionSpec.value("--crm-mon-xml", "FILE", "Read crm_mon XML from FILE ('-' = stdin)."),
          OptionSpec.value("--quorumtool", "FILE",
              "Read `corosync-quorumtool -s` output from FILE."),
          OptionSpec.value("--cfgtool", "FILE", "Read `corosync-cfgtool -s` output from FILE."),
          OptionSpec.value("--heartbeat", "FILE",
              "Read a cl_status report (hbstatus, listnodes, nodestatus, rscstatus sections)"
                  + " from FILE."),
          OptionSpec.value("--stack", "STACK", "Live mode: pacemaker (default) or heartbeat."),
          OptionSpec.flag("--no-corosync",
              "Live mode: do not run the corosync tools (e.g. Pacemaker on another stack)."),
          OptionSpec.value("--ignore-resource", "REGEX",
              "Leave resources whose whole id matches REGEX out of the verdict."),
          OptionSpec.value("--expect-nodes", "N",
              "CRITICAL when fewer than N cluster nodes are online."),
          OptionSpec.value("--failcount-warn", "N",
              "WARNING from this fail-count on. Default: 1."),
          OptionSpec.flag("--warn-bans",
              "WARNING for cli-ban/cli-prefer constraints left by crm_resource --ban/--move."),
          OptionSpec.value("--crm-mon", "PATH", "crm_mon to run. Default: " + CRM_MON + "."),
          OptionSpec.value("--corosync-quorumtool", "PATH",
              "corosync-quorumtool to run. Default: " + QUORUMTOOL + "."),
          OptionSpec.value("--corosync-cfgtool", "PATH",
              "corosync-cfgtool to run. Default: " + CFGTOOL + "."),
          OptionSpec.value("--cl-status", "PATH",
              "cl_status to run. Default: " + CL_STATUS + ".")),
      List.of(
          "  check_cluster                               Pacemaker + Corosync, live",
          "  check_cluster --expect-nodes 2 --warn-bans",
          "  check_cluster --crm-mon-xml saved.xml       a saved crm_mon --output-as=xml",
          "  check_cluster --stack heartbeat             a Heartbeat (cl_status) pair"));

  private final String crmMonXml;
  private final String quorumtool;
  private final String cfgtool;
  private final String heartbeat;
  private final Stack stack;
  private final boolean noCorosync;
  private final String crmMonTool;
  private final String quorumtoolTool;
  private final String cfgtoolTool;
  private final String clStatusTool;
  private final PacemakerPolicyOptions options;
  private final PluginCommandLine.PluginRun plugin;

  private final PrintStream out;
  private final CommandRunner runner;

  private CheckCluster(ParsedArgs args, PluginCommandLine.PluginRun plugin, PrintStream out,
      CommandRunner runner) throws UsageException {
    this.crmMonXml = args.value("--crm-mon-xml").orElse(null);
    this.quorumtool = args.value("--quorumtool").orElse(null);
    this.cfgtool = args.value("--cfgtool").orElse(null);
    this.heartbeat = args.value("--heartbeat").orElse(null);
    this.stack = Stack.valueOf(args.choice("--stack",
        List.of(Stack.pacemaker.name(), Stack.heartbeat.name())).orElse(Stack.pacemaker.name()));
    this.noCorosync = args.flag("--no-corosync");
    this.crmMonTool = args.value("--crm-mon", CRM_MON);
    this.quorumtoolTool = args.value("--corosync-quorumtool", QUORUMTOOL);
    this.cfgtoolTool = args.value("--corosync-cfgtool", CFGTOOL);
    this.clStatusTool = args.value("--cl-status", CL_STATUS);
    Optional<Pattern> ignore = Optional.empty();
    Optional<String> ignoreResource = args.value("--ignore-resource");
    if (ignoreResource.isPresent()) {
      try {
        ignore = Optional.of(Pattern.compile(ignoreResource.get()));
      } catch (PatternSyntaxException e) {
        throw new UsageException("--ignore-resource is not a valid regular expression: "
            + e.getDescription());
      }
    }
    OptionalInt expectNodes = args.value("--expect-nodes").isPresent()
        ? OptionalInt.of(args.intValue("--expect-nodes", 0, 1, Integer.MAX_VALUE))
        : OptionalInt.empty();
    this.options = new PacemakerPolicyOptions(ignore, expectNodes,
        args.intValue("--failcount-warn", 1, 1, Integer.MAX_VALUE), args.flag("--warn-bans"));
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
    return PluginCommandLine.execute(SERVICE, COMMAND, args, out, alreadySpent,
        new PluginCommandLine.Action() {
          @Override
          public int run(ParsedArgs parsed, PluginCommandLine.PluginRun plugin)
              throws UsageException {
            return new CheckCluster(parsed, plugin, out, runner).call();
          }
        });
  }

  private int call() {
    Deadline deadline = Deadline.after(plugin.timeout(), TOOL_MARGIN);
    PluginRunner.Outcome outcome = PluginRunner.run(SERVICE, plugin.timeout(), plugin.verbosity(),
        new PluginRunner.Task() {
          @Override
          public CheckResult run(PluginRunner.Progress progress) throws Exception {
            return evaluate(progress, options, deadline);
          }
        });
    PluginCommandLine.print(out, outcome.stdout());
    return outcome.exitCode();
  }

  private boolean fileMode() {
    return crmMonXml != null || quorumtool != null || cfgtool != null || heartbeat != null;
  }

  private CheckResult evaluate(PluginRunner.Progress progress, PacemakerPolicyOptions options,
      Deadline deadline) throws IOException, ParseException, CommandException {
    Optional<CrmMon> crm = Optional.empty();
    Optional<Quorumtool> quorum = Optional.empty();
    Optional<Cfgtool> links = Optional.empty();
    Optional<HeartbeatStatus> hb = Optional.empty();
    if (fileMode()) {
      if (crmMonXml != null) {
        progress.stage("reading " + crmMonXml);
        crm = Optional.of(CrmMonXmlParser.parse(
            InputFiles.read(crmMonXml, null), InputFiles.sourceName(crmMonXml)));
      }
      if (quorumtool != null) {
        progress.stage("reading " + quorumtool);
        quorum = Optional.of(QuorumtoolParser.parse(
            InputFiles.read(quorumtool, null), InputFiles.sourceName(quorumtool)));
      }
      if (cfgtool != null) {
        progress.stage("reading " + cfgtool);
        links = Optional.of(CfgtoolParser.parse(
            InputFiles.read(cfgtool, null), InputFiles.sourceName(cfgtool)));
      }
      if (heartbeat != null) {
        progress.stage("reading " + heartbeat);
        hb = Optional.of(ClStatusParser.parseReport(
            InputFiles.read(heartbeat, null), InputFiles.sourceName(heartbeat)));
      }
    } else if (stack == Stack.heartbeat) {
      progress.stage("running " + clStatusTool);
      hb = Optional.of(LiveCluster.heartbeat(runner, clStatusTool, deadline));
    } else {
      progress.stage("running " + crmMonTool);
      crm = Optional.of(LiveCluster.crmMon(runner, crmMonTool, deadline));
      if (!noCorosync) {
        progress.stage("running " + quorumtoolTool + " -s");
        quorum = Optional.of(LiveCluster.quorumtool(runner, quorumtoolTool, deadline));
        progress.stage("running " + cfgtoolTool + " -s");
        links = Optional.of(LiveCluster.cfgtool(runner, cfgtoolTool, deadline));
      }
    }
    List<Subcheck> subchecks = new ArrayList<>();
    String okSummary = "";
    if (crm.isPresent()) {
      subchecks.addAll(PacemakerPolicy.evaluate(crm.get(), options));
      okSummary = PacemakerPolicy.okSummary(crm.get());
    }
    if (quorum.isPresent() || links.isPresent()) {
      subchecks.addAll(CorosyncPolicy.evaluate(quorum, links));
      okSummary = okSummary.isEmpty() ? "corosync quorate, links up" : okSummary;
    }
    if (hb.isPresent()) {
      subchecks.addAll(HeartbeatPolicy.evaluate(hb.get()));
      okSummary = okSummary.isEmpty() ? "heartbeat running, all nodes up" : okSummary;
    }
    return new CheckResult(SERVICE, subchecks, okSummary);
  }
}
