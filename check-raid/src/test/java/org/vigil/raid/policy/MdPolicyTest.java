package org.vigil.raid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.Finding;
import org.vigil.core.PerfData;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.raid.md.MdFixtures;
import org.vigil.raid.md.MdSysfs;
import org.vigil.raid.md.MdSysfsReader;
import org.vigil.raid.md.MdadmDetail;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;

/** One test per policy line, on parsed fixtures: the subcheck's state and message fragments. */
class MdPolicyTest {
  private static final MdPolicyOptions DEFAULTS = MdPolicyOptions.defaults();

  private static List<Subcheck> mdstat(String file) throws Exception {
    return mdstat(file, Map.of(), DEFAULTS);
  }

  private static List<Subcheck> mdstat(String file, Map<String, MdSysfs> sysfs,
      MdPolicyOptions options) throws Exception {
    return MdPolicy.evaluate(Optional.of(MdFixtures.mdstat(file)), List.of(), sysfs, options);
  }

  private static List<Subcheck> detail(String file) throws Exception {
    return MdPolicy.evaluate(
        Optional.empty(), List.of(MdFixtures.detail(file)), Map.of(), DEFAULTS);
  }

  private static Map<String, MdSysfs> sysfs(String scenario) throws Exception {
    return new MdSysfsReader().read(MdFixtures.sysfs(scenario));
  }

  private static Subcheck get(List<Subcheck> subchecks, String name) {
    return subchecks.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError(name + " not in " + subchecks));
  }

  private static String messages(Subcheck s) {
    return s.findings().stream().map(Finding::message).collect(Collectors.joining(" | "));
  }

  private static void expect(Subcheck s, State state, String... fragments) {
    assertThat(s.state()).as(s.name() + ": " + messages(s)).isEqualTo(state);
    for (String f : fragments) {
      assertThat(messages(s)).as(s.name()).contains(f);
    }
  }

  static Stream<Arguments> policyLines() {
    return Stream.of(
        // CRITICAL
        Arguments.of("degraded, no recovery, redundancy lost",
            "raid1-member-vanished-and-recovery.mdstat", "md1", State.CRITICAL,
            List.of("degraded: 1 of 2 members missing and no recovery"
                + " running, redundancy lost: another disk failure loses data")),
        Arguments.of("degraded, no recovery, redundancy reduced", "raid6-member-F-5of4.mdstat",
            "md0", State.CRITICAL, List.of("1 of 5 members missing and no recovery running,"
                + " redundancy reduced (survives 1 more disk failure)")),
        Arguments.of("raid10 near sets lose their mirror", "raid10-6of4-two-removed.mdstat", "md0",
            State.CRITICAL, List.of("2 of 6 members missing", "redundancy lost")),
        Arguments.of("faulty member named", "raid5-3of2-member-F-degraded.mdstat", "md0",
            State.CRITICAL, List.of("faulty member sdc1 (F): it was kicked out of the array")),
        Arguments.of("faulty write-mostly member", "raid1-writemostly-member-faulty_W-F.mdstat",
            "md0", State.CRITICAL, List.of("faulty member sdb1 (F)")),
        Arguments.of("failed journal", "raid5-journal-faulty_J-F.mdstat", "md0", State.CRITICAL,
            List.of("journal device nvme0n1p1 faulty (J)(F)")),
        Arguments.of("inactive, not a container", "inactive-array-and-imsm-container.mdstat",
            "md1", State.CRITICAL, List.of("inactive: the array is not running, its data is not"
                + " available (members sdd1, sde1, sdc1)")),
        Arguments.of("broken raid0", "raid0-and-raid1-broken.mdstat", "md127", State.CRITICAL,
            List.of("broken: a member of this raid0 array failed or is missing")),
        Arguments.of("broken raid1", "raid0-and-raid1-broken.mdstat", "md0", State.CRITICAL,
            List.of("broken: a member of this raid1 array", "redundancy lost")),
        Arguments.of("recovery with no redundancy left (raid1 [2/1])",
            "raid1-2of1-recovery-29pct_white.mdstat", "md126", State.CRITICAL,
            List.of("degraded, recovery 29.2% done, about 212.1 min left: 1 of 2 members"
                + " missing, no redundancy until it completes: another disk failure loses data")),
        Arguments.of("recovery with no redundancy left (raid6 [6/4])",
            "raid6-6of4-recovery-no-redundancy_reindented.mdstat", "md0", State.CRITICAL,
            List.of("2 of 6 members missing, no redundancy until it completes")),
        Arguments.of("reshape of a degraded array with no redundancy left",
            "raid6-super091-reshape-6of4-two-spares.mdstat", "md0", State.CRITICAL,
            List.of("degraded, reshape 48.4% done", "no redundancy until it completes")),
        Arguments.of("DELAYED on a degraded array is as bad as degraded",
            "raid1-degraded-resync-DELAYED-and-recovery.mdstat", "md1", State.CRITICAL,
            List.of("no recovery running", "its recovery is queued (resync=DELAYED)")),
        // WARNING
        Arguments.of("degraded, recovering, redundancy left",
            "raid6-6of5-recovery-after-readd.mdstat", "md0", State.WARNING,
            List.of("degraded, recovery 0.2% done, about 1638.2 min left: 1 of 6 members"
                + " missing, less redundancy until it completes (survives 1 more disk failure)")),
        Arguments.of("degraded, reshaping r5 to r6", "raid6-reshape-r5to6-4of3_bitmap.mdstat",
            "md127", State.WARNING, List.of("degraded, reshape 0.0% done", "survives 1 more")),
        Arguments.of("recovery on a cluster peer", "cluster-resync-recover-reshape-REMOTE.mdstat",
            "md1", State.WARNING, List.of("recovery running on another cluster node"
                + " (recover=REMOTE)", "1 of 3 members missing")),
        Arguments.of("resync on a cluster peer", "cluster-resync-recover-reshape-REMOTE.mdstat",
            "md0", State.WARNING,
            List.of("resync running on another cluster node (resync=REMOTE)")),
        Arguments.of("reshape on a cluster peer", "cluster-resync-recover-reshape-REMOTE.mdstat",
            "md2", State.WARNING, List.of("reshape running on another cluster node"
                + " (reshape=REMOTE)")),
        Arguments.of("resync running", "raid1-two-resyncs-running.mdstat", "md2", State.WARNING,
            List.of("resync 11.2% done, about 197.2 min left; until it completes")),
        Arguments.of("reshape running", "four-arrays-resync-recovery-check-reshape.mdstat", "md3",
            State.WARNING, List.of("reshape 37.2% done, about 52.1 min left; the array's layout"
                + " is being changed")),
        Arguments.of("resync=DELAYED on a healthy array",
            "raid1-resync-DELAYED-and-check_bitmap.mdstat", "md1", State.WARNING,
            List.of("resync queued (resync=DELAYED) behind another array on the same disks")),
        Arguments.of("resync=PENDING", "raid1-auto-read-only-resync-PENDING.mdstat", "md127",
            State.WARNING, List.of("resync pending (resync=PENDING)")),
        Arguments.of("read-only", "raid1-read-only.mdstat", "md0", State.WARNING,
            List.of("read-only: writes to the array fail")),
        Arguments.of("replacement (R)", "raid1-replacement-recovery_R.mdstat", "md0",
            State.WARNING, List.of("replacement in progress: sdc1 (R)", "recovery 21.4% done")),
        Arguments.of("failed spare on a full array", "raid1-failed-spare-F-on-full-array_bitmap"
            + ".mdstat", "md1", State.WARNING, List.of("failed spare: sdh1 marked faulty (F)"
                + " while all 5 slots are in sync")),
        // OK
        Arguments.of("all in sync with spare", "raid1-healthy-writemostly-spare.mdstat", "md0",
            State.OK, List.of()),
        Arguments.of("check running on a healthy array", "raid1-check-running-98pct.mdstat", "md2",
            State.OK, List.of("check 98.3% done, about 81.7 min left")),
        Arguments.of("auto-read-only without --warn-read-only",
            "raid1-auto-read-only-next-to-active.mdstat", "md1", State.OK,
            List.of("auto-read-only: switches to read-write at the first write")),
        Arguments.of("imsm container", "imsm-member-raid0-and-container.mdstat", "md127",
            State.OK, List.of("container of imsm metadata")),
        Arguments.of("ddf container", "ddf-member-raid1-and-container.mdstat", "md127", State.OK,
            List.of("container of ddf metadata")),
        Arguments.of("raid0 active", "imsm-member-raid0-and-container.mdstat", "md126", State.OK,
            List.of()),
        Arguments.of("linear active", "linear-and-raid1_super090.mdstat", "md0", State.OK,
            List.of()),
        Arguments.of("raid10 far/offset layouts", "raid10-far-offset-copies-devices-per-set.mdstat",
            "md2", State.OK, List.of()),
        Arguments.of("journal in sync", "raid5-journal-healthy_J.mdstat", "md0", State.OK,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyLines")
  void mdstat_policy_line(String line, String file, String array, State state,
      List<String> fragments) throws Exception {
    expect(get(mdstat(file), array), state, fragments.toArray(String[]::new));
  }

  static Stream<Arguments> detailLines() {
    return Stream.of(
        Arguments.of("FAILED and Not Started", "raid1-active-FAILED-NotStarted_no-personality"
            + ".detail", "md0", State.CRITICAL, List.of("FAILED (mdadm --detail): too few members"
                + " work to run the array", "Not Started (mdadm --detail): the array is assembled"
                + " but not running")),
        Arguments.of("removed and faulty rows", "raid1-clean-degraded-faulty-removed.detail",
            "md127", State.CRITICAL, List.of("1 of 2 members missing (slot 1 removed) and no"
                + " recovery running", "faulty member /dev/sdc1")),
        Arguments.of("faulty spare of old mdadm", "raid1-clean-degraded-faulty-spare_old-mdadm"
            + ".detail", "md0", State.CRITICAL, List.of("faulty member /dev/sdb1")),
        Arguments.of("resyncing (DELAYED) on a degraded array",
            "raid1-clean-degraded-resyncing-DELAYED.detail", "md2", State.CRITICAL,
            List.of("no recovery running", "queued (DELAYED)")),
        Arguments.of("FAILED, resyncing (DELAYED)", "raid6-clean-FAILED-resyncing-DELAYED.detail",
            "md3", State.CRITICAL, List.of("FAILED", "faulty members /dev/sdc2, /dev/sde2")),
        Arguments.of("recovering raid1 [2/1]", "raid1-clean-degraded-recovering-10pct.detail",
            "md127", State.CRITICAL, List.of("degraded, recovery 10% done: 1 of 2 members"
                + " missing, no redundancy until it completes")),
        Arguments.of("State broken", "raid0-state-broken.detail", "md127", State.CRITICAL,
            List.of("broken: a member of this raid0 array")),
        Arguments.of("State suspended", "raid0-state-suspended.detail", "md9", State.CRITICAL,
            List.of("suspended: I/O to the array is blocked")),
        Arguments.of("State clear", "raid0-state-clear.detail", "md4", State.CRITICAL,
            List.of("clear: the array has no configuration")),
        Arguments.of("State inactive", "raid5-state-inactive_no-raid-devices.detail", "md1",
            State.CRITICAL, List.of("inactive: the array is not running")),
        Arguments.of("recovering (REMOTE) with a leg left",
            "raid1-3way-clean-degraded-recovering-REMOTE_cluster.detail", "md0", State.WARNING,
            List.of("recovery running on another cluster node (REMOTE)", "survives 1 more")),
        Arguments.of("recovering raid6 with one missing",
            "raid6-clean-degraded-recovering_r5to6.detail", "md0", State.WARNING,
            List.of("degraded, recovery 18% done (Reshape Status)")),
        Arguments.of("resyncing", "raid1-active-resyncing-47pct.detail", "md0", State.WARNING,
            List.of("resync running 47% done")),
        Arguments.of("resyncing (PENDING)", "raid1-active-resyncing-PENDING.detail", "md127",
            State.WARNING, List.of("resync pending (PENDING)")),
        Arguments.of("reshaping", "raid5-active-reshaping-grow4to5.detail", "md3", State.WARNING,
            List.of("reshape running 56% done")),
        Arguments.of("State readonly", "raid0-state-readonly.detail", "md5", State.WARNING,
            List.of("read-only")),
        Arguments.of("failed spare on a full array",
            "raid1-clean-failed-spare-on-full-array.detail", "md1", State.WARNING,
            List.of("failed spare: /dev/sdh1")),
        Arguments.of("replacement", "raid1-clean-recovering-replacement.detail", "md0",
            State.WARNING, List.of("replacement in progress: /dev/sdc1", "21% done")),
        Arguments.of("checking", "raid1-clean-checking-1pct.detail", "md4", State.OK,
            List.of("check running 1% done")),
        Arguments.of("container", "imsm-container.detail", "md127", State.OK,
            List.of("container of imsm metadata")),
        Arguments.of("imsm member", "imsm-member-raid0-clean.detail", "md126", State.OK,
            List.of()),
        Arguments.of("read-auto", "linear-state-read-auto.detail", "md6", State.OK,
            List.of("auto-read-only")),
        Arguments.of("write-pending is transient", "raid0-states-write-pending-and-active-idle"
            + ".detail", "md7", State.OK, List.of()),
        Arguments.of("writemostly, failfast, spare", "raid1-writemostly-failfast-spare-missing-path"
            + ".detail", "md10", State.OK, List.of()),
        Arguments.of("journal row", "raid5-clean-journal-device.detail", "md0", State.OK,
            List.of()),
        Arguments.of("scan: INACTIVE-ARRAY", "scan-verbose-active-and-INACTIVE-ARRAY.detail",
            "md1", State.CRITICAL, List.of("inactive (INACTIVE-ARRAY in mdadm --detail --scan)")),
        Arguments.of("scan: no health information", "scan-verbose-active-and-INACTIVE-ARRAY.detail",
            "md0", State.UNKNOWN, List.of("says nothing about its health")),
        Arguments.of("scan: container", "scan-imsm-container-and-member.detail", "md/imsm0",
            State.OK, List.of("container of imsm metadata")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("detailLines")
  void detail_policy_line(String line, String file, String array, State state,
      List<String> fragments) throws Exception {
    expect(get(detail(file), array), state, fragments.toArray(String[]::new));
  }

  @Test
  void warn_read_only_turns_auto_read_only_into_a_warning() throws Exception {
    List<Subcheck> s = mdstat("raid1-auto-read-only-two-of-three.mdstat", Map.of(),
        new MdPolicyOptions(List.of(), true));
    expect(get(s, "md2"), State.WARNING, "auto-read-only: not written since assembly, switches"
        + " to read-write at the first write (--warn-read-only)");
    expect(get(s, "md1"), State.OK);
  }

  @Test
  void sysfs_mismatch_cnt_repair_frozen_suspended_and_disagreement() throws Exception {
    expect(get(mdstat("raid1-two-arrays-healthy.mdstat", sysfs("mismatch"), DEFAULTS), "md0"),
        State.WARNING, "the periodic check found 256 inconsistent sectors (mismatch_cnt 256)");
    List<Subcheck> repair = mdstat("raid1-two-resyncs-running.mdstat", sysfs("repair"), DEFAULTS);
    expect(get(repair, "md2"), State.OK, "repair 11.2% done");
    assertThat(get(repair, "md2").summary()).contains("repair 11.2%");
    expect(get(mdstat("raid1-two-arrays-healthy.mdstat", sysfs("frozen"), DEFAULTS), "md0"),
        State.WARNING, "sync_action frozen");
    expect(get(mdstat("raid1-two-arrays-healthy.mdstat", sysfs("suspended"), DEFAULTS), "md0"),
        State.CRITICAL, "suspended: I/O to the array is blocked");
    expect(get(mdstat("raid1-two-arrays-healthy.mdstat", sysfs("degraded-disagrees"), DEFAULTS),
        "md1"), State.WARNING, "sysfs reports 1 missing member but /proc/mdstat shows 0");
    List<Subcheck> healthy = mdstat("raid1-two-arrays-healthy.mdstat", sysfs("healthy"), DEFAULTS);
    // md9 is only in sysfs (array_state clear): not an array mdstat knows, so not reported
    assertThat(healthy).extracting(Subcheck::name).containsExactly("md0", "md1");
    assertThat(healthy).allMatch(s -> s.state() == State.OK);
    List<Subcheck> inactive = mdstat("inactive-array-and-imsm-container.mdstat",
        sysfs("inactive"), DEFAULTS);
    expect(get(inactive, "md127"), State.OK);
    assertThat(get(inactive, "md1").findings()).hasSize(1);
  }

  @Test
  void summary_and_perfdata() throws Exception {
    Subcheck s = get(mdstat("raid1-healthy-writemostly-spare.mdstat"), "md0");
    assertThat(s.summary()).isEqualTo("raid1 active [2/2] [UU], super 1.2, 1 spare");
    assertThat(s.perfdata()).extracting(PerfData::format)
        .containsExactly("'md0_degraded'=0;;;0;2");
    Subcheck r = get(mdstat("raid1-2of1-recovery-29pct_white.mdstat"), "md126");
    assertThat(r.summary()).isEqualTo("raid1 active [2/1] [_U], super 0.90, recovery 29.2%");
    assertThat(r.perfdata()).extracting(PerfData::format)
        .containsExactly("'md126_degraded'=1;;;0;2", "'md126_sync'=29.2%;;;0;100");
    Subcheck m = get(mdstat("raid1-two-arrays-healthy.mdstat", sysfs("mismatch"), DEFAULTS),
        "md0");
    assertThat(m.perfdata()).extracting(PerfData::format)
        .containsExactly("'md0_degraded'=0;;;0;2", "'md0_mismatch_cnt'=256;;;0");
    assertThat(get(mdstat("imsm-member-raid0-and-container.mdstat"), "md127").summary())
        .isEqualTo("container, super external:imsm, 2 members");
    assertThat(get(mdstat("imsm-member-raid0-and-container.mdstat"), "md127").perfdata())
        .isEmpty();
    assertThat(get(mdstat("raid1-bitmap-and-raid0_centos6.mdstat"), "md1").summary())
        .isEqualTo("raid0 active, 2 members, super 1.1, 512k chunks");
    assertThat(get(detail("raid1-clean-degraded-recovering-30pct_old-mdadm.detail"), "md126")
        .summary()).isEqualTo("raid1 clean, degraded, recovering, 1/2 active, 1 spare,"
            + " version 0.90, rebuild 30%");
  }

  @Test
  void selection_by_name_and_device_and_absent_arrays() throws Exception {
    List<Subcheck> s = mdstat("raid1-check-running-98pct.mdstat", Map.of(),
        new MdPolicyOptions(List.of("/dev/md2", "md2", "md0", "/dev/md7"), false));
    assertThat(s).extracting(Subcheck::name).containsExactly("md2", "md0", "md7");
    expect(s.get(2), State.CRITICAL, "selected array not found in /proc/mdstat");
    assertThat(s.get(2).summary()).isEqualTo("absent");
  }

  @Test
  void no_arrays_gives_no_subchecks() throws Exception {
    assertThat(mdstat("no-arrays.mdstat")).isEmpty();
    assertThat(MdPolicy.evaluate(Optional.empty(), List.of(), Map.of(), DEFAULTS)).isEmpty();
  }

  @Test
  void mdstat_and_detail_together_detail_adds_failed_and_not_started() throws Exception {
    Mdstat m = new MdstatParser().parse("Personalities : [raid1] \n"
        + "md0 : active raid1 sdc[1] sda[0]\n      1022976 blocks super 1.2 [2/2] [UU]\n\n"
        + "unused devices: <none>\n", "mdstat");
    MdadmDetail d = MdFixtures.detail("raid1-active-FAILED-NotStarted_no-personality.detail");
    Subcheck s = MdPolicy.evaluate(Optional.of(m), List.of(d), Map.of(), DEFAULTS).get(0);
    expect(s, State.CRITICAL, "FAILED (mdadm --detail)", "Not Started (mdadm --detail)");
    assertThat(s.summary()).startsWith("raid1 active [2/2] [UU]");
  }

  @Test
  void mdstat_and_detail_together_do_not_repeat_the_degraded_verdict() throws Exception {
    Mdstat m = MdFixtures.mdstat("raid1-2of1-recovery-29pct_white.mdstat");
    MdadmDetail d = MdFixtures.detail("raid1-clean-degraded-recovering-30pct_old-mdadm.detail");
    List<Subcheck> s = MdPolicy.evaluate(Optional.of(m), List.of(d), Map.of(), DEFAULTS);
    Subcheck md126 = get(s, "md126");
    assertThat(md126.findings()).hasSize(1);
    expect(md126, State.CRITICAL, "recovery 29.2% done");
    assertThat(md126.details()).anyMatch(l -> l.startsWith("mdadm --detail: State clean,"
        + " degraded, recovering"));
    assertThat(md126.perfdata()).extracting(PerfData::label)
        .containsExactly("md126_degraded", "md126_sync");
  }

  @Test
  void a_recovery_that_cannot_fill_an_empty_slot_is_critical() throws Exception {
    // raid6 [6/4]: one slot is being recovered (sdf1), the other has no device at all
    Mdstat m = new MdstatParser().parse("Personalities : [raid6] [raid5] [raid4] \n"
        + "md0 : active raid6 sdf1[5] sde1[4] sdc1[2] sdb1[1] sda1[0]\n"
        + "      7813529600 blocks super 1.2 level 6, 512k chunk, algorithm 2 [6/4] [UUU_U_]\n"
        + "      [>....................]  recovery =  1.0% (19533824/1953382400)"
        + " finish=300.0min speed=107000K/sec\n\n"
        + "unused devices: <none>\n", "mdstat");
    // raid6 with 2 missing has no redundancy left anyway; use raid1 x4 to isolate the rule
    Mdstat four = new MdstatParser().parse("Personalities : [raid1] \n"
        + "md1 : active raid1 sdd1[4] sdc1[2] sda1[0]\n"
        + "      976630464 blocks super 1.2 [4/2] [U_U_]\n"
        + "      [>....................]  recovery =  1.0% (9766304/976630464)"
        + " finish=90.0min speed=180000K/sec\n\n"
        + "unused devices: <none>\n", "mdstat");
    expect(MdPolicy.evaluate(Optional.of(m), List.of(), Map.of(), DEFAULTS).get(0),
        State.CRITICAL, "no redundancy until it completes");
    expect(MdPolicy.evaluate(Optional.of(four), List.of(), Map.of(), DEFAULTS).get(0),
        State.CRITICAL, "2 of 4 members missing, 1 of them with no device to rebuild onto: the"
            + " array stays degraded after the recovery");
  }

  @Test
  void sysfs_alone_is_evaluated_when_no_other_source_is_given() throws Exception {
    Map<String, MdSysfs> sys = Map.of(
        "md0", new MdSysfs("md0", java.util.OptionalLong.of(0),
            Optional.of(org.vigil.raid.md.SysfsSyncAction.RECOVER), java.util.OptionalInt.of(1),
            Optional.of(org.vigil.raid.md.ArrayState.ACTIVE)),
        "md1", new MdSysfs("md1", java.util.OptionalLong.empty(),
            Optional.of(org.vigil.raid.md.SysfsSyncAction.CHECK), java.util.OptionalInt.of(0),
            Optional.of(org.vigil.raid.md.ArrayState.CLEAN)),
        "md9", new MdSysfs("md9", java.util.OptionalLong.empty(), Optional.empty(),
            java.util.OptionalInt.empty(), Optional.of(org.vigil.raid.md.ArrayState.CLEAR)));
    List<Subcheck> s = MdPolicy.evaluate(Optional.empty(), List.of(),
        new java.util.TreeMap<>(sys), DEFAULTS);
    assertThat(s).extracting(Subcheck::name).containsExactly("md0", "md1");
    expect(s.get(0), State.CRITICAL, "degraded: sysfs reports 1 missing member, recover running");
    expect(s.get(1), State.OK, "check running (sysfs sync_action)");
  }

  @Test
  void every_corpus_and_hand_written_fixture_that_parses_evaluates() throws Exception {
    java.nio.file.Path dir = org.vigil.fixtures.Fixtures.root().resolve("mdadm");
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        String f = p.getFileName().toString();
        try {
          if (f.endsWith(".mdstat")) {
            MdPolicy.evaluate(Optional.of(MdFixtures.mdstat(f)), List.of(), Map.of(), DEFAULTS);
          } else if (f.endsWith(".detail")) {
            MdPolicy.evaluate(Optional.empty(), List.of(MdFixtures.detail(f)), Map.of(),
                DEFAULTS);
          }
        } catch (org.vigil.core.ParseException expected) {
          // must-fail fixtures
        }
      }
    }
  }
}
