package org.vigil.cluster.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolFormat;
import org.vigil.cluster.corosync.CorosyncLink;
import org.vigil.cluster.corosync.InterfaceStatus;
import org.vigil.cluster.corosync.LinkPeer;
import org.vigil.cluster.corosync.PeerLinkState;
import org.vigil.cluster.corosync.QdeviceState;
import org.vigil.cluster.corosync.QuorumMember;
import org.vigil.cluster.corosync.QuorumProvider;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.corosync.Votequorum;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.Subcheck;

/**
 * The Corosync policy: a pure function from {@code corosync-quorumtool -s} and/or {@code
 * corosync-cfgtool -s} to subchecks.
 *
 * <table>
 *   <caption>policy</caption>
 *   <tr><th>state</th><th>condition</th><th>subcheck</th></tr>
 *   <tr><td>CRITICAL</td><td>{@code Quorate: No}</td><td>quorum</td></tr>
 *   <tr><td>CRITICAL</td><td>{@code Activity blocked}</td><td>quorum</td></tr>
 *   <tr><td>CRITICAL</td><td>a peer is connected on no link</td><td>node NAME</td></tr>
 *   <tr><td>CRITICAL</td><td>every ring FAULTY, or no peer connected on any link (this node is
 *       isolated)</td><td>ring N / link N</td></tr>
 *   <tr><td>WARNING</td><td>one of several rings FAULTY; a peer disconnected on some but not all
 *       links</td><td>ring N / link N</td></tr>
 *   <tr><td>WARNING</td><td>total votes below expected votes (a member is missing)</td>
 *       <td>quorum</td></tr>
 *   <tr><td>WARNING</td><td>quorum device in use but, for a member, not registered, not alive or
 *       not casting its vote</td><td>quorum</td></tr>
 *   <tr><td>UNKNOWN</td><td>no quorum provider configured</td><td>quorum</td></tr>
 *   <tr><td>OK</td><td>quorate, all votes present, every ring/link up</td><td>all</td></tr>
 * </table>
 *
 * <p>Subchecks: {@code quorum} (perfdata corosync_nodes, expected_votes, total_votes, quorum),
 * one {@code ring N} (corosync 1.x/2.x) or {@code link N} (corosync 3) per ring/link (the first
 * carries perfdata links_up and links_total), and with knet one {@code node NAME} per peer, named
 * from the quorumtool membership when both inputs are given. corosync 3.0.0/3.0.1 print node indexes, not
 * node IDs; those nodes are named {@code index N}.
 */
public final class CorosyncPolicy {
  private CorosyncPolicy() {}

  /**
   * @throws IllegalArgumentException when both inputs are absent
   */
  public static List<Subcheck> evaluate(
      Optional<Quorumtool> quorumtool, Optional<Cfgtool> cfgtool) {
    if (quorumtool.isEmpty() && cfgtool.isEmpty()) {
      throw new IllegalArgumentException("nothing to evaluate: no quorumtool and no cfgtool");
    }
    List<Subcheck> result = new ArrayList<>();
    quorumtool.ifPresent(q -> result.add(quorum(q)));
    cfgtool.ifPresent(c -> result.addAll(links(c, quorumtool)));
    return result;
  }

  // ---------------------------------------------------------------- quorum

  static Subcheck quorum(Quorumtool q) {
    List<Finding> findings = new ArrayList<>();
    List<String> details = new ArrayList<>();
    List<PerfData> perf = new ArrayList<>();
    details.add("ring ID " + q.ringId().text() + ", local node ID " + q.localNodeId());
    perf.add(PerfData.of("corosync_nodes", q.nodes(), Unit.NONE).withMin(0));
    if (q.provider() == QuorumProvider.NOT_CONFIGURED) {
      findings.add(Finding.unknown("no quorum provider is configured: corosync cannot tell whether"
          + " this partition may run resources; configure votequorum"));
      return new Subcheck("quorum", "no quorum provider, " + q.nodes() + " nodes", findings,
          details, perf);
    }
    Votequorum v = q.votequorum().orElseThrow();
    String votes = v.totalVotes() + " of " + v.expectedVotes() + " expected votes";
    if (!q.quorate()) {
      findings.add(Finding.critical("partition is not quorate (" + votes + ", quorum "
          + v.quorum() + "): this partition may not run resources"));
    }
    if (v.activityBlocked()) {
      findings.add(Finding.critical("activity blocked: quorum " + v.quorum() + " not reached with "
          + votes + "; cluster services will not start or recover resources here"));
    }
    if (q.quorate() && v.totalVotes() < v.expectedVotes()) {
      findings.add(Finding.warning(votes + " present: a member is missing; one more lost vote may"
          + " cost quorum"));
    }
    if (q.qdeviceInUse()) {
      for (QuorumMember m : q.members()) {
        Optional<QdeviceState> s = m.qdevice();
        String who = "node " + m.name() + (m.local() ? " (local)" : "");
        if (s.isEmpty() || !s.get().registered()) {
          findings.add(Finding.warning("quorum device not registered on " + who
              + ": its qdevice daemon is not running; the tie-breaking vote is lost for it"));
        } else if (!s.get().alive()) {
          findings.add(Finding.warning("quorum device not alive for " + who
              + ": the tie-breaking vote is lost, one more failure may cost quorum"));
        } else if (!s.get().castVote()) {
          findings.add(Finding.warning("quorum device does not cast its vote for " + who
              + ": the tie-breaking vote is lost, one more failure may cost quorum"));
        }
      }
    }
    perf.add(PerfData.of("expected_votes", v.expectedVotes(), Unit.NONE).withMin(0));
    perf.add(PerfData.of("total_votes", v.totalVotes(), Unit.NONE).withMin(0));
    perf.add(PerfData.of("quorum", v.quorum(), Unit.NONE).withMin(0));
    if (!v.flags().isEmpty()) {
      List<String> words = new ArrayList<>();
      for (var f : new TreeSet<>(v.flags())) {
        words.add(f.token());
      }
      details.add("flags: " + String.join(" ", words));
    }
    for (QuorumMember m : q.members()) {
      details.add("member " + m.nodeId() + " " + m.name() + (m.local() ? " (local)" : "")
          + ", " + m.votes() + (m.votes() == 1 ? " vote" : " votes")
          + m.qdevice().map(s -> ", qdevice " + s.token()).orElse(""));
    }
    q.qdevice().ifPresent(r -> details.add("quorum device " + r.name() + ", " + r.votes()
        + " votes" + (r.castsVote() ? ""
            : " (not voting; configured " + r.configuredVotes().getAsInt() + ")")));
    String summary = (q.quorate() ? "quorate" : "NOT quorate") + ", " + votes + ", quorum "
        + v.quorum() + ", " + q.nodes() + (q.nodes() == 1 ? " node" : " nodes");
    if (findings.isEmpty()) {
      findings.add(Finding.ok(summary));
    }
    return new Subcheck("quorum", summary, findings, details, perf);
  }

  // ---------------------------------------------------------------- rings and links

  static List<Subcheck> links(Cfgtool c, Optional<Quorumtool> q) {
    List<Subcheck> result = new ArrayList<>();
    if (c.perNode()) {
      result.addAll(knet(c, q));
    } else {
      result.addAll(interfaces(c));
    }
    return result;
  }

  /** Rings (corosync 1.x/2.x) and udp links: only the local interface's status is known. */
  private static List<Subcheck> interfaces(Cfgtool c) {
    String kind = c.format() == CfgtoolFormat.RINGS ? "ring" : "link";
    long faulty = c.links().stream()
        .filter(l -> l.interfaceStatus().orElseThrow() == InterfaceStatus.FAULTY).count();
    int total = c.links().size();
    List<Subcheck> result = new ArrayList<>();
    for (CorosyncLink l : c.links()) {
      String name = kind + " " + l.id();
      List<Finding> findings = new ArrayList<>();
      String summary;
      if (l.interfaceStatus().orElseThrow() == InterfaceStatus.FAULTY) {
        summary = "interface " + l.address() + " FAULTY";
        if (faulty == total) {
          findings.add(Finding.critical(name + " interface " + l.address() + " is FAULTY and so is"
              + " every other " + kind + ": this node cannot reach the cluster"));
        } else {
          findings.add(Finding.warning(name + " interface " + l.address() + " is FAULTY: redundancy"
              + " lost, one more " + kind + " failure isolates this node (after repair run"
              + " corosync-cfgtool -r)"));
        }
      } else {
        summary = "interface " + l.address() + (l.interfaceStatus().get() == InterfaceStatus.OK
            ? " OK" : " active with no faults");
        findings.add(Finding.ok(summary));
      }
      result.add(new Subcheck(name, summary, findings,
          List.of("local node ID " + c.localNodeId() + ", " + c.format().description()),
          result.isEmpty() ? linkPerf(total - (int) faulty, total) : List.of()));
    }
    return result;
  }

  /** knet links with one line per node. */
  private static List<Subcheck> knet(Cfgtool c, Optional<Quorumtool> q) {
    boolean byIndex = c.format() == CfgtoolFormat.LINKS_3_0_EARLY;
    // peer -> link id -> state, in order of appearance
    Map<Integer, Map<Integer, LinkPeer>> peers = new LinkedHashMap<>();
    for (CorosyncLink l : c.links()) {
      for (LinkPeer p : l.peers()) {
        if (p.state() == PeerLinkState.LOCALHOST) {
          continue;
        }
        peers.computeIfAbsent(p.node(), k -> new LinkedHashMap<>()).put(l.id(), p);
      }
    }
    Set<Integer> unreachable = new LinkedHashSet<>();
    for (var e : peers.entrySet()) {
      if (e.getValue().values().stream().noneMatch(p -> p.state() == PeerLinkState.CONNECTED)) {
        unreachable.add(e.getKey());
      }
    }
    boolean isolated = !peers.isEmpty() && unreachable.size() == peers.size();
    int total = c.links().size();
    int up = 0;
    for (CorosyncLink l : c.links()) {
      boolean hasPeers = l.peers().stream().anyMatch(p -> p.state() != PeerLinkState.LOCALHOST);
      if (!hasPeers || l.peers().stream().anyMatch(p -> p.state() == PeerLinkState.CONNECTED)) {
        up++;
      }
    }
    List<Subcheck> result = new ArrayList<>();
    for (CorosyncLink l : c.links()) {
      String name = "link " + l.id();
      List<Finding> findings = new ArrayList<>();
      List<String> details = new ArrayList<>();
      int linkPeers = 0;
      int connected = 0;
      for (LinkPeer p : l.peers()) {
        String who = nodeName(p.node(), byIndex, q);
        details.add(who + ": " + p.state().token()
            + p.enabled().map(en -> en ? "" : " (link enabled:0"
                + (p.state() == PeerLinkState.CONNECTED
                    ? ", shown for the local node by corosync 3.0.0/3.0.1, issue #527)" : ")"))
                .orElse(""));
        if (p.state() == PeerLinkState.LOCALHOST) {
          continue;
        }
        linkPeers++;
        if (p.state() == PeerLinkState.CONNECTED) {
          connected++;
        } else if (!isolated && !unreachable.contains(p.node())) {
          List<Integer> others = new ArrayList<>();
          peers.get(p.node()).forEach((id, lp) -> {
            if (lp.state() == PeerLinkState.CONNECTED) {
              others.add(id);
            }
          });
          findings.add(Finding.warning(name + " (" + l.address() + ") to " + who + " is "
              + p.state().token() + ": redundancy lost, " + who + " is reachable only over link"
              + (others.size() == 1 ? " " : "s ") + join(others)));
        }
      }
      if (isolated && linkPeers > 0) {
        findings.add(Finding.critical(name + " (" + l.address() + ") connects to no peer and no"
            + " other link does: this node is isolated from the cluster and will be fenced or"
            + " partitioned"));
      }
      String summary = l.address() + ", " + connected + "/" + linkPeers + " peers connected";
      if (findings.isEmpty()) {
        findings.add(Finding.ok(summary));
      }
      details.add(0, "local node ID " + c.localNodeId() + ", " + c.format().description());
      result.add(new Subcheck(name, summary, findings, details,
          result.isEmpty() ? linkPerf(up, total) : List.of()));
    }
    for (var e : peers.entrySet()) {
      String who = nodeName(e.getKey(), byIndex, q);
      List<Finding> findings = new ArrayList<>();
      List<Integer> on = new ArrayList<>();
      List<String> down = new ArrayList<>();
      e.getValue().forEach((id, p) -> {
        if (p.state() == PeerLinkState.CONNECTED) {
          on.add(id);
        } else {
          down.add("link " + id + " " + p.state().token());
        }
      });
      String summary = "connected on " + on.size() + "/" + e.getValue().size() + " links";
      if (on.isEmpty()) {
        findings.add(Finding.critical(who + " is unreachable on every link ("
            + String.join(", ", down) + "): it is cut off from this node; expect fencing or a"
            + " split cluster"));
      } else {
        findings.add(Finding.ok(who + " " + summary));
      }
      result.add(new Subcheck(who, summary, findings, List.of(), List.of()));
    }
    return result;
  }

  private static String nodeName(int node, boolean byIndex, Optional<Quorumtool> q) {
    if (byIndex) {
      return "node index " + node;
    }
    Optional<QuorumMember> m = q.flatMap(t -> t.member(node));
    return m.map(member -> "node " + member.name()).orElse("node " + node);
  }

  private static List<PerfData> linkPerf(int up, int total) {
    return List.of(
        PerfData.of("links_up", up, Unit.NONE).withMin(0).withMax(total),
        PerfData.of("links_total", total, Unit.NONE).withMin(0));
  }

  private static String join(List<Integer> ids) {
    List<String> s = new ArrayList<>();
    for (int id : ids) {
      s.add(Integer.toString(id));
    }
    return String.join(", ", s);
  }
}
