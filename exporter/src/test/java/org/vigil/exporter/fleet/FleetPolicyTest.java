package org.vigil.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.core.CheckResult;
import org.vigil.core.ParseException;
import org.vigil.core.PluginOutput;
import org.vigil.core.State;

/** The fleet invariants over scrapes written the way vigil-exporter writes them. */
class FleetPolicyTest {

  // ------------------------------------------------------------------ DRBD, two nodes

  @Test
  void bothPrimaryAndStandAloneIsASplitBrain() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "StandAlone"),
        node("node-b").drbd9("r0", "Primary", "node-a", "StandAlone"));
    assertThat(render(r)).startsWith(
        "FLEET CRITICAL - r0: Primary on node-a and node-b (split brain risk)"
            + " | 'peers'=2;;;0 'peers_unreachable'=0;;;0 'drbd_resources'=1;;;0\n")
        .contains("[CRITICAL] r0: node-a Primary (StandAlone to node-b), node-b Primary"
            + " (StandAlone to node-a) - Primary on node-a and node-b (split brain risk)\n")
        .contains("[OK] node-a: http://node-a:10923/metrics, 1 DRBD resource\n");
    assertThat(r.state()).isEqualTo(State.CRITICAL);
  }

  @Test
  void onePrimaryConnectedIsOkAndSaysWho() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "Connected").pcmk("c", "node-a", "a b"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected").pcmk("c", "node-a", "a b"));
    assertThat(render(r)).startsWith(
        "FLEET OK - 2 peers agree, r0 Primary on node-a, DC node-a | ");
    assertThat(r.state()).isEqualTo(State.OK);
  }

  @Test
  void twoPrimariesWhileConnectedIsAConfiguredDualPrimary() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("vm7", "Primary", "node-b", "Connected"),
        node("node-b").drbd9("vm7", "Primary", "node-a", "Connected"));
    assertThat(r.state()).isEqualTo(State.OK);
    assertThat(render(r)).contains("[OK] vm7: node-a Primary (Connected to node-b), node-b"
        + " Primary (Connected to node-a) - Primary on node-a and node-b while Connected"
        + " (dual-primary configured)\n");
  }

  @Test
  void primaryNowhereWhileBothReportIsCriticalAndUnknownWhenOneDoesNotReport() throws Exception {
    assertThat(render(evaluate(
        node("node-a").drbd9("r0", "Secondary", "node-b", "Connected"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected"))))
        .startsWith("FLEET CRITICAL - r0: Primary on no node | ");
    CheckResult partial = evaluate(
        node("node-a").drbd9("r0", "Secondary", "node-b", "Connected"),
        node("node-b").drbd9("r1", "Primary", "node-a", "Connected"));
    assertThat(partial.state()).isEqualTo(State.UNKNOWN);
    assertThat(render(partial)).startsWith("FLEET UNKNOWN - r0: only node-a reports it; its other"
        + " node is not a --peer or did not answer: not compared; r1: only node-b reports it; its"
        + " other node is not a --peer or did not answer: not compared | ");
  }

  @Test
  void theEndsOfAConnectionDisagreeing() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "Connected"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "WFConnection"));
    assertThat(render(r)).startsWith("FLEET CRITICAL - r0: node-a sees the connection to node-b"
        + " Connected, node-b sees it WFConnection (ends disagree) | ");
  }

  @Test
  void procDrbdWithoutNamesIsPairedWhenThereAreTwoNodesNamedByPeer() throws Exception {
    CheckResult r = evaluate(
        unnamed("left").drbd8("drbd0", "Primary", "StandAlone"),
        unnamed("right").drbd8("drbd0", "Secondary", "Connected"));
    assertThat(render(r)).startsWith("FLEET CRITICAL - drbd0: left sees the connection to right"
        + " StandAlone, right sees it Connected (ends disagree) | ");
  }

  // ------------------------------------------------------------------ DRBD, three nodes

  @Test
  void threeNodesEachConnectionComparedEndToEnd() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "Connected", "node-c", "Connected"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected", "node-c", "StandAlone"),
        node("node-c").drbd9("r0", "Secondary", "node-a", "Connecting", "node-b", "StandAlone"));
    // b-c is down at both ends: no disagreement; a-c is not.
    assertThat(render(r)).startsWith("FLEET CRITICAL - r0: node-a sees the connection to node-c"
        + " Connected, node-c sees it Connecting (ends disagree) | ");
    assertThat(r.subchecks().get(0).problems()).hasSize(1);
  }

  @Test
  void threeNodesTwoPrimariesOneLinkDownIsASplitBrain() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "Connected", "node-c", "StandAlone"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected", "node-c", "Connected"),
        node("node-c").drbd9("r0", "Primary", "node-a", "StandAlone", "node-b", "Connected"));
    assertThat(render(r)).startsWith(
        "FLEET CRITICAL - r0: Primary on node-a and node-c (split brain risk) | ");
    CheckResult healthy = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-b", "Connected", "node-c", "Connected"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected", "node-c", "Connected"),
        node("node-c").drbd9("r0", "Secondary", "node-a", "Connected", "node-b", "Connected"));
    assertThat(render(healthy)).startsWith("FLEET OK - 3 peers agree, r0 Primary on node-a | ");
  }

  // ------------------------------------------------------------------ Pacemaker

  @Test
  void twoNodesEachItsOwnDcIsASplitBrain() throws Exception {
    CheckResult r = evaluate(
        node("node-a").pcmk("pair", "node-a", "a"),
        node("node-b").pcmk("pair", "node-b", "b"));
    String out = render(r);
    assertThat(out).startsWith("FLEET CRITICAL - cluster pair: node-a follows DC node-a, node-b"
        + " follows DC node-b (split brain); cluster pair: node-a online for node-a, offline for"
        + " node-b; cluster pair: node-b online for node-b, offline for node-a (+2 more) | ");
    assertThat(out).contains("node-a sees itself online, every peer sees it offline (isolated)")
        .contains("node-b sees itself online, every peer sees it offline (isolated)");
  }

  @Test
  void threeNodesOneCutOffIsIsolatedTheOthersAreNot() throws Exception {
    CheckResult r = evaluate(
        node("node-a").pcmk("trio", "node-a", "a b"),
        node("node-b").pcmk("trio", "node-a", "a b"),
        node("node-c").pcmk("trio", "node-c", "c"));
    String out = render(r);
    assertThat(out).contains("node-c sees itself online, every peer sees it offline (isolated)")
        .doesNotContain("node-a sees itself").doesNotContain("node-b sees itself")
        .contains("node-a follows DC node-a, node-b follows DC node-a, node-c follows DC node-c");
  }

  @Test
  void threeNodesOneViewDiffersIsAMembershipDisagreementNotAnIsolation() throws Exception {
    CheckResult r = evaluate(
        node("node-a").pcmk("trio", "node-a", "a b"),
        node("node-b").pcmk("trio", "node-a", "a b c"),
        node("node-c").pcmk("trio", "node-a", "a b c"));
    assertThat(render(r)).startsWith("FLEET CRITICAL - cluster trio: node-c online for node-b and"
        + " node-c, offline for node-a | ").doesNotContain("isolated");
  }

  @Test
  void aPeerThatDoesNotAnswerIsNamedAndCriticalWhenItsNodeIsOnline() throws Exception {
    List<PeerScrape> scrapes = new ArrayList<>(scrapes(
        node("node-a").pcmk("pair", "node-a", "a b"),
        node("node-b").pcmk("pair", "node-a", "a b")));
    scrapes.set(1, PeerScrape.failed(scrapes.get(1).peer(),
        "cannot connect to node-b:10923: Connection refused"));
    String out = render(FleetPolicy.evaluate(scrapes));
    assertThat(out).startsWith("FLEET CRITICAL - cluster pair: node-b online for its peers, but"
        + " http://node-b:10923/metrics did not answer; node-b: cannot connect to node-b:10923:"
        + " Connection refused | 'peers'=2;;;0 'peers_unreachable'=1;;;0")
        .contains("[UNKNOWN] node-b: http://node-b:10923/metrics did not answer - cannot connect"
            + " to node-b:10923: Connection refused\n");
  }

  @Test
  void aPeerThatDoesNotAnswerWithoutPacemakerIsUnknownAndNamed() throws Exception {
    List<PeerScrape> scrapes = new ArrayList<>(scrapes(
        unnamed("left").drbd8("drbd0", "Primary", "Connected"),
        unnamed("right").drbd8("drbd0", "Secondary", "Connected")));
    scrapes.set(1, PeerScrape.failed(scrapes.get(1).peer(), "no complete answer within 5s"));
    CheckResult r = FleetPolicy.evaluate(scrapes);
    assertThat(r.state()).isEqualTo(State.UNKNOWN);
    // The peer that did not answer comes first: it is why drbd0 cannot be compared.
    assertThat(render(r)).startsWith("FLEET UNKNOWN - right: no complete answer within 5s; drbd0:"
        + " only left reports it; its other node is not a --peer or did not answer: not compared"
        + " | ").contains("\n[UNKNOWN] right: http://right:10923/metrics did not answer - no"
        + " complete answer within 5s\n[UNKNOWN] drbd0: ");
  }

  @Test
  void ambiguousOrInconsistentViewsAreUnknown() throws Exception {
    assertThat(render(evaluate(
        node("node-a").pcmk("one", "node-a", "a b"),
        node("node-b").pcmk("two", "node-a", "a b"))))
        .startsWith("FLEET UNKNOWN - cluster: the peers belong to different clusters: node-a in"
            + " one, node-b in two | ");
    Node failing = node("node-b").drbd9("r0", "Secondary", "node-a", "Connected");
    failing.text.append("vigil_scrape_collector_success{collector=\"drbd\",} 0.0\n");
    assertThat(render(evaluate(node("node-a").drbd9("r0", "Primary", "node-b", "Connected"),
        failing))).startsWith("FLEET UNKNOWN - node-b: collector drbd failing: its state is not"
        + " compared | ");
    Node misnamed = new Node(Peer.parse("node-x=http://node-b:10923"), "node-b");
    misnamed.drbd9("r0", "Secondary", "node-a", "Connected").pcmk("pair", "node-a", "a b");
    assertThat(render(evaluate(node("node-a").drbd9("r0", "Primary", "node-b", "Connected"),
        misnamed))).startsWith("FLEET UNKNOWN - node-b: the exporter says it runs on node-b,"
        + " --peer says node-x | ");
    assertThat(render(evaluate(unnamed("left"), unnamed("right"))))
        .startsWith("FLEET UNKNOWN - fleet: no peer that answered reports DRBD or Pacemaker | ");
  }

  /** Found by ExporterParsersJazzerFuzzTest#fleetTextFormat: Set.of(node, node) threw. */
  @Test
  void aNodeNamingItselfAsItsOwnDrbdPeerIsUnknownNotACrash() throws Exception {
    CheckResult r = evaluate(
        node("node-a").drbd9("r0", "Primary", "node-a", "Connected"),
        node("node-b").drbd9("r0", "Secondary", "node-a", "Connected"));
    assertThat(r.state()).isEqualTo(State.UNKNOWN);
    assertThat(render(r)).startsWith("FLEET UNKNOWN - r0: node-a reports a connection to itself"
        + " (peer node-a): not compared | ");
  }

  @Test
  void twoPeersReportingTheSameNodeAreUnknownNotAHealthyPair() throws Exception {
    // One exporter reached by its name and by its address: node-b is not looked at at all.
    Node byName = node("node-a").drbd9("r0", "Primary", "node-b", "Connected")
        .pcmk("pair", "node-a", "a b");
    Node byAddress = new Node(Peer.parse("http://10.0.0.1:10923"), "node-a")
        .drbd9("r0", "Primary", "node-b", "Connected").pcmk("pair", "node-a", "a b");
    CheckResult r = evaluate(byName, byAddress);
    assertThat(r.state()).isEqualTo(State.UNKNOWN);
    assertThat(render(r))
        .contains("[UNKNOWN] node-a: http://node-a:10923/metrics, 1 DRBD resource, Pacemaker"
            + " - --peer http://10.0.0.1:10923/metrics reports the same node node-a: not two"
            + " nodes, not compared\n")
        .contains("--peer http://node-a:10923/metrics reports the same node node-a");
  }

  @Test
  void anExporterThatDoesNotKnowItsNodeIsAWarning() throws Exception {
    Node anonymous = new Node(Peer.parse("http://node-b:10923"), null);
    anonymous.pcmk("pair", "node-a", "a b");
    assertThat(render(evaluate(node("node-a").pcmk("pair", "node-a", "a b"), anonymous)))
        .startsWith("FLEET WARNING - cluster pair: node-b:10923's exporter does not name its"
            + " cluster node (no crm_mon node is named like its host): not checked for"
            + " isolation | ");
  }

  // ------------------------------------------------------------------ helpers

  /** One exporter's scrape, written like vigil-exporter writes it. */
  static final class Node {
    final Peer peer;
    final String local;
    final StringBuilder text = new StringBuilder();

    Node(Peer peer, String local) {
      this.peer = peer;
      this.local = local;
    }

    Node drbd9(String resource, String role, String... peersAndStates) {
      for (String r : List.of("Primary", "Secondary", "Unknown")) {
        text.append("vigil_drbd_role{resource=\"").append(resource).append("\",role=\"")
            .append(r).append("\",} ").append(r.equals(role) ? "1.0" : "0.0").append('\n');
      }
      for (int i = 0; i < peersAndStates.length; i += 2) {
        connection(resource, peersAndStates[i], peersAndStates[i + 1]);
      }
      return this;
    }

    Node drbd8(String resource, String role, String state) {
      drbd9(resource, role);
      connection(resource, "", state);
      return this;
    }

    private void connection(String resource, String peer, String state) {
      for (String s : List.of("StandAlone", "WFConnection", "Connecting", "Connected")) {
        text.append("vigil_drbd_connection_state{resource=\"").append(resource)
            .append("\",peer=\"").append(peer).append("\",state=\"").append(s).append("\",} ")
            .append(s.equals(state) ? "1.0" : "0.0").append('\n');
      }
    }

    /** {@code online}: the letters of the nodes this node sees online, of a, b, c. */
    Node pcmk(String cluster, String dc, String online) {
      if (local != null) {
        text.append("vigil_pacemaker_local_node_info{cluster=\"").append(cluster)
            .append("\",node=\"").append(local).append("\",} 1.0\n");
      }
      text.append("vigil_pacemaker_dc_info{cluster=\"").append(cluster).append("\",node=\"")
          .append(dc).append("\",} 1.0\n");
      for (String n : List.of("a", "b", "c")) {
        if (n.equals("c") && !online.contains("c") && !cluster.equals("trio")) {
          continue;
        }
        text.append("vigil_pacemaker_node_online{cluster=\"").append(cluster)
            .append("\",node=\"node-").append(n).append("\",} ")
            .append(online.contains(n) ? "1.0" : "0.0").append('\n');
      }
      return this;
    }
  }

  /** A node named by --peer, whose exporter names it too once it reports Pacemaker. */
  static Node node(String name) {
    return new Node(Peer.parse(name + "=http://" + name + ":10923"), name);
  }

  /** A node named by --peer only (no Pacemaker, so the exporter does not say). */
  static Node unnamed(String name) {
    return new Node(Peer.parse(name + "=http://" + name + ":10923"), null);
  }

  static List<PeerScrape> scrapes(Node... nodes) throws ParseException {
    List<PeerScrape> out = new ArrayList<>();
    for (Node n : nodes) {
      out.add(PeerScrape.reached(n.peer, TextFormat.parse(n.text.toString(),
          n.peer.url().toString())));
    }
    return out;
  }

  static CheckResult evaluate(Node... nodes) throws ParseException {
    return FleetPolicy.evaluate(scrapes(nodes));
  }

  static String render(CheckResult r) {
    return PluginOutput.render(r, 0);
  }

}
