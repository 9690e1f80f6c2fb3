package org.vigil.cluster.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigil.cli.PluginCommandLine;
import org.vigil.cli.PluginOptions;
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
import org.vigil.core.PluginOutput;
import org.vigil.core.PluginRunner;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The check_cluster plugin: Pacemaker, Corosync and Heartbeat clusters, one verdict. */
@Command(
    name = "check_cluster",
    description = {
      "Reads crm_mon XML (both the legacy --as-xml and the --output-as=xml shape),"
          + " corosync-quorumtool -s and corosync-cfgtool -s, or Heartbeat's cl_status, and"
          + " says what is wrong. Anything it cannot read completely is UNKNOWN and names the"
          + " source, line and token.",
      "",
      "Live mode (no file options): runs crm_mon -1 --output-as=xml (falling back to --as-xml"
          + " on Pacemaker before 2.0.3), corosync-quorumtool -s and corosync-cfgtool -s, each"
          + " with the timeout; --stack heartbeat runs cl_status instead. File mode"
          + " (--crm-mon-xml, --quorumtool, --cfgtool, --heartbeat): exactly the files given.",
      "",
      "CRITICAL: no quorum, no DC, a node offline although expected up, unclean or pending, a"
          + " resource failed, blocked or stopped although its target role is Started, multiply"
          + " active, failed fencing, every corosync link of a node down, heartbeat stopped or"
          + " a node dead.",
      "WARNING: failed actions, fail-counts (--failcount-warn, or one below"
          + " migration-threshold), standby or maintenance nodes, maintenance-mode, unmanaged"
          + " resources, fencing disabled, one of several links faulty, cli-ban/cli-prefer"
          + " leftovers (--warn-bans)."
    },
    footer = {
      "  check_cluster                               Pacemaker + Corosync, live",
      "  check_cluster --expect-nodes 2 --warn-bans",
      "  check_cluster --crm-mon-xml saved.xml       a saved crm_mon --output-as=xml",
      "  check_cluster --stack heartbeat             a Heartbeat (cl_status) pair"
    })
public final class CheckCluster implements Callable<Integer> {
  static final String SERVICE = PacemakerPolicy.SERVICE;
  /** Kept back from every tool's timeout so that a timeout is still reported within -t. */
  private static final Duration TOOL_MARGIN = Duration.ofMillis(250);

  /** Which cluster stack live mode reads. */
  enum Stack {
    pacemaker,
    heartbeat
  }

  @Option(names = "--crm-mon-xml", paramLabel = "FILE",
      description = "Read crm_mon XML from FILE ('-' = stdin).")
  String crmMonXml;

  @Option(names = "--quorumtool", paramLabel = "FILE",
      description = "Read `corosync-quorumtool -s` output from FILE.")
  String quorumtool;

  @Option(names = "--cfgtool", paramLabel = "FILE",
      description = "Read `corosync-cfgtool -s` output from FILE.")
  String cfgtool;

  @Option(names = "--heartbeat", paramLabel = "FILE",
      description = "Read a cl_status report (hbstatus, listnodes, nodestatus, rscstatus"
          + " sections) from FILE.")
  String heartbeat;

  @Option(names = "--stack", paramLabel = "STACK",
      description = "Live mode: pacemaker (default) or heartbeat.")
  Stack stack = Stack.pacemaker;

  @Option(names = "--no-corosync",
      description = "Live mode: do not run the corosync tools (e.g. Pacemaker on another stack).")
  boolean noCorosync;

  @Option(names = "--ignore-resource", paramLabel = "REGEX",
      description = "Leave resources whose whole id matches REGEX out of the verdict.")
  String ignoreResource;

  @Option(names = "--expect-nodes", paramLabel = "N",
      description = "CRITICAL when fewer than N cluster nodes are online.")
  Integer expectNodes;

  @Option(names = "--failcount-warn", paramLabel = "N",
      description = "WARNING from this fail-count on. Default: ${DEFAULT-VALUE}.")
  int failcountWarn = 1;

  @Option(names = "--warn-bans",
      description = "WARNING for cli-ban/cli-prefer constraints left by crm_resource --ban/--move.")
  boolean warnBans;

  @Option(names = "--crm-mon", paramLabel = "PATH", description = "Default: ${DEFAULT-VALUE}.")
  String crmMonTool = "/usr/sbin/crm_mon";

  @Option(names = "--corosync-quorumtool", paramLabel = "PATH",
      description = "Default: ${DEFAULT-VALUE}.")
  String quorumtoolTool = "/usr/sbin/corosync-quorumtool";

  @Option(names = "--corosync-cfgtool", paramLabel = "PATH",
      description = "Default: ${DEFAULT-VALUE}.")
  String cfgtoolTool = "/usr/sbin/corosync-cfgtool";

  @Option(names = "--cl-status", paramLabel = "PATH", description = "Default: ${DEFAULT-VALUE}.")
  String clStatusTool = "/usr/bin/cl_status";

  @Mixin PluginOptions plugin = new PluginOptions();

  private final PrintStream out;
  private final CommandRunner runner;

  CheckCluster(PrintStream out, CommandRunner runner) {
    this.out = out;
    this.runner = runner;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, new CommandRunner());
    System.out.flush();
    System.exit(code);
  }

  /** Runs the plugin as the command line would; never throws, always returns 0-3. */
  public static int run(String[] args, PrintStream out, CommandRunner runner) {
    return PluginCommandLine.execute(SERVICE, "strict Pacemaker, Corosync and Heartbeat check",
        "check_cluster [-hVv] [-t SECONDS] [--expect-nodes N] [--crm-mon-xml FILE]"
            + " [--quorumtool FILE] [--cfgtool FILE] [--heartbeat FILE]",
        new CheckCluster(out, runner), args, out);
  }

  @Override
  public Integer call() {
    Optional<String> problem = plugin.problem();
    Optional<Pattern> ignore = Optional.empty();
    if (problem.isEmpty() && ignoreResource != null) {
      try {
        ignore = Optional.of(Pattern.compile(ignoreResource));
      } catch (PatternSyntaxException e) {
        problem = Optional.of("--ignore-resource is not a valid regular expression: "
            + e.getDescription());
      }
    }
    if (problem.isEmpty() && failcountWarn < 1) {
      problem = Optional.of("--failcount-warn must be at least 1");
    }
    if (problem.isEmpty() && expectNodes != null && expectNodes < 1) {
      problem = Optional.of("--expect-nodes must be at least 1");
    }
    if (problem.isPresent()) {
      PluginCommandLine.print(out, PluginOutput.single(SERVICE, State.UNKNOWN,
          "invalid arguments: " + problem.get()));
      return State.UNKNOWN.exitCode();
    }
    PacemakerPolicyOptions options = new PacemakerPolicyOptions(ignore,
        expectNodes == null ? OptionalInt.empty() : OptionalInt.of(expectNodes), failcountWarn,
        warnBans);
    Deadline deadline = Deadline.after(plugin.timeout(), TOOL_MARGIN);
    PluginRunner.Outcome outcome = PluginRunner.run(SERVICE, plugin.timeout(), plugin.verbosity(),
        progress -> evaluate(progress, options, deadline));
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
