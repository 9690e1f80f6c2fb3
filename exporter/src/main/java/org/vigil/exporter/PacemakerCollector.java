package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.vigil.cluster.live.LiveCluster;
import org.vigil.cluster.pacemaker.ClusterOptions;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CurrentDc;
import org.vigil.cluster.pacemaker.Node;
import org.vigil.cluster.pacemaker.Primitive;
import org.vigil.cluster.pacemaker.Resource;
import org.vigil.cluster.pacemaker.ResourceHistory;
import org.vigil.cluster.pacemaker.ResultStatus;
import org.vigil.cluster.pacemaker.Role;
import org.vigil.cluster.pacemaker.Summary;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.Deadline;

/**
 * Pacemaker: {@code crm_mon -1 --output-as=xml} (or {@code --as-xml}) run through {@link
 * LiveCluster#crmMon}, verdicts from {@link PacemakerPolicy} with {@link
 * PacemakerPolicyOptions#defaults()}, as check_cluster without options. Present when this node is
 * configured as a cluster member ({@value #CIB} exists); crm_mon alone (pacemaker-cli-utils) does
 * not make a cluster.
 *
 * <p>Every series carries {@code cluster}, the CIB's {@code cluster-name} property read from {@value
 * #CIB} ({@link LiveCluster#clusterName}): crm_mon's XML does not carry the name (crm_mon-2.42.rng
 * has no such attribute). An unset name (Pacemaker's default) is {@code cluster=""}: the fleet
 * rules do not compare such clusters and say so. {@value #LOCAL_NODE_INFO} names this node in the
 * cluster: the crm_mon node whose name is the kernel's host name (Pacemaker's default node name,
 * {@code uname -n}); no series when no node has that name, never a guess. A document that is no view of the cluster (a non-zero
 * {@code status} code, or no {@code summary}) gives only its UNKNOWN verdict, no metrics.
 */
final class PacemakerCollector implements VigilCollector {
  static final String CIB = "/var/lib/pacemaker/cib/cib.xml";
  static final String QUORATE = "vigil_pacemaker_quorate";
  static final String DC_INFO = "vigil_pacemaker_dc_info";
  static final String MAINTENANCE_MODE = "vigil_pacemaker_maintenance_mode";
  static final String NODE_ONLINE = "vigil_pacemaker_node_online";
  static final String NODE_STATUS = "vigil_pacemaker_node_status";
  static final String RESOURCE_ROLE = "vigil_pacemaker_resource_role";
  static final String FAILED_ACTIONS = "vigil_pacemaker_failed_actions";
  static final String FAILCOUNT = "vigil_pacemaker_failcount";
  static final String LOCAL_NODE_INFO = "vigil_pacemaker_local_node_info";

  /** Kept back from the command timeout so that a hung tool is reported within the scrape. */
  static final Duration MARGIN = Duration.ofMillis(100);

  /** The flags crm_mon prints on every node, as the {@code status} label of the node status. */
  enum NodeStatus {
    ONLINE("online", Node::online),
    STANDBY("standby", Node::standby),
    STANDBY_ONFAIL("standby_onfail", Node::standbyOnFail),
    MAINTENANCE("maintenance", Node::maintenance),
    PENDING("pending", Node::pending),
    UNCLEAN("unclean", Node::unclean),
    SHUTDOWN("shutdown", Node::shutdown),
    EXPECTED_UP("expected_up", Node::expectedUp),
    IS_DC("is_dc", Node::isDc);

    static final String TOKENS =
        String.join(", ", Arrays.stream(values()).map(NodeStatus::token).toList());

    private final String token;
    private final Predicate<Node> set;

    NodeStatus(String token, Predicate<Node> set) {
      this.token = token;
      this.set = set;
    }

    String token() {
      return token;
    }

    boolean of(Node node) {
      return set.test(node);
    }
  }

  @Override
  public String name() {
    return "pacemaker";
  }

  @Override
  public String lookedAt(Sources sources) {
    return sources.tool(Tool.CRM_MON) + " (cluster configured: " + sources.file(CIB) + ")";
  }

  @Override
  public boolean present(Sources sources) throws IOException {
    return VigilCollector.configured(sources.file(CIB));
  }

  @Override
  public Collected collect(Sources sources) throws Exception {
    String cluster = LiveCluster.clusterName(sources.file(CIB)).orElse("");
    return map(LiveCluster.crmMon(sources.runner(), sources.tool(Tool.CRM_MON).toString(),
        Deadline.after(sources.commandTimeout(), MARGIN)), cluster, sources.hostname());
  }

  /**
   * The pure mapping from one crm_mon document and its verdict to metric families.
   *
   * @param cluster the CIB's cluster-name, "" when unset
   * @param hostname the kernel's host name of this node
   */
  static Collected map(CrmMon crm, String cluster, String hostname) {
    Families f = new Families()
        .declare(QUORATE, GAUGE, "1 when this node's partition has quorum, 0 when not, as"
            + " crm_mon reports it with the DC; absent when the partition has no DC.")
        .declare(DC_INFO, GAUGE, "Always 1; node is the partition's Designated Controller."
            + " No series when there is no DC.")
        .declare(MAINTENANCE_MODE, GAUGE, "1 when the cluster option maintenance-mode is on"
            + " (Pacemaker neither starts, stops, monitors nor recovers resources), 0 when off.")
        .declare(NODE_ONLINE, GAUGE, "1 when the node is online, 0 when not, as this node"
            + " sees it.")
        .declare(NODE_STATUS, GAUGE, "The node's flags as crm_mon prints them, 1 when set,"
            + " 0 when not; status is one of " + NodeStatus.TOKENS + ".")
        .declare(RESOURCE_ROLE, GAUGE, "Role of a primitive resource on a node; a complete"
            + " state set, 1 for the current role. resource is the primitive's id as crm_mon"
            + " prints it inside clones, groups and bundles (anonymous clone instances share"
            + " it, unique ones end in :N, a bundle's primitives appear once per replica);"
            + " one series set per node it is active on, node=\"\" for instances active"
            + " nowhere (one per resource).")
        .declare(FAILED_ACTIONS, GAUGE, "Failed resource actions crm_mon lists; they stay"
            + " until cleaned up (crm_resource --cleanup).")
        .declare(FAILCOUNT, GAUGE, "Fail-count of the resource on the node from crm_mon's"
            + " node history; +Inf for INFINITY (1000000 and above).")
        .declare(LOCAL_NODE_INFO, GAUGE, "Always 1; node is this node's name in the cluster:"
            + " the crm_mon node named like the kernel's host name. No series when no node has"
            + " that name.");
    if (isView(crm)) {
      Summary summary = crm.summary().orElseThrow();
      summary.currentDc().filter(CurrentDc::present).ifPresent(dc -> {
        dc.withQuorum().ifPresent(q -> f.add(QUORATE, Sample.of(q ? 1 : 0, "cluster", cluster)));
        dc.name().ifPresent(n -> f.add(DC_INFO, Sample.of(1, "cluster", cluster, "node", n)));
      });
      summary.options().flatMap(ClusterOptions::maintenanceMode)
          .ifPresent(m -> f.add(MAINTENANCE_MODE, Sample.of(m ? 1 : 0, "cluster", cluster)));
      for (Node n : crm.nodes()) {
        f.add(NODE_ONLINE, Sample.of(n.online() ? 1 : 0, "cluster", cluster, "node", n.name()));
        for (NodeStatus s : NodeStatus.values()) {
          f.add(NODE_STATUS, Sample.of(s.of(n) ? 1 : 0, "cluster", cluster, "node", n.name(),
              "status", s.token()));
        }
      }
      List<Node> local = crm.nodes().stream().filter(n -> n.name().equals(hostname)).toList();
      if (local.size() == 1) {
        f.add(LOCAL_NODE_INFO, Sample.of(1, "cluster", cluster, "node", hostname));
      }
      roles(crm, cluster, f);
      f.add(FAILED_ACTIONS, Sample.of(crm.failures().size(), "cluster", cluster));
      Set<List<String>> seen = new HashSet<>();
      for (ResourceHistory h : crm.history()) {
        if (h.failCount().isPresent() && seen.add(List.of(h.node(), h.resource()))) {
          int n = h.failCount().getAsInt();
          f.add(FAILCOUNT, Sample.of(n >= ResourceHistory.INFINITY ? Double.POSITIVE_INFINITY : n,
              "cluster", cluster, "node", h.node(), "resource", h.resource()));
        }
      }
    }
    return new Collected(f.build(),
        PacemakerPolicy.evaluate(crm, PacemakerPolicyOptions.defaults()));
  }

  /** Whether the document shows the cluster at all; otherwise its verdict says why not. */
  private static boolean isView(CrmMon crm) {
    return crm.status().map(ResultStatus::code).orElse(0) == 0 && crm.summary().isPresent();
  }

  private static void roles(CrmMon crm, String cluster, Families f) {
    // The stopped instances of an anonymous clone are indistinguishable (same id, no node):
    // they share one series set, the first in document order.
    Set<List<String>> seen = new HashSet<>();
    for (Resource r : crm.resources()) {
      for (Primitive p : r.primitives()) {
        for (String node : p.nodes().isEmpty() ? List.of("") : p.nodes()) {
          if (seen.add(List.of(p.id(), node))) {
            f.stateSet(RESOURCE_ROLE, Role.class, p.role(), Role::token, "role",
                "cluster", cluster, "resource", p.id(), "node", node);
          }
        }
      }
    }
  }
}
