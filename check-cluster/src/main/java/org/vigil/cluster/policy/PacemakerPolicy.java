package org.vigil.cluster.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vigil.cluster.pacemaker.Ban;
import org.vigil.cluster.pacemaker.Bundle;
import org.vigil.cluster.pacemaker.Clone;
import org.vigil.cluster.pacemaker.ClusterOptions;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CurrentDc;
import org.vigil.cluster.pacemaker.Failure;
import org.vigil.cluster.pacemaker.FenceEvent;
import org.vigil.cluster.pacemaker.FenceStatus;
import org.vigil.cluster.pacemaker.Group;
import org.vigil.cluster.pacemaker.Node;
import org.vigil.cluster.pacemaker.NodeHealth;
import org.vigil.cluster.pacemaker.NodeType;
import org.vigil.cluster.pacemaker.NoQuorumPolicy;
import org.vigil.cluster.pacemaker.Primitive;
import org.vigil.cluster.pacemaker.Resource;
import org.vigil.cluster.pacemaker.ResourceHistory;
import org.vigil.cluster.pacemaker.ResultStatus;
import org.vigil.cluster.pacemaker.Role;
import org.vigil.cluster.pacemaker.Summary;
import org.vigil.cluster.pacemaker.Ticket;
import org.vigil.cluster.pacemaker.TicketStatus;
import org.vigil.core.CheckResult;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.Subcheck;

/**
 * The Pacemaker policy: a pure function from one crm_mon document and the operator's options to
 * subchecks, in this order:
 *
 * <ol>
 *   <li>{@code crm_mon} only, when the {@code status} element reports an error (UNKNOWN);
 *   <li>{@code cluster}: quorum, DC, cluster options, fencing history, tickets, expected nodes,
 *       with the perfdata;
 *   <li>{@code node NAME} for every node;
 *   <li>{@code resources}: counts, always OK;
 *   <li>{@code resource ID} for every top-level resource (primitive, clone, group, bundle) with a
 *       problem, including its failed actions, failcounts and left-over bans.
 * </ol>
 */
public final class PacemakerPolicy {
  public static final String SERVICE = "CLUSTER";

  private PacemakerPolicy() {}

  /** The whole check for a crm_mon document alone. */
  public static CheckResult result(CrmMon crm, PacemakerPolicyOptions options) {
    return new CheckResult(SERVICE, evaluate(crm, options), okSummary(crm));
  }

  /** The first-line text when nothing is wrong. */
  public static String okSummary(CrmMon crm) {
    Counts c = Counts.of(crm);
    Optional<String> dcName = crm.summary().isPresent()
        && crm.summary().get().currentDc().isPresent()
        ? crm.summary().get().currentDc().get().name() : Optional.empty();
    String dc = dcName.isPresent() ? "DC " + dcName.get() + ", " : "";
    return "partition with quorum, " + dc + c.nodesOnline + " of " + c.nodesConfigured
        + " nodes online, " + c.resourcesActive + " of " + c.instances
        + " resource instances active";
  }

  public static List<Subcheck> evaluate(CrmMon crm, PacemakerPolicyOptions options) {
    Optional<ResultStatus> status = crm.status();
    if (status.isPresent() && status.get().code() != 0) {
      return List.of(failedRun(status.get()));
    }
    return new Evaluation(crm, options).subchecks();
  }

  private static Subcheck failedRun(ResultStatus s) {
    StringBuilder message = new StringBuilder(s.message()).append(" (").append(s.code())
        .append(")");
    if (s.disconnected().isPresent()) {
      message.append(": ").append(s.disconnected().get());
    }
    for (String e : s.errors()) {
      message.append("; ").append(e);
    }
    message.append(": crm_mon has no view of the cluster");
    return new Subcheck("crm_mon", "crm_mon failed", List.of(Finding.unknown(message.toString())),
        List.of(), List.of());
  }

  /** Counts shown in summaries and perfdata. */
  private record Counts(int nodesOnline, int nodesConfigured, int resourcesActive,
      int instances, int resourcesConfigured, int disabled) {
    static Counts of(CrmMon crm) {
      int online = 0;
      for (Node n : crm.nodes()) {
        if (n.online()) {
          online++;
        }
      }
      Optional<Summary> summary = crm.summary();
      int nodes = or(summary.isPresent() ? summary.get().nodesConfigured() : OptionalInt.empty(),
          crm.nodes().size());
      int active = 0;
      int leaves = 0;
      for (Resource r : crm.resources()) {
        for (Primitive p : r.primitives()) {
          leaves++;
          if (p.active()) {
            active++;
          }
        }
      }
      int configured = or(summary.isPresent() ? summary.get().resourcesConfigured()
          : OptionalInt.empty(), leaves);
      int disabled = or(summary.isPresent() ? summary.get().resourcesDisabled()
          : OptionalInt.empty(), 0);
      return new Counts(online, nodes, active, leaves, configured, disabled);
    }
  }

  private static int or(OptionalInt i, int otherwise) {
    return i.isPresent() ? i.getAsInt() : otherwise;
  }

  private static final class Evaluation {
    private final CrmMon crm;
    private final PacemakerPolicyOptions options;
    private final boolean clusterMaintenance;
    /** Findings per top-level resource id, in document order. */
    private final Map<String, List<Finding>> resourceFindings = new LinkedHashMap<>();
    private final Map<String, Resource> topLevel = new LinkedHashMap<>();
    /** Primitive id (also without a clone instance suffix) to its top-level id. */
    private final Map<String, String> owner = new LinkedHashMap<>();

    Evaluation(CrmMon crm, PacemakerPolicyOptions options) {
      this.crm = crm;
      this.options = options;
      Optional<ClusterOptions> clusterOptions = crm.summary().isPresent()
          ? crm.summary().get().options() : Optional.empty();
      this.clusterMaintenance = clusterOptions.isPresent()
          && clusterOptions.get().maintenanceMode().orElse(false);
      for (Resource r : crm.resources()) {
        topLevel.put(r.id(), r);
        owner.putIfAbsent(r.id(), r.id());
        indexOwners(r, r.id());
      }
    }

    /** True when the primitive (or an instance of it) has on-fail=ignore failures. */
    private boolean failuresIgnored(String resourceId) {
      for (Resource r : crm.resources()) {
        for (Primitive p : r.primitives()) {
          if (p.failureIgnored()
              && (p.id().equals(resourceId) || stripInstance(p.id()).equals(resourceId))) {
            return true;
          }
        }
      }
      return false;
    }

    private void indexOwners(Resource r, String top) {
      owner.putIfAbsent(r.id(), top);
      owner.putIfAbsent(stripInstance(r.id()), top);
      List<? extends Resource> members = r instanceof Clone c ? c.members()
          : r instanceof Group g ? g.members()
          : r instanceof Bundle b ? b.primitives()
          : List.of();
      for (Resource m : members) {
        indexOwners(m, top);
      }
    }

    List<Subcheck> subchecks() {
      List<Subcheck> result = new ArrayList<>();
      result.add(cluster());
      for (Node n : crm.nodes()) {
        result.add(node(n));
      }
      for (Resource r : crm.resources()) {
        evaluate(r, new Context(false, false, false, List.of()), r.id());
      }
      failures();
      failcounts();
      bans();
      result.add(resourcesSummary());
      for (Map.Entry<String, List<Finding>> e : resourceFindings.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        Resource r = topLevel.get(e.getKey());
        result.add(new Subcheck("resource " + e.getKey(),
            r == null ? "not in the resource list" : describe(r), e.getValue(), List.of(),
            List.of()));
      }
      return result;
    }

    // ------------------------------------------------------------ cluster

    private Subcheck cluster() {
      List<Finding> findings = new ArrayList<>();
      List<String> details = new ArrayList<>();
      Counts counts = Counts.of(crm);
      List<String> summary = new ArrayList<>();
      Optional<Summary> s = crm.summary();
      if (s.isEmpty()) {
        findings.add(Finding.unknown("crm_mon printed no summary: quorum and DC cannot be judged"
            + " (do not exclude the summary section)"));
      } else {
        Optional<String> stack = s.get().stack();
        if (stack.isPresent()) {
          summary.add(stack.get());
          if (stack.get().equals("heartbeat")) {
            findings.add(Finding.unknown(
                "stack heartbeat: this check only understands corosync clusters"));
          }
        }
        Optional<String> pcmkd = s.get().pacemakerdState().isPresent()
            ? s.get().pacemakerdState() : crm.pacemakerdState();
        if (pcmkd.isPresent() && !pcmkd.get().equals("running")
            && !pcmkd.get().equals("remote")) {
          findings.add(Finding.warning("pacemakerd state " + pcmkd.get()
              + ": Pacemaker is not fully running on this node"));
        }
        Optional<CurrentDc> dc = s.get().currentDc();
        if (dc.isEmpty()) {
          findings.add(Finding.unknown(
              "crm_mon printed no current_dc: quorum and DC cannot be judged"));
        } else if (!dc.get().present()) {
          summary.add("no DC");
          findings.add(Finding.critical("no DC (designated controller): the cluster can neither"
              + " decide nor carry out any resource action"));
        } else {
          summary.add("DC " + dc.get().name().orElse("?"));
          Optional<String> version = dc.get().version();
          if (version.isPresent() && !version.get().isEmpty()) {
            details.add("DC version " + version.get());
          }
          if (!dc.get().withQuorum().orElse(true)) {
            summary.add("partition WITHOUT quorum");
            Optional<ClusterOptions> clusterOptions = s.get().options();
            NoQuorumPolicy nqp = clusterOptions.isPresent()
                ? clusterOptions.get().noQuorumPolicy() : null;
            String tail = nqp == NoQuorumPolicy.IGNORE
                ? ", and with no-quorum-policy=ignore it keeps running them anyway: split brain"
                    + " risk"
                : nqp != null ? " (no-quorum-policy=" + nqp.token() + ")" : "";
            findings.add(Finding.critical(
                "partition WITHOUT quorum: this partition may not run resources" + tail));
          } else {
            summary.add("partition with quorum");
          }
          if (dc.get().mixedVersion()) {
            findings.add(Finding.warning("mixed Pacemaker versions in the partition: finish the"
                + " rolling upgrade"));
          }
        }
        if (s.get().options().isPresent()) {
          options(s.get().options().get(), findings, details);
        } else {
          details.add("cluster options not shown");
        }
      }
      summary.add(counts.nodesOnline + " of " + counts.nodesConfigured + " nodes online");
      summary.add(counts.resourcesActive + " of " + counts.instances
          + " resource instances active");
      if (crm.nodes().isEmpty()) {
        findings.add(Finding.unknown("crm_mon listed no nodes: membership cannot be judged"));
      }
      if (options.expectNodes().isPresent()) {
        int expect = options.expectNodes().getAsInt();
        long members = 0;
        for (Node n : crm.nodes()) {
          if (n.type() == NodeType.MEMBER && n.online()) {
            members++;
          }
        }
        if (members < expect) {
          findings.add(Finding.critical("only " + members + " of " + expect
              + " expected cluster nodes online: the cluster has lost members"));
        }
      }
      if (crm.fenceHistory().isPresent()) {
        for (FenceEvent e : crm.fenceHistory().get()) {
          fenceEvent(e, findings);
        }
      }
      for (Ticket t : crm.tickets()) {
        if (t.standby()) {
          findings.add(Finding.warning("ticket " + t.id()
              + " in standby: resources that depend on it are stopped"));
        }
        if (t.status().orElse(null) == TicketStatus.REVOKED) {
          details.add("ticket " + t.id() + " revoked");
        }
      }
      List<PerfData> perf = List.of(
          PerfData.of("nodes online", counts.nodesOnline, Unit.NONE).withMin(0)
              .withMax(counts.nodesConfigured),
          PerfData.of("nodes configured", counts.nodesConfigured, Unit.NONE).withMin(0),
          PerfData.of("resources active", counts.resourcesActive, Unit.NONE).withMin(0)
              .withMax(counts.instances),
          PerfData.of("resources configured", counts.resourcesConfigured, Unit.NONE).withMin(0),
          PerfData.of("failed actions", crm.failures().size(), Unit.NONE).withMin(0));
      return new Subcheck("cluster", String.join(", ", summary), findings, details, perf);
    }

    private void options(ClusterOptions o, List<Finding> findings, List<String> details) {
      details.add("no-quorum-policy=" + o.noQuorumPolicy().token()
          + ", symmetric-cluster=" + o.symmetricCluster());
      if (!o.fencingEnabled()) {
        findings.add(Finding.warning("fencing disabled (stonith-enabled=false): a split brain"
            + " or a hung node cannot be resolved safely"));
      }
      if (o.maintenanceMode().orElse(false)) {
        findings.add(Finding.warning("cluster in maintenance mode: Pacemaker neither starts,"
            + " stops, monitors nor recovers any resource"));
      }
      if (o.stopAllResources().orElse(false)) {
        findings.add(Finding.warning("stop-all-resources=true: every resource is being stopped"));
      }
    }

    private void fenceEvent(FenceEvent e, List<Finding> findings) {
      StringBuilder what = new StringBuilder("fencing of " + e.target() + " (" + e.action() + ")");
      if (e.status() == FenceStatus.FAILED) {
        what.append(" failed");
        if (e.delegate().isPresent()) {
          what.append(", delegate ").append(e.delegate().get());
        }
        if (e.origin().isPresent()) {
          what.append(", requested by ").append(e.origin().get());
        }
        if (e.exitReason().isPresent() && !e.exitReason().get().isBlank()) {
          what.append(": ").append(e.exitReason().get());
        }
        what.append(": the node's state is unknown and its resources cannot be recovered"
            + " safely; clean up with stonith_admin --cleanup --history " + e.target()
            + " once resolved");
        findings.add(Finding.critical(what.toString()));
      } else if (e.status() == FenceStatus.PENDING) {
        if (e.origin().isPresent()) {
          what.append(", requested by ").append(e.origin().get());
        }
        findings.add(Finding.warning(what + " pending"));
      }
    }

    // ------------------------------------------------------------ nodes

    private Subcheck node(Node n) {
      List<Finding> f = new ArrayList<>();
      List<String> summary = new ArrayList<>();
      summary.add(n.unclean() ? "UNCLEAN " + (n.online() ? "online" : "offline")
          : n.online() ? "online" : "OFFLINE");
      summary.add(n.guestOf().isPresent() ? "guest node in " + n.guestOf().get()
          : n.type().token());
      if (n.isDc()) {
        summary.add("DC");
      }
      summary.add(n.resourcesRunning() + (n.resourcesRunning() == 1 ? " resource" : " resources"));
      if (n.unclean()) {
        f.add(Finding.critical("UNCLEAN: its state is unknown; it must be fenced before its"
            + " resources can be recovered elsewhere"));
      } else if (!n.online() && n.expectedUp()) {
        f.add(Finding.critical("offline although expected up: it crashed or left the"
            + " membership, its resources must be recovered elsewhere"));
      } else if (!n.online()) {
        f.add(Finding.warning("offline: the cluster runs with less redundancy"));
      }
      if (n.pending()) {
        f.add(Finding.critical("pending: it has not completed joining the cluster"));
      }
      if (n.standby()) {
        f.add(Finding.warning("standby: it may not run resources"
            + (n.resourcesRunning() > 0 ? " (still running " + n.resourcesRunning() + ")" : "")));
      }
      if (n.standbyOnFail()) {
        f.add(Finding.warning("standby on-fail: put in standby after a failed operation"
            + " (on-fail=standby)"));
      }
      if (n.maintenance()) {
        f.add(Finding.warning("maintenance: Pacemaker neither monitors nor manages resources"
            + " on it"));
      }
      if (n.shutdown()) {
        f.add(Finding.warning("shutting down"));
      }
      if (n.health().isPresent() && n.health().get() != NodeHealth.GREEN) {
        f.add(Finding.warning("health " + n.health().get().token()
            + ": node-health-strategy may move resources away"));
      }
      return new Subcheck("node " + n.name(), String.join(", ", summary), f, List.of(),
          List.of());
    }

    // ------------------------------------------------------------ resources

    /**
     * Where a resource sits.
     *
     * @param disabled an enclosing item has target role Stopped or is disabled
     * @param instance inside a clone or bundle: stopped instances are judged by the container
     * @param unmanagedReported an enclosing item already reported being unmanaged
     * @param path ids from the top-level item down, for --ignore-resource
     */
    private record Context(boolean disabled, boolean instance, boolean unmanagedReported,
        List<String> path) {
      Context with(String id, boolean disabled, boolean instance, boolean unmanaged) {
        List<String> p = new ArrayList<>(path);
        p.add(id);
        return new Context(disabled, instance, unmanaged, p);
      }
    }

    private boolean ignored(String id) {
      return options.ignoreResource().isPresent()
          && (options.ignoreResource().get().matcher(id).matches()
              || options.ignoreResource().get().matcher(stripInstance(id)).matches());
    }

    private List<Finding> findingsOf(String top) {
      List<Finding> findings = resourceFindings.get(top);
      if (findings == null) {
        findings = new ArrayList<>();
        resourceFindings.put(top, findings);
      }
      return findings;
    }

    private void evaluate(Resource r, Context ctx, String top) {
      if (ignored(r.id())) {
        return;
      }
      List<Finding> out = findingsOf(top);
      if (r instanceof Primitive p) {
        primitive(p, ctx, out);
      } else if (r instanceof Clone c) {
          boolean disabled = ctx.disabled() || c.disabled() || targetStopped(c.targetRole());
          boolean unmanaged = unmanaged(c.id(), c.managed(), ctx, out);
          if (c.failed() && !anyFailed(c.primitives())) {
            out.add(Finding.critical(c.id() + " failed"));
          }
          long active = activeMembers(c.members());
          if (!c.members().isEmpty() && active == 0 && !disabled && !allStoppedByTarget(c)) {
            out.add(Finding.critical(c.id() + " stopped everywhere: no instance is active"
                + " although its target role is " + target(c.targetRole())
                + stoppedConsequence(c.primitives())));
          }
          if (c.promotable() && active > 0 && !disabled
              && c.targetRole().orElse(null) != Role.UNPROMOTED
              && c.targetRole().orElse(null) != Role.SLAVE
              && !anyPromoted(c.primitives())) {
            out.add(Finding.warning(c.id() + " has no promoted instance"));
          }
          for (Resource m : c.members()) {
            evaluate(m, ctx.with(c.id(), disabled, true, unmanaged), top);
          }
      } else if (r instanceof Group g) {
          boolean disabled = ctx.disabled() || g.disabled().orElse(false);
          boolean unmanaged = unmanaged(g.id(), g.managed().orElse(true), ctx, out);
          for (Resource m : g.members()) {
            evaluate(m, ctx.with(g.id(), disabled, ctx.instance(), unmanaged), top);
          }
      } else if (r instanceof Bundle b) {
          boolean unmanaged = unmanaged(b.id(), b.managed(), ctx, out);
          if (b.failed() && !anyFailed(b.primitives())) {
            out.add(Finding.critical(b.id() + " failed"));
          }
          List<Integer> stopped = new ArrayList<>();
          for (Bundle.Replica rep : b.replicas()) {
            boolean running = anyActive(rep.resources());
            boolean wanted = !ctx.disabled();
            for (Primitive p : rep.resources()) {
              wanted &= !targetStopped(p.targetRole());
            }
            if (!running && wanted) {
              stopped.add(rep.id());
            }
          }
          if (!stopped.isEmpty() && stopped.size() == b.replicas().size()) {
            out.add(Finding.critical(b.id() + " stopped everywhere: no replica is running"));
          } else if (!stopped.isEmpty()) {
            out.add(Finding.warning(b.id() + " replica " + join(stopped) + " stopped ("
                + (b.replicas().size() - stopped.size()) + " of " + b.replicas().size()
                + " replicas running)"));
          }
          for (Primitive p : b.primitives()) {
            evaluate(p, ctx.with(b.id(), ctx.disabled(), true, unmanaged), top);
          }
      }
    }

    private static boolean allStoppedByTarget(Clone c) {
      for (Primitive p : c.primitives()) {
        if (!targetStopped(p.targetRole())) {
          return false;
        }
      }
      return true;
    }

    private static boolean targetStopped(Optional<Role> targetRole) {
      return targetRole.orElse(null) == Role.STOPPED;
    }

    private static boolean anyActive(List<Primitive> primitives) {
      for (Primitive p : primitives) {
        if (p.active()) {
          return true;
        }
      }
      return false;
    }

    private static boolean anyFailed(List<Primitive> primitives) {
      for (Primitive p : primitives) {
        if (p.failed()) {
          return true;
        }
      }
      return false;
    }

    private static boolean anyPromoted(List<Primitive> primitives) {
      for (Primitive p : primitives) {
        if (p.role().promoted()) {
          return true;
        }
      }
      return false;
    }

    /** Members (clone instances) with an active primitive. */
    private static long activeMembers(List<? extends Resource> members) {
      long active = 0;
      for (Resource m : members) {
        if (anyActive(m.primitives())) {
          active++;
        }
      }
      return active;
    }

    private boolean unmanaged(String id, boolean managed, Context ctx, List<Finding> out) {
      if (ctx.unmanagedReported() || clusterMaintenance) {
        return true;
      }
      if (!managed) {
        out.add(Finding.warning(id + " unmanaged: Pacemaker neither starts, stops nor recovers"
            + " it"));
        return true;
      }
      return false;
    }

    private void primitive(Primitive p, Context ctx, List<Finding> out) {
      boolean disabled = ctx.disabled() || targetStopped(p.targetRole());
      String where = p.nodes().isEmpty() ? "" : " on " + String.join(", ", p.nodes());
      if (p.failed()) {
        out.add(Finding.critical(p.id() + " failed" + where
            + ": the resource agent reported an error Pacemaker has not recovered from"));
      }
      if (p.blocked()) {
        out.add(Finding.critical(p.id() + " blocked" + where + ": Pacemaker takes no further"
            + " action on it until the failure is cleaned up"));
      }
      if (p.nodesRunningOn() > 1) {
        out.add(Finding.critical(p.id() + " active on " + p.nodesRunningOn() + " nodes ("
            + String.join(", ", p.nodes()) + "): multiply active, data may be corrupted"));
      }
      if (!ctx.instance() && !p.active() && p.role() == Role.STOPPED && !disabled) {
        out.add(Finding.critical(p.id() + " stopped although its target role is "
            + target(p.targetRole()) + stoppedConsequence(List.of(p))));
      }
      unmanaged(p.id(), p.managed(), ctx, out);
      if (p.orphaned() && p.active()) {
        out.add(Finding.warning(p.id() + " orphaned: active" + where
            + " but no longer configured"));
      }
      if (p.failureIgnored()) {
        out.add(Finding.warning(p.id() + " failure ignored (on-fail=ignore): it failed but"
            + " Pacemaker does not recover it"));
      }
      if (p.maintenance() && !clusterMaintenance) {
        out.add(Finding.warning(p.id() + " in maintenance: not monitored or recovered"));
      }
      if (p.lockedTo().isPresent()) {
        out.add(Finding.warning(p.id() + " locked to " + p.lockedTo().get()
            + " (shutdown-lock): it stays stopped until that node rejoins"));
      }
      if (p.role() == Role.UNKNOWN) {
        out.add(Finding.unknown(p.id() + " role Unknown" + where));
      }
    }

    private static String target(Optional<Role> role) {
      return role.isPresent() ? role.get().token() : "Started";
    }

    private static String stoppedConsequence(List<Primitive> ps) {
      boolean fencing = false;
      for (Primitive p : ps) {
        fencing |= p.fencingDevice();
      }
      return fencing
          ? ": no fencing device is running, failed nodes cannot be fenced"
          : ": the service it provides is down";
    }

    private void failures() {
      for (Failure f : crm.failures()) {
        String rsc = f.resource();
        if (ignored(rsc) || ownerIgnored(rsc)) {
          continue;
        }
        String op = f.operation() + (f.interval() > 0 ? " (every " + f.interval() + "ms)" : "");
        String reason = f.exitReason().isBlank() || f.exitReason().equals("none") ? ""
            : ", reason: " + f.exitReason();
        findingsOf(ownerOf(rsc)).add(Finding.warning("failed action " + rsc + " " + op
            + " on " + f.node() + ": " + f.exitStatus() + " (exit code " + f.exitCode()
            + ", status " + f.status() + ")" + reason));
      }
    }

    private void failcounts() {
      for (ResourceHistory h : crm.history()) {
        if (h.failCount().isEmpty() || h.failCount().getAsInt() == 0) {
          continue;
        }
        if (ignored(h.resource()) || ownerIgnored(h.resource())) {
          continue;
        }
        int fc = h.failCount().getAsInt();
        OptionalInt t = h.migrationThreshold();
        String threshold = t.isPresent() ? " (migration-threshold " + score(t.getAsInt()) + ")"
            : "";
        List<Finding> out = findingsOf(ownerOf(h.resource()));
        if (t.isPresent() && t.getAsInt() > 0 && fc >= t.getAsInt()
            && failuresIgnored(h.resource())) {
          // on-fail=ignore: the scheduler pretends the operations did not fail, so no ban follows.
          out.add(Finding.warning(h.resource() + " fail-count " + score(fc) + " on " + h.node()
              + " reached migration-threshold " + score(t.getAsInt())
              + ", but its failures are ignored (on-fail=ignore): it keeps running there"));
        } else if (t.isPresent() && t.getAsInt() > 0 && fc >= t.getAsInt()) {
          out.add(Finding.critical(h.resource() + " fail-count " + score(fc) + " on " + h.node()
              + " reached migration-threshold " + score(t.getAsInt())
              + ": it is banned from that node until the failcount is cleared"));
        } else if (t.isPresent() && t.getAsInt() > 1 && t.getAsInt() < ResourceHistory.INFINITY
            && fc >= t.getAsInt() - 1) {
          out.add(Finding.warning(h.resource() + " fail-count " + fc + " on " + h.node()
              + threshold + ": one more failure moves it away"));
        } else if (options.failcountWarn() >= 1 && fc >= options.failcountWarn()) {
          out.add(Finding.warning(h.resource() + " fail-count " + score(fc) + " on " + h.node()
              + threshold));
        }
      }
    }

    private void bans() {
      if (!options.warnBans()) {
        return;
      }
      for (Ban b : crm.bans()) {
        if (!b.leftByCrmResource() || ignored(b.resource()) || ownerIgnored(b.resource())) {
          continue;
        }
        String effect = b.weight() < 0 ? "keeps " + b.resource() + " off " + b.node()
            : "pins " + b.resource() + " to " + b.node();
        findingsOf(ownerOf(b.resource())).add(Finding.warning("left-over constraint " + b.id()
            + " from crm_resource --ban/--move " + effect + ": remove it with crm_resource"
            + " --clear"));
      }
    }

    private String ownerOf(String id) {
      String o = owner.get(id);
      if (o == null) {
        o = owner.get(stripInstance(id));
      }
      return o == null ? id : o;
    }

    private boolean ownerIgnored(String id) {
      return ignored(ownerOf(id));
    }

    private Subcheck resourcesSummary() {
      Counts c = Counts.of(crm);
      String text = c.resourcesConfigured + " resources configured, " + c.resourcesActive
          + " of " + c.instances + " instances active"
          + (c.disabled > 0 ? ", " + c.disabled + " disabled" : "");
      List<Finding> f = new ArrayList<>();
      if (crm.resources().isEmpty() && c.resourcesConfigured > 0) {
        f.add(Finding.unknown("crm_mon listed no resources although " + c.resourcesConfigured
            + " are configured"));
      }
      return new Subcheck("resources", text, f, List.of(), List.of());
    }

    private static String describe(Resource r) {
      if (r instanceof Primitive p) {
        return p.agent() + " " + p.role().token()
            + (p.nodes().isEmpty() ? "" : " on " + String.join(", ", p.nodes()));
      } else if (r instanceof Clone c) {
        return (c.promotable() ? "promotable clone, " : "clone, ")
            + activeMembers(c.members()) + " of " + c.members().size() + " instances active";
      } else if (r instanceof Group g) {
        long active = 0;
        for (Primitive p : g.primitives()) {
          if (p.active()) {
            active++;
          }
        }
        return "group, " + active + " of " + g.primitives().size() + " members active";
      }
      Bundle b = (Bundle) r;
      return "bundle " + b.type().token() + " " + b.image() + ", "
            + runningReplicas(b) + " of " + b.replicas().size() + " replicas running";
    }

    private static long runningReplicas(Bundle b) {
      long running = 0;
      for (Bundle.Replica rep : b.replicas()) {
        if (anyActive(rep.resources())) {
          running++;
        }
      }
      return running;
    }
  }

  private static String stripInstance(String id) {
    int colon = id.lastIndexOf(':');
    if (colon <= 0 || colon == id.length() - 1) {
      return id;
    }
    for (int i = colon + 1; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return id;
      }
    }
    return id.substring(0, colon);
  }

  private static String score(int n) {
    return n >= ResourceHistory.INFINITY ? "INFINITY" : Integer.toString(n);
  }

  private static String join(List<Integer> ids) {
    List<String> s = new ArrayList<>();
    for (int i : ids) {
      s.add(Integer.toString(i));
    }
    return String.join(", ", s);
  }
}
