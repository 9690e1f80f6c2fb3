package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.PerfData.Unit;

class PluginOutputTest {

  private static Subcheck subcheck(String name, String summary, Finding... findings) {
    return new Subcheck(name, summary, List.of(findings), List.of(), List.of());
  }

  private static PerfData oos(String resource, double bytes) {
    return PerfData.of(resource + " oos", bytes, Unit.BYTES);
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  @Test
  void singleOkSubcheck() {
    Subcheck drbd0 =
        new Subcheck(
            "drbd0", "Connected Primary/Secondary UpToDate/UpToDate",
            List.of(Finding.ok("disk UpToDate")), List.of("protocol C"),
            List.of(oos("drbd0", 0)));
    CheckResult result = new CheckResult("DRBD", List.of(drbd0), "1 resource healthy");

    assertThat(result.state()).isEqualTo(State.OK);
    assertThat(PluginOutput.render(result, 0))
        .isEqualTo(
            "DRBD OK - 1 resource healthy | 'drbd0 oos'=0B\n"
                + "[OK] drbd0: Connected Primary/Secondary UpToDate/UpToDate - disk UpToDate\n");
  }

  @Test
  void firstLineListsCriticalThenWarningThenUnknownWhateverTheSubcheckOrder() {
    Thresholds crit1 = new Thresholds(Optional.empty(), Optional.of(Range.parse("1")));
    List<Subcheck> subchecks =
        List.of(
            new Subcheck("r0", "StandAlone", List.of(Finding.unknown("state 'Foo' not understood")),
                List.of(), List.of(oos("r0", 0))),
            new Subcheck("r1", "SyncSource",
                List.of(Finding.ok("disk UpToDate"), Finding.warning("resync 42.4% done")),
                List.of(), List.of(oos("r1", 1024))),
            subcheck("r2", "Connected"),
            new Subcheck("r3", "WFConnection", List.of(Finding.critical("peer disk DUnknown")),
                List.of(), List.of(oos("r3", 0).withThresholds(crit1))));
    CheckResult result = new CheckResult("DRBD", subchecks, "all resources healthy");

    assertThat(result.state()).isEqualTo(State.CRITICAL);
    assertThat(PluginOutput.render(result, 0))
        .isEqualTo(
            "DRBD CRITICAL - r3: peer disk DUnknown; r1: resync 42.4% done;"
                + " r0: state 'Foo' not understood"
                + " | 'r0 oos'=0B 'r1 oos'=1024B 'r3 oos'=0B;;1\n"
                + "[UNKNOWN] r0: StandAlone - state 'Foo' not understood\n"
                + "[WARNING] r1: SyncSource - resync 42.4% done; disk UpToDate\n"
                + "[OK] r2: Connected\n"
                + "[CRITICAL] r3: WFConnection - peer disk DUnknown\n");
  }

  @Test
  void problemsOfOneSubcheckAreWorstFirstOnBothLines() {
    CheckResult result =
        new CheckResult(
            "RAID",
            List.of(
                subcheck("md0", "raid1 [UU]", Finding.warning("w1"), Finding.unknown("u1"),
                    Finding.ok("fine"), Finding.critical("c1"), Finding.warning("w2")),
                subcheck("md1", "raid1 [U_]", Finding.critical("c2"))),
            "all arrays healthy");

    assertThat(PluginOutput.render(result, 0))
        .isEqualTo(
            "RAID CRITICAL - md0: c1; md1: c2; md0: w1 (+2 more)\n"
                + "[CRITICAL] md0: raid1 [UU] - c1; w1; w2; u1; fine\n"
                + "[CRITICAL] md1: raid1 [U_] - c2\n");
  }

  @ParameterizedTest(name = "{0} problems")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | RAID WARNING - d1: degraded",
        "2 | RAID WARNING - d1: degraded; d2: degraded",
        "3 | RAID WARNING - d1: degraded; d2: degraded; d3: degraded",
        "4 | RAID WARNING - d1: degraded; d2: degraded; d3: degraded (+1 more)",
        "7 | RAID WARNING - d1: degraded; d2: degraded; d3: degraded (+4 more)",
      })
  void atMostThreeProblemsOnTheFirstLine(int problems, String firstLine) {
    List<Subcheck> subchecks = new ArrayList<>();
    StringBuilder longOutput = new StringBuilder();
    for (int i = 1; i <= problems; i++) {
      subchecks.add(subcheck("d" + i, "raid1", Finding.warning("degraded")));
      longOutput.append("[WARNING] d").append(i).append(": raid1 - degraded\n");
    }
    CheckResult result = new CheckResult("RAID", subchecks, "all arrays healthy");

    assertThat(PluginOutput.render(result, 0)).isEqualTo(firstLine + "\n" + longOutput);
  }

  @Test
  void moreCountsFindingsNotSubchecks() {
    CheckResult result =
        new CheckResult(
            "RAID",
            List.of(subcheck("md0", "raid5", Finding.critical("a"), Finding.critical("b"),
                Finding.critical("c"), Finding.critical("d"), Finding.critical("e"))),
            "ok");

    assertThat(PluginOutput.render(result, 0))
        .startsWith("RAID CRITICAL - md0: a; md0: b; md0: c (+2 more)\n");
  }

  @Test
  void perfdataOfAllSubchecksFollowsTheFirstLineInSubcheckOrder() {
    CheckResult result =
        new CheckResult(
            "DRBD",
            List.of(
                new Subcheck("b", "ok", List.of(), List.of(),
                    List.of(PerfData.of("b oos", 0, Unit.BYTES),
                        PerfData.of("b sync", 100, Unit.PERCENT))),
                subcheck("c", "no perfdata here"),
                new Subcheck("a", "ok", List.of(), List.of(),
                    List.of(PerfData.of("a time", 0.25, Unit.SECONDS)))),
            "3 resources healthy");

    assertThat(PluginOutput.render(result, 0))
        .isEqualTo(
            "DRBD OK - 3 resources healthy | 'b oos'=0B 'b sync'=100% 'a time'=0.25s\n"
                + "[OK] b: ok\n"
                + "[OK] c: no perfdata here\n"
                + "[OK] a: ok\n");
  }

  @Test
  void noPerfdataMeansNoSeparator() {
    CheckResult result = new CheckResult("DRBD", List.of(subcheck("r0", "Connected")), "fine");

    assertThat(PluginOutput.render(result, 0)).isEqualTo("DRBD OK - fine\n[OK] r0: Connected\n");
  }

  private static CheckResult verboseResult() {
    return new CheckResult(
        "SVC",
        List.of(
            new Subcheck("a", "sum a",
                List.of(Finding.ok("link up"), Finding.warning("slow"), Finding.ok("disk fine")),
                List.of("detail one", "detail two"), List.of()),
            new Subcheck("b", "sum b", List.of(), List.of("b detail"), List.of())),
        "all fine");
  }

  @Test
  void verbosityZeroShowsOkNotesAfterProblemsButHidesDetails() {
    assertThat(PluginOutput.render(verboseResult(), 0))
        .isEqualTo("SVC WARNING - a: slow\n"
            + "[WARNING] a: sum a - slow; link up; disk fine\n"
            + "[OK] b: sum b\n");
  }

  @ParameterizedTest(name = "verbosity {0}")
  @ValueSource(ints = {1, 2, 3})
  void verbosityOneAddsDetailsIndentedFourSpaces(int verbosity) {
    assertThat(PluginOutput.render(verboseResult(), verbosity))
        .isEqualTo("SVC WARNING - a: slow\n"
            + "[WARNING] a: sum a - slow; link up; disk fine\n"
            + "    detail one\n"
            + "    detail two\n"
            + "[OK] b: sum b\n"
            + "    b detail\n");
  }

  @Test
  void pipesAndLineBreaksInTextNeverAppearRaw() {
    String evil = "r0|x\ny";
    Subcheck sc =
        new Subcheck(
            evil, "Conn|ected\r\nfake",
            List.of(Finding.critical("bad | worse\nnext line"), Finding.ok("ok|\tfine")),
            List.of("det|ail\nmore"),
            List.of(PerfData.of(evil, 1, Unit.NONE)));
    CheckResult result = new CheckResult("SVC", List.of(sc), "unused");

    String out = PluginOutput.render(result, 1);

    assertThat(out)
        .isEqualTo(
            "SVC CRITICAL - r0/x y: bad / worse next line | 'r0_x_y'=1\n"
                + "[CRITICAL] r0/x y: Conn/ected  fake - bad / worse next line; ok/ fine\n"
                + "    det/ail more\n");
    assertThat(count(out, '|')).as("only the perfdata separator").isEqualTo(1);
    assertThat(out.lines()).hasSize(3);
    assertThat(out).doesNotContain("\r", "\t");
  }

  @Test
  void pipesAndLineBreaksInTheOkSummaryNeverAppearRaw() {
    CheckResult result =
        new CheckResult("SVC", List.of(subcheck("r0", "fine")), "all|good\nreally");

    assertThat(PluginOutput.render(result, 0)).isEqualTo("SVC OK - all/good really\n[OK] r0: fine\n");
  }

  @Test
  void manyProblemsWithHostileTextStayOnOneFirstLine() {
    List<Subcheck> subchecks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      subchecks.add(subcheck("n|" + i, "s\n" + i, Finding.critical("m|\n" + i)));
    }
    String out = PluginOutput.render(new CheckResult("SVC", subchecks, "ok"), 2);

    assertThat(out).doesNotContain("|");
    assertThat(out.lines()).hasSize(6);
    assertThat(out.lines().findFirst())
        .contains("SVC CRITICAL - n/0: m/ 0; n/1: m/ 1; n/2: m/ 2 (+2 more)");
  }

  @ParameterizedTest(name = "single {0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "OK;       all good;             DRBD OK - all good",
        "WARNING;  a|b;                  DRBD WARNING - a/b",
        "CRITICAL; x;                    DRBD CRITICAL - x",
        "UNKNOWN;  cannot read /proc/drbd: no such file; "
            + "DRBD UNKNOWN - cannot read /proc/drbd: no such file",
      })
  void single(State state, String message, String expected) {
    assertThat(PluginOutput.single("DRBD", state, message)).isEqualTo(expected + "\n");
  }

  @Test
  void singleKeepsAHostileMessageOnOneLine() {
    assertThat(PluginOutput.single("DRBD", State.UNKNOWN, "a|b\nc\r\u0000d\u007f"))
        .isEqualTo("DRBD UNKNOWN - a/b c  d \n");
  }
}
