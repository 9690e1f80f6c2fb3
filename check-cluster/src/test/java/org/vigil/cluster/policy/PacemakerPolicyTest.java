package org.vigil.cluster.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.core.CheckResult;
import org.vigil.core.Finding;
import org.vigil.core.ParseException;
import org.vigil.core.PluginOutput;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/** One test per policy line, on the fixtures that show it, plus every manifest row in-process. */
class PacemakerPolicyTest {
  private static final PacemakerPolicyOptions DEFAULTS = PacemakerPolicyOptions.defaults();

  static CrmMon crm(String file) throws IOException, ParseException {
    return CrmMonXmlParser.parse(
        new String(Fixtures.bytes("cluster", file), StandardCharsets.UTF_8), file);
  }

  static List<Subcheck> eval(String file, PacemakerPolicyOptions o) throws Exception {
    return PacemakerPolicy.evaluate(crm(file), o);
  }

  static Subcheck named(List<Subcheck> subchecks, String name) {
    return subchecks.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError(name + " not in " + subchecks.stream().map(Subcheck::name)
            .toList()));
  }

  static void assertFinding(Subcheck s, State state, String text) {
    assertThat(s.findings()).as(s.name())
        .anySatisfy(f -> {
          assertThat(f.state()).isEqualTo(state);
          assertThat(f.message()).contains(text);
        });
  }

  @Test
  void healthy_cluster_is_ok_with_perfdata() throws Exception {
    List<Subcheck> s = eval("healthy-2-nodes.crm_mon.xml", DEFAULTS);
    assertThat(s).extracting(Subcheck::name)
        .containsExactly("cluster", "node alpha", "node beta", "resources");
    assertThat(s).allMatch(sc -> sc.state() == State.OK);
    assertThat(named(s, "cluster").perfdata()).extracting(p -> p.format()).containsExactly(
        "'nodes online'=2;;;0;2", "'nodes configured'=2;;;0", "'resources active'=4;;;0;4",
        "'resources configured'=4;;;0", "'failed actions'=0;;;0");
    CheckResult r = PacemakerPolicy.result(crm("healthy-2-nodes.crm_mon.xml"), DEFAULTS);
    assertThat(PluginOutput.render(r, 0)).startsWith("CLUSTER OK - partition with quorum, DC alpha");
    assertThat(eval("legacy-1.1.24-healthy.crm_mon.xml", DEFAULTS))
        .allMatch(sc -> sc.state() == State.OK);
  }

  @Test
  void no_quorum_is_critical_and_names_split_brain_with_ignore() throws Exception {
    assertFinding(named(eval("no-quorum-policy-ignore.crm_mon.xml", DEFAULTS), "cluster"),
        State.CRITICAL, "this partition may not run resources, and with no-quorum-policy=ignore");
    assertFinding(named(eval("2.1.5-no-quorum-nodes-unclean.crm_mon.xml", DEFAULTS), "cluster"),
        State.CRITICAL, "partition WITHOUT quorum");
  }

  @Test
  void no_dc_is_critical() throws Exception {
    assertFinding(named(eval("no-dc.crm_mon.xml", DEFAULTS), "cluster"), State.CRITICAL,
        "no DC");
  }

  @Test
  void node_states() throws Exception {
    assertFinding(named(eval("node-offline-expected-up.crm_mon.xml", DEFAULTS), "node beta"),
        State.CRITICAL, "offline although expected up");
    assertFinding(named(eval("node-unclean.crm_mon.xml", DEFAULTS), "node beta"),
        State.CRITICAL, "must be fenced");
    assertFinding(named(eval("2.1.5-node-pending-cluster-maintenance.crm_mon.xml", DEFAULTS),
        "node gcdoubwap02"), State.CRITICAL, "pending");
    assertFinding(named(eval("2.1.5-nodes-standby-fencing-disabled.crm_mon.xml", DEFAULTS),
        "node sapcl02"), State.WARNING, "standby");
    assertFinding(named(eval("2.1.5-no-dc-node-maintenance.crm_mon.xml", DEFAULTS),
        "node node2"), State.WARNING, "maintenance");
    assertFinding(named(eval("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml", DEFAULTS),
        "node pcmk-4"), State.WARNING, "offline");
  }

  @Test
  void resource_states() throws Exception {
    List<Subcheck> s = eval("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml", DEFAULTS);
    assertFinding(named(s, "resource rsc_pcmk-2"), State.CRITICAL, "rsc_pcmk-2 failed on pcmk-1");
    assertFinding(named(s, "resource rsc_pcmk-2"), State.CRITICAL, "blocked");
    assertFinding(named(s, "resource rsc_pcmk-2"), State.WARNING, "unmanaged");
    assertFinding(named(s, "resource rsc_pcmk-3"), State.CRITICAL,
        "stopped although its target role is Started");
    assertFinding(named(s, "resource rsc_pcmk-2"), State.WARNING,
        "failed action rsc_pcmk-2 monitor (every 5000ms) on pcmk-1: error");
    assertFinding(named(eval("2.1.5-group-multiply-active-blocked.crm_mon.xml", DEFAULTS),
        "resource dgroup"), State.CRITICAL, "multiply active");
    assertFinding(named(eval("2.1.5-no-quorum-clone-failed-fencing-stopped.crm_mon.xml",
        DEFAULTS), "resource Fencing"), State.CRITICAL, "no fencing device is running");
    assertFinding(named(eval("2.1.5-no-quorum-clone-failed-fencing-stopped.crm_mon.xml",
        DEFAULTS), "resource dlm-clone"), State.CRITICAL, "stopped everywhere");
    assertFinding(named(eval("2.1.5-orphaned-resource-fencing-disabled.crm_mon.xml", DEFAULTS),
        "resource rsc_c001n08"), State.WARNING, "orphaned");
    assertFinding(named(eval("3.0.2-cts-basic-bundle-replica-stopped.crm_mon.xml", DEFAULTS),
        "resource httpd-bundle"), State.WARNING, "replica 2 stopped");
  }

  @Test
  void disabled_resources_and_clone_spares_are_not_problems() throws Exception {
    List<Subcheck> s = eval("resource-stopped-target-started.crm_mon.xml", DEFAULTS);
    assertThat(s).extracting(Subcheck::name).doesNotContain("resource db");
    List<Subcheck> basic = eval("3.0.2-cts-basic-bundle-replica-stopped.crm_mon.xml", DEFAULTS);
    assertThat(basic).extracting(Subcheck::name)
        .doesNotContain("resource inactive-clone", "resource inactive-group",
            "resource mysql-clone-group", "resource promotable-clone");
  }

  @Test
  void ignore_resource_removes_resource_findings() throws Exception {
    PacemakerPolicyOptions o = DEFAULTS.withIgnoreResource("dummy-.*");
    assertThat(eval("resource-stopped-target-started.crm_mon.xml", o))
        .allMatch(sc -> sc.state() == State.OK);
    List<Subcheck> s = eval("2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml",
        DEFAULTS.withIgnoreResource("rsc_pcmk-[1-5]"));
    assertThat(s).extracting(Subcheck::name).noneMatch(n -> n.startsWith("resource "));
  }

  @Test
  void failcounts() throws Exception {
    assertFinding(named(eval("failcount-2.crm_mon.xml", DEFAULTS), "resource vip"),
        State.WARNING, "vip fail-count 2 on beta");
    assertThat(eval("failcount-2.crm_mon.xml", DEFAULTS.withFailcountWarn(3)))
        .allMatch(sc -> sc.state() == State.OK);
    assertFinding(named(eval("failcount-near-migration-threshold.crm_mon.xml",
        DEFAULTS.withFailcountWarn(5)), "resource vip"), State.WARNING, "one more failure");
    assertFinding(named(eval("failcount-infinity-reached.crm_mon.xml", DEFAULTS),
        "resource vip"), State.CRITICAL, "reached migration-threshold 3");
  }

  @Test
  void cluster_options() throws Exception {
    assertFinding(named(eval("cluster-maintenance-mode.crm_mon.xml", DEFAULTS), "cluster"),
        State.WARNING, "maintenance mode");
    assertThat(eval("cluster-maintenance-mode.crm_mon.xml", DEFAULTS)).extracting(Subcheck::name)
        .noneMatch(n -> n.startsWith("resource "));
    assertFinding(named(eval("fencing-enabled-false-3.0.2.crm_mon.xml", DEFAULTS), "cluster"),
        State.WARNING, "split brain or a hung node cannot be resolved safely");
  }

  @Test
  void fencing_history() throws Exception {
    Subcheck c = named(eval("fence-history-failed.crm_mon.xml", DEFAULTS), "cluster");
    assertFinding(c, State.CRITICAL, "fencing of beta (reboot) failed");
    assertFinding(c, State.WARNING, "fencing of gamma (off), requested by alpha pending");
  }

  @Test
  void bans_only_with_warn_bans_and_only_cli_ids() throws Exception {
    assertThat(eval("cli-ban-left-over.crm_mon.xml", DEFAULTS))
        .allMatch(sc -> sc.state() == State.OK);
    Subcheck r = named(eval("cli-ban-left-over.crm_mon.xml", DEFAULTS.withWarnBans(true)),
        "resource vip");
    assertThat(r.findings()).extracting(Finding::message).singleElement().asString()
        .contains("cli-ban-vip-on-beta").doesNotContain("not-on-gamma");
  }

  @Test
  void expect_nodes() throws Exception {
    assertThat(eval("healthy-2-nodes.crm_mon.xml", DEFAULTS.withExpectNodes(2)))
        .allMatch(sc -> sc.state() == State.OK);
    assertFinding(named(eval("healthy-2-nodes.crm_mon.xml", DEFAULTS.withExpectNodes(3)),
        "cluster"), State.CRITICAL, "only 2 of 3 expected cluster nodes online");
  }

  @Test
  void non_zero_status_is_unknown_with_the_message() throws Exception {
    List<Subcheck> s = eval("status-102-not-connected.crm_mon.xml", DEFAULTS);
    assertThat(s).singleElement().satisfies(sc -> {
      assertThat(sc.state()).isEqualTo(State.UNKNOWN);
      assertThat(sc.name()).isEqualTo("crm_mon");
      assertThat(sc.findings().get(0).message()).startsWith("Not connected (102)");
    });
  }

  // ---------------------------------------------------------------- every manifest row

  static Stream<FixtureCase> rows() {
    return Fixtures.manifest("cluster").stream();
  }

  /**
   * The manifest rows through parser, policy and renderer (the CLI's harness does the same with
   * the real command line); a parse error is rendered as the CLI does, "CLUSTER UNKNOWN - msg".
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void manifest_row(FixtureCase c) throws IOException {
    PacemakerPolicyOptions o = DEFAULTS;
    List<String> args = new ArrayList<>(c.args());
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--expect-nodes" -> o = o.withExpectNodes(Integer.parseInt(args.get(++i)));
        case "--failcount-warn" -> o = o.withFailcountWarn(Integer.parseInt(args.get(++i)));
        case "--ignore-resource" -> o = o.withIgnoreResource(args.get(++i));
        case "--warn-bans" -> o = o.withWarnBans(true);
        default -> throw new AssertionError("unknown arg " + args.get(i));
      }
    }
    String out;
    try {
      CrmMon crm = CrmMonXmlParser.parse(
          new String(Fixtures.bytes("cluster", c.file()), StandardCharsets.UTF_8), c.file());
      out = PluginOutput.render(PacemakerPolicy.result(crm, o), 0);
    } catch (ParseException e) {
      out = PluginOutput.single(PacemakerPolicy.SERVICE, State.UNKNOWN, e.getMessage());
    }
    assertThat(out).startsWith("CLUSTER " + c.status() + " - ");
    for (String f : c.fragments()) {
      assertThat(out).as(c.toString()).contains(f);
    }
  }
}
