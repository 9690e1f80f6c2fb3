package org.vigil.cluster.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.cluster.heartbeat.ClStatusParser;
import org.vigil.cluster.heartbeat.HbDaemonStatus;
import org.vigil.cluster.heartbeat.HeartbeatNode;
import org.vigil.cluster.heartbeat.HeartbeatStatus;
import org.vigil.cluster.pacemaker.CibClusterName;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.core.CommandException;
import org.vigil.core.CommandResult;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.InputFiles;
import org.vigil.core.ParseException;

/**
 * Runs the cluster tools and parses what they print, with each tool's exit-status rules: the one
 * place check_cluster's live mode and the exporter's pacemaker and corosync collectors read a
 * running cluster. Every call gets what is left of {@code deadline}; {@code path} is the tool as
 * given (absolute, or a name looked up in PATH).
 */
public final class LiveCluster {
  private LiveCluster() {}

  /**
   * {@code crm_mon -1 --output-as=xml}, or {@code crm_mon -1 --as-xml} when that fails without
   * printing anything (Pacemaker before 2.0.3 does not know {@code --output-as}). A document is
   * parsed whatever the exit status: its own {@code status} element is authoritative.
   */
  public static CrmMon crmMon(CommandRunner runner, String path, Deadline deadline)
      throws CommandException, ParseException {
    CommandResult r = runner.run(List.of(path, "-1", "--output-as=xml"), deadline);
    if (r.exitCode() != 0 && r.stdout().length == 0) {
      r = runner.run(List.of(path, "-1", "--as-xml"), deadline);
    }
    if (r.stdout().length == 0) {
      return CrmMonXmlParser.parse(r.stdoutTextIfExit(Set.of(0)), r.commandLine());
    }
    return CrmMonXmlParser.parse(r.stdoutText(r.commandLine()), r.commandLine());
  }

  /**
   * The {@code cluster-name} property from the CIB file Pacemaker keeps on every node ({@code
   * /var/lib/pacemaker/cib/cib.xml}); empty when the property is unset, as Pacemaker's default.
   * The file, not {@code cibadmin --query}: no extra tool call and no IPC, and the name changes
   * only with a configuration change that rewrites the file.
   */
  public static Optional<String> clusterName(Path cib) throws IOException, ParseException {
    return CibClusterName.parse(InputFiles.read(cib.toString(), null), cib.toString());
  }

  /** {@code corosync-quorumtool -s}; exit 2 means "not quorate", which the text says too. */
  public static Quorumtool quorumtool(CommandRunner runner, String path, Deadline deadline)
      throws CommandException, ParseException {
    CommandResult r = runner.run(List.of(path, "-s"), deadline);
    return QuorumtoolParser.parse(r.stdoutTextIfExit(Set.of(0, 2)), r.commandLine());
  }

  /** {@code corosync-cfgtool -s}; exit 1 means a ring or link is faulty (corosync 2). */
  public static Cfgtool cfgtool(CommandRunner runner, String path, Deadline deadline)
      throws CommandException, ParseException {
    CommandResult r = runner.run(List.of(path, "-s"), deadline);
    return CfgtoolParser.parse(r.stdoutTextIfExit(Set.of(0, 1)), r.commandLine());
  }

  /**
   * Heartbeat through {@code cl_status}: {@code hbstatus}, then (when running) {@code listnodes},
   * {@code nodestatus NODE} for each node and {@code rscstatus}.
   */
  public static HeartbeatStatus heartbeat(CommandRunner runner, String path, Deadline deadline)
      throws CommandException, ParseException {
    // cl_status hbstatus exits 1 when heartbeat is stopped; the sentence it prints says so.
    CommandResult hbstatus = runner.run(List.of(path, "hbstatus"), deadline);
    HbDaemonStatus daemon = ClStatusParser.parseHbstatus(
        hbstatus.stdoutTextIfExit(Set.of(0, 1)), hbstatus.commandLine());
    if (daemon != HbDaemonStatus.RUNNING) {
      return new HeartbeatStatus(daemon, Optional.empty(), List.of(), Optional.empty());
    }
    CommandResult list = runner.run(List.of(path, "listnodes"), deadline);
    List<HeartbeatNode> nodes = new ArrayList<>();
    for (String name : ClStatusParser.parseListnodes(
        list.stdoutTextIfExit(Set.of(0)), list.commandLine())) {
      // cl_status nodestatus exits 1 for a dead node; the word it prints says so.
      CommandResult st = runner.run(List.of(path, "nodestatus", name), deadline);
      nodes.add(new HeartbeatNode(name, ClStatusParser.parseNodestatus(
          st.stdoutTextIfExit(Set.of(0, 1)), st.commandLine())));
    }
    CommandResult rsc = runner.run(List.of(path, "rscstatus"), deadline);
    return new HeartbeatStatus(daemon, Optional.empty(), nodes, Optional.of(
        ClStatusParser.parseRscstatus(rsc.stdoutTextIfExit(Set.of(0)), rsc.commandLine())));
  }
}
