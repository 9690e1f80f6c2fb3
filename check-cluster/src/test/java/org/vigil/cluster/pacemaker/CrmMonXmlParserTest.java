package org.vigil.cluster.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.fixtures.ParseErrors.assertParseError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

class CrmMonXmlParserTest {

  static String fixture(String file) throws IOException {
    return new String(Fixtures.bytes("cluster", file), StandardCharsets.UTF_8);
  }

  static CrmMon parse(String file) throws IOException, ParseException {
    return CrmMonXmlParser.parse(fixture(file), file);
  }

  @Test
  void result_shape_2_1_5_failcount_block() throws Exception {
    CrmMon c = parse("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml");
    assertThat(c.shape()).isEqualTo(Shape.RESULT);
    assertThat(c.version()).isEqualTo("2.25");
    assertThat(c.status()).get().extracting(ResultStatus::code, ResultStatus::message)
        .containsExactly(0, "OK");
    Summary s = c.summary().orElseThrow();
    assertThat(s.stack()).contains("corosync");
    CurrentDc dc = s.currentDc().orElseThrow();
    assertThat(dc.present()).isTrue();
    assertThat(dc.name()).contains("pcmk-1");
    assertThat(dc.withQuorum()).contains(true);
    assertThat(s.nodesConfigured()).isEqualTo(OptionalInt.of(2));
    assertThat(s.resourcesBlocked()).isEqualTo(OptionalInt.of(1));
    ClusterOptions o = s.options().orElseThrow();
    assertThat(o.fencingEnabled()).isFalse();
    assertThat(o.noQuorumPolicy()).isEqualTo(NoQuorumPolicy.STOP);
    assertThat(o.maintenanceMode()).contains(false);
    assertThat(c.nodes()).extracting(Node::name).containsExactly("pcmk-1", "pcmk-4");
    Node n4 = c.nodes().get(1);
    assertThat(n4.online()).isFalse();
    assertThat(n4.expectedUp()).isFalse();
    assertThat(n4.type()).isEqualTo(NodeType.MEMBER);
    assertThat(n4.health()).contains(NodeHealth.GREEN);
    Primitive p2 = (Primitive) c.resources().get(1);
    assertThat(p2.id()).isEqualTo("rsc_pcmk-2");
    assertThat(p2.agent()).isEqualTo("ocf:heartbeat:IPaddr2");
    assertThat(p2.role()).isEqualTo(Role.STARTED);
    assertThat(p2.blocked()).isTrue();
    assertThat(p2.failed()).isTrue();
    assertThat(p2.managed()).isFalse();
    assertThat(p2.nodes()).containsExactly("pcmk-1");
    assertThat(c.failures()).hasSize(2);
    Failure f = c.failures().get(0);
    assertThat(f.resource()).isEqualTo("rsc_pcmk-2");
    assertThat(f.operation()).isEqualTo("monitor");
    assertThat(f.interval()).isEqualTo(5000);
    assertThat(f.exitCode()).isEqualTo(1);
    assertThat(c.history()).hasSize(5);
    assertThat(c.history().get(2).failCount()).isEqualTo(OptionalInt.of(3));
    assertThat(c.history().get(2).migrationThreshold())
        .isEqualTo(OptionalInt.of(ResourceHistory.INFINITY));
    assertThat(c.fenceHistory()).isEmpty();
  }

  @Test
  void legacy_shape_same_capture_gives_the_same_model() throws Exception {
    CrmMon r = parse("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml");
    CrmMon l = parse("legacy-2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml");
    assertThat(l.shape()).isEqualTo(Shape.LEGACY);
    assertThat(l.version()).isEqualTo("2.1.5");
    assertThat(l.status()).isEmpty();
    assertThat(l.nodes()).isEqualTo(r.nodes());
    assertThat(l.resources()).isEqualTo(r.resources());
    assertThat(l.failures()).isEqualTo(r.failures());
  }

  @Test
  void legacy_1_1_18_master_slave_and_infinity_failcount() throws Exception {
    CrmMon c = parse("legacy-2.0.0-sap-hana-failcount-at-threshold.crm_mon.xml");
    Clone msl = (Clone) c.resources().stream().filter(r -> r.id().equals("msl_SAPHana_PRD_HDB00"))
        .findFirst().orElseThrow();
    assertThat(msl.promotable()).isTrue();
    assertThat(msl.disabled()).isFalse();
    assertThat(msl.primitives()).extracting(Primitive::role)
        .containsExactly(Role.MASTER, Role.SLAVE);
    assertThat(msl.primitives().get(1).pending()).contains("Monitoring");
    Primitive stopped = (Primitive) c.resources().get(0);
    assertThat(stopped.targetRole()).contains(Role.STOPPED);
    Group g = (Group) c.resources().stream().filter(r -> r instanceof Group).findFirst()
        .orElseThrow();
    assertThat(g.managed()).isEmpty();
    assertThat(g.numberResources()).isEqualTo(3);
    assertThat(c.history()).anySatisfy(h -> {
      assertThat(h.resource()).isEqualTo("rsc_SAPHana_PRD_HDB00");
      assertThat(h.failCount()).isEqualTo(OptionalInt.of(ResourceHistory.INFINITY));
    });
  }

  @Test
  void result_shape_3_0_2_fencing_enabled_removed_bundle_bans() throws Exception {
    CrmMon c = parse("3.0.2-cts-basic-bundle-replica-stopped.crm_mon.xml");
    assertThat(c.version()).isEqualTo("2.42");
    assertThat(c.summary().orElseThrow().options().orElseThrow().fencingEnabled()).isTrue();
    Bundle b = (Bundle) c.resources().stream().filter(r -> r instanceof Bundle).findFirst()
        .orElseThrow();
    assertThat(b.type()).isEqualTo(BundleType.DOCKER);
    assertThat(b.image()).isEqualTo("pcmk:http");
    assertThat(b.replicas()).extracting(Bundle.Replica::id).containsExactly(0, 1, 2);
    assertThat(b.replicas().get(2).resources()).allMatch(p -> !p.active());
    Clone inactive = (Clone) c.resources().get(3);
    assertThat(inactive.disabled()).isTrue();
    assertThat(inactive.targetRole()).contains(Role.STOPPED); // "stopped", case-insensitive
    Clone groups = (Clone) c.resources().get(7);
    assertThat(groups.members()).hasSize(5).allMatch(m -> m instanceof Group);
    assertThat(c.nodes().get(2).guestOf()).contains("httpd-bundle-docker-0");
    assertThat(c.nodes().get(2).type()).isEqualTo(NodeType.REMOTE);
    assertThat(c.bans()).singleElement().satisfies(ban -> {
      assertThat(ban.id()).isEqualTo("not-on-cluster1");
      assertThat(ban.weight()).isEqualTo(-1000000);
      assertThat(ban.leftByCrmResource()).isFalse();
    });
  }

  @Test
  void fence_history_both_spellings() throws Exception {
    CrmMon c = parse("fence-history-failed.crm_mon.xml");
    assertThat(c.fenceHistory()).get().satisfies(events -> {
      assertThat(events).extracting(FenceEvent::status)
          .containsExactly(FenceStatus.FAILED, FenceStatus.PENDING);
      assertThat(events.get(0).exitReason()).contains("No fence device");
      assertThat(events.get(0).delegate()).contains("alpha");
    });
    CrmMon l = parse("legacy-fence-history-failed.crm_mon.xml");
    assertThat(l.fenceHistory()).get().extracting(List::size).isEqualTo(1);
    assertThat(l.fenceHistory().get().get(0).status()).isEqualTo(FenceStatus.FAILED);
  }

  @Test
  void disconnected_status_is_kept() throws Exception {
    CrmMon c = parse("status-102-not-connected.crm_mon.xml");
    ResultStatus s = c.status().orElseThrow();
    assertThat(s.code()).isEqualTo(102);
    assertThat(s.message()).isEqualTo("Not connected");
    assertThat(s.errors()).containsExactly("crm_mon: Error: cluster is not available on this node");
    assertThat(s.disconnected()).get().asString().contains("Could not connect to the CIB");
    assertThat(c.summary()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      empty.crm_mon.xml                           | 0  | empty input                                    | NULL
      truncated.crm_mon.xml                       | 18 | malformed XML                                  | <resource id="vip" resource_agent="ocf:heart
      unknown-role-value.crm_mon.xml              | 27 | unknown role                                   | Running
      boolean-yes.crm_mon.xml                     | 13 | attribute 'online' of <node> is not true/false | yes
      unknown-node-type.crm_mon.xml               | 13 | unknown node type                              | guest
      unknown-element.crm_mon.xml                 | 14 | unexpected element in <nodes>                  | witness
      wrong-root-element.crm_mon.xml              | 1  | wrong root element                             | pacemaker-status
      cib-instead-of-crm_mon.crm_mon.xml          | 1  | wrong root element                             | cib
      text-output-instead-of-xml.crm_mon.xml      | 1  | not XML                                        | Cluster Summary:
      doctype-xxe.crm_mon.xml                     | 2  | DOCTYPE not allowed                            | <!DOCTYPE
      nodes-running-on-mismatch.crm_mon.xml       | 27 | does not match                                 | 2
      status-missing.crm_mon.xml                  | 31 | has no <status> element                        | pacemaker-result
      fencing-and-stonith-disagree.crm_mon.xml    | 9  | stonith-enabled disagrees with fencing-enabled | false
      3.0.2-cts-basic-api-version-masked-X.crm_mon.xml | 1 | unsupported api-version                  | X
      """)
  void must_fail_fixtures(String file, int line, String reason, String token) throws Exception {
    String text = fixture(file);
    assertParseError(() -> CrmMonXmlParser.parse(text, file), file, line, reason, token);
  }

  private static final String HEAD = "<pacemaker-result api-version=\"2.25\">\n";
  private static final String TAIL = "  <status code=\"0\" message=\"OK\"/>\n</pacemaker-result>\n";

  private static String node(String attrs) {
    return HEAD + "  <nodes>\n    <node name=\"a\" id=\"1\" online=\"true\" standby=\"false\""
        + " standby_onfail=\"false\" maintenance=\"false\" pending=\"false\" unclean=\"false\""
        + " shutdown=\"false\" expected_up=\"true\" is_dc=\"true\" resources_running=\"0\""
        + " type=\"member\"" + attrs + "/>\n  </nodes>\n" + TAIL;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      unknown attribute       | <pacemaker-result api-version="2.25" color="red"/>                      | 1 | unknown attribute of <pacemaker-result> | color
      api major 3             | <pacemaker-result api-version="3.0"/>                                    | 1 | unsupported api-version                 | 3.0
      legacy bad version      | <crm_mon version="abc"/>                                                 | 1 | unsupported crm_mon version             | abc
      text before root        | x<crm_mon version="2.0.0"/>                                              | 1 | not XML                                 | x<crm_mon version="2.0.0"/>
      status in legacy        | <crm_mon version="2.0.0"><status code="0" message="OK"/></crm_mon>       | 1 | unexpected element in <crm_mon>         | status
      element after status    | <pacemaker-result api-version="2.25"><status code="0" message="OK"/><nodes/></pacemaker-result> | 1 | element after <status> | nodes
      repeated section        | <crm_mon version="2.0.0"><nodes/><nodes/></crm_mon>                      | 1 | repeated section                        | nodes
      text in element         | <crm_mon version="2.0.0"><nodes>hello</nodes></crm_mon>                  | 1 | unexpected text in <nodes>              | hello
      bad status code         | <pacemaker-result api-version="2.25"><status code="x" message="OK"/></pacemaker-result> | 1 | is not an integer | x
      disconnected but ok     | <pacemaker-result api-version="2.25"><crm-mon-disconnected/><status code="0" message="OK"/></pacemaker-result> | 1 | crm-mon-disconnected with status code | 0
      bad no-quorum-policy    | <crm_mon version="2.0.0"><summary><cluster_options stonith-enabled="true" symmetric-cluster="true" no-quorum-policy="panic"/></summary></crm_mon> | 1 | unknown no-quorum-policy | panic
      dc without quorum attr  | <crm_mon version="2.0.0"><summary><current_dc present="true" name="a"/></summary></crm_mon> | 1 | with_quorum missing | current_dc
      bad fence status        | <crm_mon version="2.0.0"><fence_history><fence_event target="a" action="reboot" state="done"/></fence_history></crm_mon> | 1 | unknown fence event status | done
      bad ticket status       | <crm_mon version="2.0.0"><tickets><ticket id="t" status="lost"/></tickets></crm_mon> | 1 | unknown ticket status | lost
      bad bundle type         | <crm_mon version="2.0.0"><resources><bundle id="b" type="lxc" image="i" unique="false" managed="true" failed="false"/></resources></crm_mon> | 1 | unknown bundle type | lxc
      bad target role         | <crm_mon version="2.0.0"><resources><clone id="c" multi_state="false" unique="false" managed="true" failed="false" failure_ignored="false" target_role="Running"/></resources></crm_mon> | 1 | unknown target role | Running
      bad fail-count          | <crm_mon version="2.0.0"><node_history><node name="a"><resource_history id="r" orphan="false" migration-threshold="3" fail-count="-1"/></node></node_history></crm_mon> | 1 | not a non-negative integer | -1
      failure without key     | <crm_mon version="2.0.0"><failures><failure node="a" exitstatus="error" exitreason="" exitcode="1" call="1" status="complete"/></failures></crm_mon> | 1 | exactly one of 'op_key' and 'id' | failure
      truncated root          | <crm_mon version="2.0.0"><nodes>                                         | 1 | malformed XML | <crm_mon version="2.0.0"><nodes>
      """)
  void inline_failures(String name, String xml, int line, String reason, String token) {
    assertParseError(() -> CrmMonXmlParser.parse(xml, "in"), "in", line, reason, token);
  }

  @Test
  void node_attributes_are_strict() {
    assertParseError(() -> CrmMonXmlParser.parse(node(" health=\"blue\""), "n"), "n", 3,
        "unknown node health", "blue");
    assertParseError(() -> CrmMonXmlParser.parse(node(" color=\"blue\""), "n"), "n", 3,
        "unknown attribute of <node>", "color");
    assertParseError(() -> CrmMonXmlParser.parse(node("").replace(" is_dc=\"true\"", ""), "n"),
        "n", 3, "missing attribute 'is_dc'", "node");
  }

  @Test
  void depth_is_bounded() {
    String deep = "<crm_mon version=\"2.0.0\"><node_attributes>" + "<a>".repeat(100)
        + "</a>".repeat(100) + "</node_attributes></crm_mon>";
    assertParseError(() -> CrmMonXmlParser.parse(deep, "d"), "d", 1,
        "nested deeper than", "a");
  }

  /** An external entity that would read a local file (XXE), and one that would fetch a URL. */
  @ParameterizedTest
  @ValueSource(strings = {"SYSTEM \"file:///etc/passwd\"", "SYSTEM \"http://127.0.0.1:9/x\"",
      "PUBLIC \"-//X//Y//EN\" \"file:///etc/hostname\""})
  void external_entities_are_refused_before_anything_is_read(String entity) {
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE crm_mon [\n  <!ENTITY leak " + entity
        + ">\n]>\n<crm_mon version=\"2.0.0\"><summary><stack type=\"&leak;\"/></summary>"
        + "</crm_mon>\n";
    assertParseError(() -> CrmMonXmlParser.parse(xxe, "xxe"), "xxe", 2, "DOCTYPE not allowed",
        "<!DOCTYPE");
  }

  /** Billion laughs: ten levels of ten-fold entity expansion, a gigabyte from one kilobyte. */
  @Test
  void entity_expansion_bombs_are_refused_at_once() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE crm_mon [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    String bomb = dtd.append("]>\n<crm_mon version=\"2.0.0\"><summary><stack type=\"&lol10;\"/>"
        + "</summary></crm_mon>\n").toString();
    assertParseError(() -> CrmMonXmlParser.parse(bomb, "bomb"), "bomb", 1,
        "DOCTYPE not allowed", "<!DOCTYPE");
  }

  @Test
  void entity_reference_without_dtd_is_refused() {
    assertParseError(() -> CrmMonXmlParser.parse(
        "<crm_mon version=\"2.0.0\"><summary><stack type=\"&x;\"/></summary></crm_mon>", "e"),
        "e", 1, "", null);
  }

  @Test
  void documented_sections_without_interest_are_skipped() throws Exception {
    CrmMon c = CrmMonXmlParser.parse("<pacemaker-result api-version=\"2.25\">"
        + "<pacemakerd sys_from=\"x\" state=\"running\" last_updated=\"now\"/>"
        + "<node_attributes><node name=\"a\"><attribute name=\"p\" value=\"1\"/></node>"
        + "</node_attributes><tickets><ticket id=\"t\" status=\"granted\" standby=\"false\""
        + " custom=\"kept\"/></tickets>" + TAIL, "s");
    assertThat(c.pacemakerdState()).contains("running");
    assertThat(c.tickets()).singleElement().extracting(Ticket::status)
        .isEqualTo(Optional.of(TicketStatus.GRANTED));
  }
}
