package org.vigil.cluster.policy;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cluster.heartbeat.HbNodeStatus;
import org.vigil.cluster.heartbeat.HeartbeatNode;
import org.vigil.cluster.heartbeat.HeartbeatStatus;
import org.vigil.cluster.heartbeat.ResourceStatus;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.Subcheck;

/**
 * The Heartbeat (v1/v2 R1-style, {@code cl_status}) policy: a pure function from one {@link
 * HeartbeatStatus} to subchecks.
 *
 * <table>
 *   <caption>policy</caption>
 *   <tr><th>state</th><th>condition</th><th>subcheck</th></tr>
 *   <tr><td>CRITICAL</td><td>heartbeat stopped on this machine</td><td>heartbeat</td></tr>
 *   <tr><td>CRITICAL</td><td>rscstatus {@code none} and no other node is {@code active}: no node
 *       serves the resources</td><td>heartbeat</td></tr>
 *   <tr><td>WARNING</td><td>rscstatus {@code transition}</td><td>heartbeat</td></tr>
 *   <tr><td>OK</td><td>rscstatus {@code local}/{@code foreign}/{@code all}, or {@code none} with
 *       an active peer (the summary says who holds them)</td><td>heartbeat</td></tr>
 *   <tr><td>CRITICAL</td><td>a node (normal or ping) is {@code dead}</td><td>node NAME</td></tr>
 *   <tr><td>WARNING</td><td>a node is {@code up} but not {@code active}</td><td>node NAME</td></tr>
 *   <tr><td>OK</td><td>{@code active}, or a ping node {@code ping}</td><td>node NAME</td></tr>
 * </table>
 *
 * <p>Subchecks: {@code heartbeat} (perfdata hb_nodes, hb_nodes_active, hb_nodes_dead) and one
 * {@code node NAME} per listed node.
 *
 * <p>Peers are the listed nodes other than the local node ({@code uname -n}); when the local name
 * is unknown, the local node is taken to be one of the active nodes (heartbeat runs here).
 */
public final class HeartbeatPolicy {
  private HeartbeatPolicy() {}

  public static List<Subcheck> evaluate(HeartbeatStatus status) {
    List<Subcheck> result = new ArrayList<>();
    if (!status.running()) {
      result.add(new Subcheck("heartbeat", "stopped",
          List.of(Finding.critical("heartbeat is stopped on this machine: this node neither"
              + " serves nor takes over any resource")),
          List.of(), List.of()));
      return result;
    }
    List<String> activePeers = new ArrayList<>();
    int active = 0;
    int dead = 0;
    for (HeartbeatNode n : status.nodes()) {
      if (n.status() == HbNodeStatus.ACTIVE) {
        active++;
        if (status.localNode().isPresent() && !status.localNode().get().equals(n.name())) {
          activePeers.add(n.name());
        }
      }
      if (n.status() == HbNodeStatus.DEAD) {
        dead++;
      }
    }
    boolean peerActive = status.localNode().isPresent() ? !activePeers.isEmpty() : active >= 2;
    ResourceStatus rsc = status.resources().orElseThrow();
    List<Finding> findings = new ArrayList<>();
    String holds = switch (rsc) {
      case NONE -> "this node holds no resources";
      case LOCAL -> "this node holds its own (local) resources";
      case FOREIGN -> "this node holds its peer's (foreign) resources";
      case ALL -> "this node holds all resources";
      case TRANSITION -> "resources are in transition";
    };
    switch (rsc) {
      case NONE -> {
        if (peerActive) {
          findings.add(Finding.ok(holds + "; the active peer "
              + (activePeers.isEmpty() ? "node" : String.join(", ", activePeers))
              + " serves them"));
        } else {
          findings.add(Finding.critical(holds + " and no peer node is active: no node serves"
              + " the resources"));
        }
      }
      case TRANSITION -> findings.add(Finding.warning("resources are in transition: a takeover"
          + " or release is in progress, and they may be unserved until it completes"));
      default -> findings.add(Finding.ok(holds));
    }
    String summary = "running, " + status.nodes().size()
        + (status.nodes().size() == 1 ? " node" : " nodes") + ", " + holds;
    result.add(new Subcheck("heartbeat", summary, findings,
        status.localNode().map(n -> List.of("local node " + n)).orElse(List.of()),
        List.of(
            PerfData.of("hb_nodes", status.nodes().size(), Unit.NONE).withMin(0),
            PerfData.of("hb_nodes_active", active, Unit.NONE).withMin(0),
            PerfData.of("hb_nodes_dead", dead, Unit.NONE).withMin(0))));
    for (HeartbeatNode n : status.nodes()) {
      boolean local = status.localNode().map(n.name()::equals).orElse(false);
      String name = "node " + n.name();
      String summary2 = n.status().token() + (local ? " (local)" : "");
      Finding f = switch (n.status()) {
        case ACTIVE -> Finding.ok(name + " is active");
        case PING -> Finding.ok(name + " is a ping node and answers");
        case UP -> Finding.warning(name + " is up but not active: heartbeat hears it, but it has"
            + " not finished joining and cannot take over resources yet");
        case DEAD -> Finding.critical(name + " is dead: nothing heard from it within deadtime"
            + " (a dead cluster node serves nothing and ends redundancy; a dead ping node means"
            + " lost network reachability)");
      };
      result.add(new Subcheck(name, summary2, List.of(f), List.of(), List.of()));
    }
    return result;
  }
}
