package org.vigil.exporter.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.vigil.core.CheckResult;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.Subcheck;

/**
 * The cross-node invariants of {@code vigil-fleet-rules.yml}, over the peers of one cluster or
 * DRBD pair given on the command line: the peer list is the grouping, so no cluster name is
 * needed. One subcheck per DRBD resource, one for the Pacemaker cluster, one per peer.
 *
 * <ul>
 *   <li>DRBD: Primary on more than one node while any connection is down: CRITICAL (split
 *       brain; with every connection up it is a configured dual-primary). Primary on no node while
 *       every node of the resource reports: CRITICAL. A resource some of whose nodes do not report
 *       it: UNKNOWN. The two ends of a connection disagreeing about it (one Connected, one not):
 *       CRITICAL.
 *   <li>Pacemaker: different DCs, nodes seen online by some and offline by others, a node that
 *       sees itself online while every peer sees it offline, a node online for its peers whose
 *       exporter did not answer: CRITICAL. Peers of different clusters: UNKNOWN. An exporter that
 *       does not know its node: WARNING (it cannot be checked for isolation).
 *   <li>A peer that did not answer (refused, timed out, HTTP error, malformed scrape), a
 *       collector failing on a peer, or a view that is ambiguous: UNKNOWN, naming the peer.
 * </ul>
 */
public final class FleetPolicy {
  private FleetPolicy() {}

  public static CheckResult evaluate(List<PeerScrape> scrapes) {
    List<NodeView> views = new ArrayList<>();
    for (PeerScrape s : scrapes) {
      if (s.reached()) {
        views.add(NodeView.of(s));
      }
    }
    List<PeerScrape> unreached = scrapes.stream().filter(s -> !s.reached()).toList();
    List<Subcheck> subchecks = new ArrayList<>();
    // Peers that did not answer first: that is why their resources cannot be compared.
    for (PeerScrape s : unreached) {
      subchecks.add(peer(s, views));
    }
    Set<String> resources = new TreeSet<>();
    views.forEach(v -> resources.addAll(v.drbd().keySet()));
    for (String r : resources) {
      subchecks.add(drbd(r, views));
    }
    if (views.stream().anyMatch(NodeView::pacemaker)) {
      subchecks.add(cluster(views, unreached));
    }
    for (PeerScrape s : scrapes) {
      if (s.reached()) {
        subchecks.add(peer(s, views));
      }
    }
    if (views.stream().noneMatch(v -> v.pacemaker() || !v.drbd().isEmpty())) {
      subchecks.add(0, new Subcheck("fleet", "nothing to compare",
          List.of(Finding.unknown("no peer that answered reports DRBD or Pacemaker")),
          List.of(), List.of()));
    }
    List<PerfData> perf = List.of(
        PerfData.of("peers", scrapes.size(), PerfData.Unit.NONE).withMin(0),
        PerfData.of("peers_unreachable", unreached.size(), PerfData.Unit.NONE).withMin(0),
        PerfData.of("drbd_resources", resources.size(), PerfData.Unit.NONE).withMin(0));
    Subcheck first = subchecks.get(0);
    subchecks.set(0, new Subcheck(first.name(), first.summary(), first.findings(),
        first.details(), perf));
    return new CheckResult("FLEET", subchecks, okSummary(views, resources));
  }

  // ------------------------------------------------------------------ DRBD

  private static Subcheck drbd(String resource, List<NodeView> views) {
    Map<String, NodeView.Drbd> on = new LinkedHashMap<>();
    for (NodeView v : views) {
      NodeView.Drbd d = v.drbd().get(resource);
      if (d != null) {
        on.put(v.node(), d);
      }
    }
    List<Finding> findings = new ArrayList<>();
    List<String> primaries = on.entrySet().stream().filter(e -> e.getValue().primary())
        .map(Map.Entry::getKey).toList();
    boolean allConnected = on.values().stream().allMatch(NodeView.Drbd::connected);
    if (primaries.size() > 1 && !allConnected) {
      findings.add(Finding.critical("Primary on " + and(primaries) + " (split brain risk)"));
    } else if (primaries.size() > 1) {
      findings.add(Finding.ok("Primary on " + and(primaries)
          + " while Connected (dual-primary configured)"));
    }
    // Every node of the resource reports it when the reporters outnumber any node's peers.
    int peersOfAny = on.values().stream().mapToInt(d -> d.connections().size()).max().orElse(0);
    boolean complete = on.size() > peersOfAny;
    if (!complete) {
      int missing = peersOfAny + 1 - on.size();
      findings.add(Finding.unknown("only " + and(List.copyOf(on.keySet())) + " report"
          + (on.size() == 1 ? "s" : "") + " it; its other node" + (missing == 1 ? " is" : "s are")
          + " not a --peer or did not answer: not compared"));
    }
    if (primaries.isEmpty() && complete) {
      findings.add(Finding.critical("Primary on no node"));
    }
    findings.addAll(disagreements(on));
    String summary = on.entrySet().stream()
        .map(e -> e.getKey() + " " + (e.getValue().role().isEmpty() ? "(no role)"
            : e.getValue().role()) + connectionSummary(e.getValue()))
        .collect(Collectors.joining(", "));
    return new Subcheck(resource, summary, findings, List.of(), List.of());
  }

  private static String connectionSummary(NodeView.Drbd d) {
    if (d.connections().isEmpty()) {
      return "";
    }
    return d.connections().entrySet().stream()
        .map(e -> e.getKey().isEmpty() ? e.getValue() : e.getValue() + " to " + e.getKey())
        .collect(Collectors.joining(", ", " (", ")"));
  }

  /** The two ends of one connection that disagree about it, each pair once. */
  private static List<Finding> disagreements(Map<String, NodeView.Drbd> on) {
    List<Finding> out = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    boolean paired = false;
    for (Map.Entry<String, NodeView.Drbd> x : on.entrySet()) {
      for (Map.Entry<String, String> c : x.getValue().connections().entrySet()) {
        if (c.getKey().equals(x.getKey())) {
          // Only a garbled or hand-written scrape says this; there is no other end to compare.
          out.add(Finding.unknown(x.getKey() + " reports a connection to itself (peer "
              + c.getKey() + "): not compared"));
          continue;
        }
        NodeView.Drbd other = on.get(c.getKey());
        String back = other == null ? null : other.connections().get(x.getKey());
        if (back == null) {
          continue;
        }
        paired = true;
        if (seen.add(Set.of(x.getKey(), c.getKey()))) {
          disagree(x.getKey(), c.getValue(), c.getKey(), back).ifPresent(out::add);
        }
      }
    }
    // Two nodes, one connection each, and the names do not pair them up (/proc/drbd has no peer
    // names; without Pacemaker the nodes are named by --peer or host:port): they are each other's.
    if (!paired && on.size() == 2
        && on.values().stream().allMatch(d -> d.connections().size() == 1)) {
      List<String> nodes = new ArrayList<>(on.keySet());
      disagree(nodes.get(0), on.get(nodes.get(0)).connections().values().iterator().next(),
          nodes.get(1), on.get(nodes.get(1)).connections().values().iterator().next())
          .ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Finding> disagree(String a, String aSees, String b, String bSees) {
    if (aSees.equals("Connected") == bSees.equals("Connected")) {
      return Optional.empty();
    }
    return Optional.of(Finding.critical(a + " sees the connection to " + b + " " + aSees + ", "
        + b + " sees it " + bSees + " (ends disagree)"));
  }

  // ------------------------------------------------------------------ Pacemaker

  private static Subcheck cluster(List<NodeView> all, List<PeerScrape> unreached) {
    List<NodeView> views = all.stream().filter(NodeView::pacemaker).toList();
    Set<String> clusters = new TreeSet<>();
    views.forEach(v -> clusters.addAll(v.clusters()));
    String name = clusters.size() == 1 && !clusters.iterator().next().isEmpty()
        ? "cluster " + clusters.iterator().next() : "cluster";
    List<Finding> findings = new ArrayList<>();
    if (clusters.size() > 1) {
      findings.add(Finding.unknown("the peers belong to different clusters: " + views.stream()
          .map(v -> v.node() + " in " + String.join("+", v.clusters().stream()
              .map(c -> c.isEmpty() ? "(unnamed)" : c).toList()))
          .collect(Collectors.joining(", "))));
    }
    Map<String, String> dcs = new LinkedHashMap<>();
    views.forEach(v -> v.dc().ifPresent(dc -> dcs.put(v.node(), dc)));
    if (new HashSet<>(dcs.values()).size() > 1) {
      findings.add(Finding.critical(dcs.entrySet().stream()
          .map(e -> e.getKey() + " follows DC " + e.getValue())
          .collect(Collectors.joining(", ")) + " (split brain)"));
    }
    Set<String> nodes = new TreeSet<>();
    views.forEach(v -> nodes.addAll(v.online().keySet()));
    for (String n : nodes) {
      List<String> up = new ArrayList<>();
      List<String> down = new ArrayList<>();
      for (NodeView v : views) {
        Boolean online = v.online().get(n);
        if (online != null) {
          (online ? up : down).add(v.node());
        }
      }
      if (!up.isEmpty() && !down.isEmpty()) {
        findings.add(Finding.critical(n + " online for " + and(up) + ", offline for "
            + and(down)));
      }
    }
    for (NodeView v : views) {
      List<NodeView> others = views.stream().filter(o -> o != v).toList();
      if (v.identified() && Boolean.TRUE.equals(v.online().get(v.node())) && !others.isEmpty()
          && others.stream().allMatch(o -> Boolean.FALSE.equals(o.online().get(v.node())))) {
        findings.add(Finding.critical(v.node()
            + " sees itself online, every peer sees it offline (isolated)"));
      }
      if (!v.identified()) {
        findings.add(Finding.warning(v.node() + "'s exporter does not name its cluster node"
            + " (no crm_mon node is named like its host): not checked for isolation"));
      }
    }
    if (!unreached.isEmpty() && views.stream().allMatch(NodeView::identified)) {
      Set<String> reached = views.stream().map(NodeView::node).collect(Collectors.toSet());
      List<String> silent = new ArrayList<>();
      for (String n : nodes) {
        if (!reached.contains(n)
            && views.stream().anyMatch(v -> Boolean.TRUE.equals(v.online().get(n)))) {
          silent.add(n);
        }
      }
      if (!silent.isEmpty()) {
        findings.add(Finding.critical(and(silent) + " online for its peers, but "
            + unreached.stream().map(s -> s.peer().url().toString())
                .collect(Collectors.joining(", ")) + " did not answer"));
      }
    }
    String summary = (dcs.isEmpty() ? "no DC" : "DC " + String.join("/",
        new TreeSet<>(dcs.values()))) + "; online for " + views.stream()
        .map(v -> v.node() + ": " + v.online().entrySet().stream().filter(Map.Entry::getValue)
            .map(Map.Entry::getKey).collect(Collectors.joining(" ")))
        .collect(Collectors.joining(", "));
    return new Subcheck(name, summary, findings, List.of(), List.of());
  }

  // ------------------------------------------------------------------ peers

  private static Subcheck peer(PeerScrape s, List<NodeView> views) {
    Optional<NodeView> view = views.stream().filter(v -> v.peer() == s.peer()).findFirst();
    List<Finding> findings = new ArrayList<>();
    String name;
    String summary;
    if (view.isEmpty()) {
      name = s.peer().name().orElse(s.peer().authority());
      summary = s.peer().url() + " did not answer";
      findings.add(Finding.unknown(s.failure().orElseThrow()));
    } else {
      NodeView v = view.get();
      name = v.node();
      List<String> parts = new ArrayList<>();
      parts.add(s.peer().url().toString());
      if (!v.drbd().isEmpty()) {
        parts.add(v.drbd().size() + " DRBD resource" + (v.drbd().size() == 1 ? "" : "s"));
      }
      if (v.pacemaker()) {
        parts.add("Pacemaker");
      }
      summary = String.join(", ", parts);
      for (NodeView other : views) {
        if (other.peer() != v.peer() && other.node().equals(v.node())) {
          // The same exporter reached twice (an IP and a name), or two nodes of one name: either
          // way one node would be compared with itself and the other not seen.
          findings.add(Finding.unknown("--peer " + other.peer().url() + " reports the same node "
              + v.node() + ": not two nodes, not compared"));
        }
      }
      for (String c : v.failingCollectors()) {
        findings.add(Finding.unknown("collector " + c + " failing: its state is not compared"));
      }
      v.problems().forEach(p -> findings.add(Finding.unknown(p)));
    }
    return new Subcheck(name, summary, findings, List.of(), List.of());
  }

  private static String okSummary(List<NodeView> views, Set<String> resources) {
    List<String> parts = new ArrayList<>();
    parts.add(views.size() + " peers agree");
    Map<String, List<String>> primaryOf = new TreeMap<>();
    for (String r : resources) {
      for (NodeView v : views) {
        NodeView.Drbd d = v.drbd().get(r);
        if (d != null && d.primary()) {
          primaryOf.computeIfAbsent(r, k -> new ArrayList<>()).add(v.node());
        }
      }
    }
    primaryOf.forEach((r, on) -> parts.add(r + " Primary on " + and(on)));
    views.stream().flatMap(v -> v.dc().stream()).findFirst().ifPresent(dc -> parts.add("DC "
        + dc));
    return String.join(", ", parts);
  }

  /** "a", "a and b", "a, b and c". */
  static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and "
        + items.get(items.size() - 1);
  }
}
