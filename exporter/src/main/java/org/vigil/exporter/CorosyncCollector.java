package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.io.IOException;
import java.util.Optional;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolFormat;
import org.vigil.cluster.corosync.CorosyncLink;
import org.vigil.cluster.corosync.InterfaceStatus;
import org.vigil.cluster.corosync.LinkPeer;
import org.vigil.cluster.corosync.PeerLinkState;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.live.LiveCluster;
import org.vigil.cluster.policy.CorosyncPolicy;
import org.vigil.core.Deadline;

/**
 * Corosync: {@code corosync-quorumtool -s} and {@code corosync-cfgtool -s} run through {@link
 * LiveCluster}, verdicts from {@link CorosyncPolicy} on both, as check_cluster without options.
 * Present when {@value #CONF} exists.
 */
final class CorosyncCollector implements VigilCollector {
  static final String CONF = "/etc/corosync/corosync.conf";
  static final String QUORATE = "vigil_corosync_quorate";
  static final String MEMBER_NODES = "vigil_corosync_member_nodes";
  static final String EXPECTED_VOTES = "vigil_corosync_expected_votes";
  static final String TOTAL_VOTES = "vigil_corosync_total_votes";
  static final String QUORUM_VOTES = "vigil_corosync_quorum_votes";
  static final String LINK_CONNECTED = "vigil_corosync_link_connected";

  @Override
  public String name() {
    return "corosync";
  }

  @Override
  public String lookedAt(Sources sources) {
    return sources.tool(Tool.COROSYNC_QUORUMTOOL) + ", " + sources.tool(Tool.COROSYNC_CFGTOOL)
        + " (corosync configured: " + sources.file(CONF) + ")";
  }

  @Override
  public boolean present(Sources sources) throws IOException {
    return VigilCollector.configured(sources.file(CONF));
  }

  @Override
  public Collected collect(Sources sources) throws Exception {
    Deadline deadline = Deadline.after(sources.commandTimeout(), PacemakerCollector.MARGIN);
    Quorumtool quorum = LiveCluster.quorumtool(sources.runner(),
        sources.tool(Tool.COROSYNC_QUORUMTOOL).toString(), deadline);
    Cfgtool links = LiveCluster.cfgtool(sources.runner(),
        sources.tool(Tool.COROSYNC_CFGTOOL).toString(), deadline);
    return map(quorum, links);
  }

  /** The pure mapping from both outputs and their verdict to metric families. */
  static Collected map(Quorumtool quorum, Cfgtool links) {
    Families f = new Families()
        .declare(QUORATE, GAUGE, "1 when this node's corosync partition is quorate, 0 when"
            + " not (corosync-quorumtool -s).")
        .declare(MEMBER_NODES, GAUGE, "Nodes in this node's corosync membership.")
        .declare(EXPECTED_VOTES, GAUGE, "Votes votequorum expects in the whole cluster;"
            + " absent without a quorum provider.")
        .declare(TOTAL_VOTES, GAUGE, "Votes present in the membership; absent without a"
            + " quorum provider.")
        .declare(QUORUM_VOTES, GAUGE, "Votes needed for quorum; absent without a quorum"
            + " provider.")
        .declare(LINK_CONNECTED, GAUGE, "1 when this node reaches the peer over the knet link"
            + " (or corosync 1.x/2.x ring), 0 when not (corosync-cfgtool -s). peer is the"
            + " peer's node ID (corosync 3.0.0/3.0.1 print a node index: \"index N\"); the"
            + " local node is not listed. Rings and udp links report only the local"
            + " interface: peer=\"\", 0 when it is FAULTY.");
    f.add(QUORATE, Sample.of(quorum.quorate() ? 1 : 0));
    f.add(MEMBER_NODES, Sample.of(quorum.nodes()));
    quorum.votequorum().ifPresent(v -> {
      f.add(EXPECTED_VOTES, Sample.of(v.expectedVotes()));
      f.add(TOTAL_VOTES, Sample.of(v.totalVotes()));
      f.add(QUORUM_VOTES, Sample.of(v.quorum()));
    });
    boolean byIndex = links.format() == CfgtoolFormat.LINKS_3_0_EARLY;
    for (CorosyncLink l : links.links()) {
      String link = Integer.toString(l.id());
      if (l.peers().isEmpty()) {
        l.interfaceStatus().ifPresent(s -> f.add(LINK_CONNECTED,
            Sample.of(s == InterfaceStatus.FAULTY ? 0 : 1, "link", link, "peer", "")));
      }
      for (LinkPeer p : l.peers()) {
        if (p.state() != PeerLinkState.LOCALHOST) {
          f.add(LINK_CONNECTED, Sample.of(p.state() == PeerLinkState.CONNECTED ? 1 : 0,
              "link", link, "peer", (byIndex ? "index " : "") + p.node()));
        }
      }
    }
    return new Collected(f.build(),
        CorosyncPolicy.evaluate(Optional.of(quorum), Optional.of(links)));
  }
}
