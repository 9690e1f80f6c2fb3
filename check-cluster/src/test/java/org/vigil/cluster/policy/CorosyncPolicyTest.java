package org.vigil.cluster.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.cluster.corosync.Cfgtool;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.Quorumtool;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.fixtures.Fixtures;

class CorosyncPolicyTest {
  static Quorumtool q(String file) throws Exception {
    return QuorumtoolParser.parse(
        new String(Fixtures.bytes("corosync", file), StandardCharsets.UTF_8), file);
  }

  static Cfgtool c(String file) throws Exception {
    return CfgtoolParser.parse(
        new String(Fixtures.bytes("corosync", file), StandardCharsets.UTF_8), file);
  }

  static List<Subcheck> eval(Quorumtool quorum, Cfgtool cfg) {
    return CorosyncPolicy.evaluate(Optional.ofNullable(quorum), Optional.ofNullable(cfg));
  }

  static Subcheck named(List<Subcheck> subs, String name) {
    return subs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static List<String> messages(Subcheck s, State state) {
    return s.findings().stream().filter(f -> f.state() == state).map(Finding::message).toList();
  }

  @Test
  void not_quorate_and_activity_blocked_are_critical() throws Exception {
    Subcheck s = named(eval(q("3.1-not-quorate-activity-blocked.quorumtool"), null), "quorum");
    assertThat(s.state()).isEqualTo(State.CRITICAL);
    assertThat(messages(s, State.CRITICAL)).containsExactly(
        "partition is not quorate (1 of 3 expected votes, quorum 2): this partition may not run"
            + " resources",
        "activity blocked: quorum 2 not reached with 1 of 3 expected votes; cluster services will"
            + " not start or recover resources here");
  }

  @Test
  void quorate_and_complete_is_ok_with_perfdata() throws Exception {
    Subcheck s = named(eval(q("3.1.2-2node-lms-ok.quorumtool"), null), "quorum");
    assertThat(s.state()).isEqualTo(State.OK);
    assertThat(s.summary()).isEqualTo("quorate, 2 of 2 expected votes, quorum 1, 2 nodes");
    assertThat(s.perfdata()).extracting(PerfData::format).containsExactly(
        "'corosync_nodes'=2;;;0", "'expected_votes'=2;;;0", "'total_votes'=2;;;0",
        "'quorum'=1;;;0");
  }

  @Test
  void missing_votes_and_qdevice_problems_are_warnings() throws Exception {
    assertThat(named(eval(q("3.1-quorate-member-missing.quorumtool"), null), "quorum").state())
        .isEqualTo(State.WARNING);
    Subcheck na = named(eval(q("3.1-qdevice-not-alive.quorumtool"), null), "quorum");
    assertThat(messages(na, State.WARNING)).contains(
        "quorum device not alive for node node1 (local): the tie-breaking vote is lost, one more"
            + " failure may cost quorum");
    Subcheck nr = named(eval(q("2.4-p-2node-qdevice-local-nr.quorumtool"), null), "quorum");
    assertThat(messages(nr, State.WARNING)).singleElement().asString()
        .startsWith("quorum device not registered on node stefanotorresi-hana01 (local)");
    assertThat(named(eval(q("3.0.3-qdevice-ok.quorumtool"), null), "quorum").state())
        .isEqualTo(State.OK);
  }

  @Test
  void no_quorum_provider_is_unknown() throws Exception {
    assertThat(named(eval(q("2.4-quorum-not-configured.quorumtool"), null), "quorum").state())
        .isEqualTo(State.UNKNOWN);
  }

  @Test
  void one_of_several_rings_faulty_is_a_warning_all_faulty_critical() throws Exception {
    List<Subcheck> one = eval(null, c("2.x-ring0-faulty.cfgtool"));
    assertThat(one).extracting(Subcheck::name).containsExactly("ring 0", "ring 1");
    assertThat(named(one, "ring 0").state()).isEqualTo(State.WARNING);
    assertThat(named(one, "ring 1").state()).isEqualTo(State.OK);
    assertThat(named(one, "ring 0").perfdata()).extracting(PerfData::format)
        .containsExactly("'links_up'=1;;;0;2", "'links_total'=2;;;0");
    List<Subcheck> all = eval(null, c("2.x-both-rings-faulty.cfgtool"));
    assertThat(all).allMatch(s -> s.state() == State.CRITICAL);
  }

  @Test
  void peer_down_on_one_of_two_links_names_link_and_peer() throws Exception {
    List<Subcheck> subs = eval(null, c("3.1-link1-node3-disconnected.cfgtool"));
    assertThat(subs).extracting(Subcheck::name)
        .containsExactly("link 0", "link 1", "node 2", "node 3");
    assertThat(messages(named(subs, "link 1"), State.WARNING)).containsExactly(
        "link 1 (10.1.0.1) to node 3 is disconnected: redundancy lost, node 3 is reachable only"
            + " over link 0");
    assertThat(named(subs, "node 3").state()).isEqualTo(State.OK);
  }

  @Test
  void peer_down_on_every_link_is_critical_on_its_node_only() throws Exception {
    List<Subcheck> subs = eval(null, c("3.1-node3-unreachable-every-link.cfgtool"));
    assertThat(named(subs, "node 3").state()).isEqualTo(State.CRITICAL);
    assertThat(named(subs, "link 0").state()).isEqualTo(State.OK);
    assertThat(named(subs, "link 1").state()).isEqualTo(State.OK);
  }

  @Test
  void isolated_local_node_is_critical_on_every_link() throws Exception {
    List<Subcheck> subs = eval(null, c("3.1-local-isolated.cfgtool"));
    assertThat(named(subs, "link 0").state()).isEqualTo(State.CRITICAL);
    assertThat(messages(named(subs, "link 1"), State.CRITICAL)).singleElement().asString()
        .contains("this node is isolated from the cluster");
    assertThat(named(subs, "link 0").perfdata()).extracting(PerfData::format)
        .containsExactly("'links_up'=0;;;0;2", "'links_total'=2;;;0");
  }

  @Test
  void node_subchecks_take_names_from_quorumtool() throws Exception {
    List<Subcheck> subs = eval(q("3.1.2-2node-lms-ok.quorumtool"),
        CfgtoolParser.parse("Local node ID 2, transport knet\nLINK ID 0 udp\n\taddr\t= 10.0.0.2\n"
            + "\tstatus:\n\t\tnodeid:   2:\tlocalhost\n\t\tnodeid:   3:\tdisconnected\n", "c"));
    assertThat(subs).extracting(Subcheck::name)
        .containsExactly("quorum", "link 0", "node lb-int02.xxx.yyy.zzz");
    assertThat(subs.get(2).state()).isEqualTo(State.CRITICAL);
  }

  @Test
  void early_knet_names_nodes_by_index_and_explains_enabled_artifact() throws Exception {
    List<Subcheck> subs = eval(null, c("3.0.1-knet-enabled0-artifact.cfgtool"));
    assertThat(subs).allMatch(s -> s.state() == State.OK);
    assertThat(named(subs, "link 1").details()).anyMatch(d -> d.contains("issue #527"));
    assertThat(subs).extracting(Subcheck::name).contains("node index 0", "node index 1");
    assertThat(named(eval(null, c("3.0.1-link0-index0-connected0.cfgtool")), "link 0").state())
        .isEqualTo(State.WARNING);
  }

  @Test
  void single_node_and_udp_are_ok() throws Exception {
    assertThat(eval(null, c("3.1.3-single-node-localhost.cfgtool")))
        .allMatch(s -> s.state() == State.OK);
    assertThat(eval(null, c("3.0-udp-status-ok.cfgtool"))).allMatch(s -> s.state() == State.OK);
  }

  @Test
  void nothing_to_evaluate_is_a_programming_error() {
    assertThatThrownBy(() -> eval(null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
