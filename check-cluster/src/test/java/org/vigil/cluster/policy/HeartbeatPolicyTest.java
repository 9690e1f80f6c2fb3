package org.vigil.cluster.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.cluster.heartbeat.HbDaemonStatus;
import org.vigil.cluster.heartbeat.HbNodeStatus;
import org.vigil.cluster.heartbeat.HeartbeatNode;
import org.vigil.cluster.heartbeat.HeartbeatStatus;
import org.vigil.cluster.heartbeat.ResourceStatus;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.State;
import org.vigil.core.Subcheck;

class HeartbeatPolicyTest {
  static HeartbeatStatus running(String local, ResourceStatus rsc, Object... nameStatus) {
    List<HeartbeatNode> nodes = new ArrayList<>();
    for (int i = 0; i < nameStatus.length; i += 2) {
      nodes.add(new HeartbeatNode((String) nameStatus[i], (HbNodeStatus) nameStatus[i + 1]));
    }
    return new HeartbeatStatus(HbDaemonStatus.RUNNING, Optional.ofNullable(local), nodes,
        Optional.of(rsc));
  }

  static Subcheck heartbeat(HeartbeatStatus s) {
    return HeartbeatPolicy.evaluate(s).get(0);
  }

  @Test
  void stopped_is_critical() {
    List<Subcheck> subs = HeartbeatPolicy.evaluate(new HeartbeatStatus(HbDaemonStatus.STOPPED,
        Optional.empty(), List.of(), Optional.empty()));
    assertThat(subs).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("heartbeat");
      assertThat(s.state()).isEqualTo(State.CRITICAL);
      assertThat(s.findings()).extracting(Finding::message).containsExactly(
          "heartbeat is stopped on this machine: this node neither serves nor takes over any"
              + " resource");
    });
  }

  @Test
  void dead_node_is_critical_and_holder_is_stated() {
    List<Subcheck> subs = HeartbeatPolicy.evaluate(running("node1", ResourceStatus.ALL,
        "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.DEAD));
    assertThat(subs).extracting(Subcheck::name).containsExactly("heartbeat", "node node1",
        "node node2");
    assertThat(subs.get(0).state()).isEqualTo(State.OK);
    assertThat(subs.get(0).summary()).isEqualTo("running, 2 nodes, this node holds all resources");
    assertThat(subs.get(1).summary()).isEqualTo("active (local)");
    assertThat(subs.get(2).state()).isEqualTo(State.CRITICAL);
    assertThat(subs.get(0).perfdata()).extracting(PerfData::format).containsExactly(
        "'hb_nodes'=2;;;0", "'hb_nodes_active'=1;;;0", "'hb_nodes_dead'=1;;;0");
  }

  @Test
  void none_while_peer_dead_is_critical_with_or_without_local_name() {
    for (String local : new String[] {"node1", null}) {
      Subcheck s = heartbeat(running(local, ResourceStatus.NONE,
          "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.DEAD));
      assertThat(s.state()).isEqualTo(State.CRITICAL);
      assertThat(s.findings()).extracting(Finding::message).containsExactly(
          "this node holds no resources and no peer node is active: no node serves the"
              + " resources");
    }
    // a peer that is only "up", or a ping node, serves nothing either
    assertThat(heartbeat(running("node1", ResourceStatus.NONE, "node1", HbNodeStatus.ACTIVE,
        "node2", HbNodeStatus.UP, "10.0.0.1", HbNodeStatus.PING)).state())
        .isEqualTo(State.CRITICAL);
  }

  @Test
  void none_while_peer_active_is_ok_and_names_the_peer() {
    Subcheck s = heartbeat(running("node2", ResourceStatus.NONE,
        "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.ACTIVE));
    assertThat(s.state()).isEqualTo(State.OK);
    assertThat(s.findings()).extracting(Finding::message)
        .containsExactly("this node holds no resources; the active peer node1 serves them");
    assertThat(heartbeat(running(null, ResourceStatus.NONE,
        "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.ACTIVE)).state()).isEqualTo(State.OK);
  }

  @Test
  void transition_is_a_warning_and_local_foreign_all_ok() {
    assertThat(heartbeat(running(null, ResourceStatus.TRANSITION,
        "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.ACTIVE)).state())
        .isEqualTo(State.WARNING);
    for (ResourceStatus r : List.of(ResourceStatus.LOCAL, ResourceStatus.FOREIGN,
        ResourceStatus.ALL)) {
      assertThat(heartbeat(running(null, r, "node1", HbNodeStatus.ACTIVE, "node2",
          HbNodeStatus.ACTIVE)).state()).isEqualTo(State.OK);
    }
  }

  @Test
  void up_node_is_a_warning_ping_node_ok() {
    List<Subcheck> subs = HeartbeatPolicy.evaluate(running(null, ResourceStatus.LOCAL,
        "node1", HbNodeStatus.ACTIVE, "node2", HbNodeStatus.UP, "10.0.0.1", HbNodeStatus.PING));
    assertThat(subs.get(2).state()).isEqualTo(State.WARNING);
    assertThat(subs.get(3).state()).isEqualTo(State.OK);
    assertThat(subs.get(3).findings()).extracting(Finding::message)
        .containsExactly("node 10.0.0.1 is a ping node and answers");
  }
}
