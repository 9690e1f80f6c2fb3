package org.vigil.exporter.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one reached exporter says, in the terms the fleet invariants compare: its node, its DRBD
 * resources and its view of the Pacemaker cluster. Built only from the exporter's fixed metric
 * names; what cannot be read unambiguously is a problem, never a guess.
 *
 * @param peer the peer it came from
 * @param node the node's name: the exporter's vigil_pacemaker_local_node_info, else the name
 *     given with --peer, else the URL's host:port
 * @param identified whether the exporter itself named its node
 * @param clusters the cluster labels of its Pacemaker series
 * @param failingCollectors collectors with vigil_scrape_collector_success 0
 * @param drbd resource → what this node says about it
 * @param pacemaker whether it reports a Pacemaker view at all
 * @param online node → online, as this node sees the cluster
 * @param dc the DC this node follows, if any
 * @param problems what could not be read unambiguously
 */
public record NodeView(
    Peer peer, String node, boolean identified, Set<String> clusters,
    List<String> failingCollectors, Map<String, Drbd> drbd, boolean pacemaker,
    Map<String, Boolean> online, Optional<String> dc, List<String> problems) {

  /**
   * One DRBD resource on this node.
   *
   * @param role the role word with value 1 ("Primary", "Secondary", "Unknown"), "" when none
   * @param connections peer name ("" for /proc/drbd) → the connection state word with value 1
   */
  public record Drbd(String role, Map<String, String> connections) {
    public boolean primary() {
      return role.equals("Primary");
    }

    /** Every connection Connected (DRBD 8's sync states are Connected in this metric). */
    public boolean connected() {
      return connections.values().stream().allMatch("Connected"::equals);
    }
  }

  static NodeView of(PeerScrape scrape) {
    Peer peer = scrape.peer();
    List<String> problems = new ArrayList<>();
    Set<String> localNodes = new TreeSet<>();
    Set<String> clusters = new TreeSet<>();
    List<String> failing = new ArrayList<>();
    Map<String, String> roles = new TreeMap<>();
    Map<String, Map<String, String>> connections = new TreeMap<>();
    Map<String, Boolean> online = new TreeMap<>();
    Set<String> dcs = new TreeSet<>();
    boolean pacemaker = false;
    for (ExposedSample s : scrape.samples()) {
      switch (s.name()) {
        case "vigil_pacemaker_local_node_info" -> {
          if (s.value() == 1) {
            localNodes.add(s.label("node"));
          }
        }
        case "vigil_scrape_collector_success" -> {
          if (s.value() != 1) {
            failing.add(s.label("collector"));
          }
        }
        case "vigil_drbd_role" -> {
          roles.putIfAbsent(s.label("resource"), "");
          if (s.value() == 1 && !roles.get(s.label("resource")).isEmpty()) {
            problems.add("DRBD " + s.label("resource") + " has two roles at once (line "
                + s.line() + ")");
          } else if (s.value() == 1) {
            roles.put(s.label("resource"), s.label("role"));
          }
        }
        case "vigil_drbd_connection_state" -> {
          Map<String, String> byPeer =
              connections.computeIfAbsent(s.label("resource"), r -> new TreeMap<>());
          byPeer.putIfAbsent(s.label("peer"), "");
          if (s.value() == 1 && !byPeer.get(s.label("peer")).isEmpty()) {
            problems.add("DRBD " + s.label("resource") + " has two connection states at once"
                + " (line " + s.line() + ")");
          } else if (s.value() == 1) {
            byPeer.put(s.label("peer"), s.label("state"));
          }
        }
        case "vigil_pacemaker_node_online" -> {
          pacemaker = true;
          clusters.add(s.label("cluster"));
          online.put(s.label("node"), s.value() == 1);
        }
        case "vigil_pacemaker_dc_info" -> {
          if (s.value() == 1) {
            dcs.add(s.label("node"));
          }
        }
        default -> {
          // Every other family is not compared across nodes.
        }
      }
    }
    if (localNodes.size() > 1) {
      problems.add("names " + localNodes.size() + " local nodes " + localNodes);
    }
    if (dcs.size() > 1) {
      problems.add("follows " + dcs.size() + " DCs at once " + dcs);
    }
    Optional<String> local = localNodes.size() == 1
        ? Optional.of(localNodes.iterator().next()) : Optional.empty();
    if (local.isPresent() && peer.name().isPresent() && !peer.name().get().equals(local.get())) {
      problems.add("the exporter says it runs on " + local.get() + ", --peer says "
          + peer.name().get());
    }
    Map<String, Drbd> drbd = new TreeMap<>();
    for (String resource : roles.keySet()) {
      if (roles.get(resource).isEmpty()) {
        problems.add("DRBD " + resource + " has no current role");
      }
      drbd.put(resource, new Drbd(roles.get(resource),
          connections.getOrDefault(resource, Map.of())));
    }
    for (String resource : connections.keySet()) {
      if (!roles.containsKey(resource)) {
        problems.add("DRBD " + resource + " has connections but no role");
      }
      connections.get(resource).forEach((p, state) -> {
        if (state.isEmpty()) {
          problems.add("DRBD " + resource + " has no current connection state"
              + (p.isEmpty() ? "" : " towards " + p));
        }
      });
    }
    String node = local.orElse(peer.name().orElse(peer.authority()));
    return new NodeView(peer, node, local.isPresent(), clusters, failing, drbd, pacemaker,
        online, dcs.size() == 1 ? Optional.of(dcs.iterator().next()) : Optional.empty(),
        problems);
  }
}
