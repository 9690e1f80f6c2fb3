package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.JsonReader;

/** {@code vigil report} as run from its command line, over the fixture trees. */
class ReportTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run vigil(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VigilMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Run(exit, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static Run vigil(String... args) {
    return vigil(Map.of(), args);
  }

  @Test
  void degradedTreeListsEveryObjectWithVerdictAndExitsWithTheWorst() {
    Run run = vigil("report", "--root", Roots.root("degraded").toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out)
        .contains("(from the tree " + Roots.root("degraded") + ")")
        .contains(": WARNING\n")
        .contains("drbd: WARNING (2 objects, ")
        .contains("  [WARNING]  drbd1: SyncSource Primary/Secondary UpToDate/Inconsistent 75.1%"
            + " - resync stalled")
        .contains("  [OK]       md2: raid1 active [2/2] [UU]")
        .contains("md: WARNING (4 objects, ")
        .contains("Overall WARNING (exit 1).")
        .doesNotContain("\u001b[");
    assertThat(run.err).isEmpty();
  }

  @Test
  void emptyNodeIsOkAndSaysWhatItLookedFor() {
    Run run = vigil("report", "--root", tmp.toString());
    assertThat(run.exit).isZero();
    assertThat(run.out)
        .contains("drbd: not set up here (looked at " + tmp.resolve("proc/drbd") + ")")
        .contains("md: not set up here (looked at " + tmp.resolve("proc/mdstat") + ")")
        .contains("None of the subsystems Vigil checks is set up on this node.")
        .contains("Overall OK (exit 0).");
  }

  @Test
  void unreadableSubsystemIsUnknownNamingLineAndOthersStillReport() {
    Run run = vigil("report", "--root", Roots.root("broken-drbd").toString());
    assertThat(run.exit).isEqualTo(3);
    assertThat(run.out).containsPattern("drbd: UNKNOWN - could not read it: .*drbd line 6")
        .contains("  [OK]       md0: ")
        .contains("Overall UNKNOWN (exit 3).");
    assertThat(run.err).startsWith("vigil report: collector drbd failed: ");
  }

  @Test
  void disabledCollectorIsNamedAndNotRead() {
    Run run = vigil("report", "--root", Roots.root("degraded").toString(), "--no-collector.md");
    assertThat(run.out).contains("md: not checked (--no-collector.md)")
        .doesNotContain("md0");
  }

  @Test
  void colourOnlyWhenAskedOrOnATerminalAndNeverInsteadOfTheWord() {
    Run coloured = vigil("report", "--color", "--root", Roots.root("degraded").toString());
    assertThat(coloured.out).contains("\u001b[33m[WARNING]\u001b[0m  drbd0")
        .contains("\u001b[32m[OK]\u001b[0m       md2");
    Run plain = vigil(Map.of("NO_COLOR", "1"), "report", "--root",
        Roots.root("degraded").toString());
    assertThat(plain.out).doesNotContain("\u001b[");
  }

  @Test
  void jsonCarriesTheSameVerdictsForScripts() throws Exception {
    Run run = vigil("report", "--format", "json", "--root", Roots.root("broken-drbd").toString());
    assertThat(run.exit).isEqualTo(3);
    JsonReader.Obj doc = (JsonReader.Obj) JsonReader.parse(run.out, "report");
    assertThat(str(doc, "status")).isEqualTo("UNKNOWN");
    assertThat(((JsonReader.Num) doc.members().get("exit_code")).value().intValue()).isEqualTo(3);
    List<JsonReader.Value> subsystems = ((JsonReader.Arr) doc.members().get("subsystems")).items();
    JsonReader.Obj drbd = (JsonReader.Obj) subsystems.get(0);
    assertThat(str(drbd, "name")).isEqualTo("drbd");
    assertThat(str(drbd, "outcome")).isEqualTo("failed");
    assertThat(str(drbd, "error")).contains("line 6");
    JsonReader.Obj md = (JsonReader.Obj) subsystems.get(1);
    assertThat(str(md, "outcome")).isEqualTo("collected");
    JsonReader.Obj md0 = (JsonReader.Obj) ((JsonReader.Arr) md.members().get("objects"))
        .items().get(0);
    assertThat(str(md0, "name")).isEqualTo("md0");
    assertThat(str(md0, "status")).isEqualTo("OK");
  }

  @Test
  void objectNamesCannotBreakTheJsonOrTheTerminal() throws Exception {
    String hostile = "r0\"},\n\u001b[2J|'=;\u2028é";
    String json = JsonWriter.write(Map.of("name", hostile));
    assertThat(json).doesNotContain("\u001b").doesNotContain("\u2028");
    JsonReader.Obj doc = (JsonReader.Obj) JsonReader.parse(json, "json");
    assertThat(str(doc, "name")).isEqualTo(hostile);
  }

  @Test
  void hostNameComesFromTheTreesProcfs() throws Exception {
    Files.createDirectories(tmp.resolve("proc/sys/kernel"));
    Files.writeString(tmp.resolve("proc/sys/kernel/hostname"), "ha-node-1\n");
    assertThat(vigil("report", "--root", tmp.toString()).out)
        .startsWith("Vigil report for ha-node-1 (from the tree " + tmp + "), ");
  }

  @Test
  void usageErrorsAreUnknownWithAHint() {
    Run run = vigil("report", "--format", "yaml");
    assertThat(run.exit).isEqualTo(3);
    assertThat(run.err).contains("vigil: Invalid value for option '--format'")
        .contains("Try 'vigil report --help'");
    assertThat(vigil("report", "--help").out).contains("Exit code: the worst verdict")
        .contains("--[no-]collector.drbd").contains("--[no-]collector.md")
        .contains("--crm_mon.path");
  }

  private static String str(JsonReader.Obj o, String key) {
    return ((JsonReader.Str) o.members().get(key)).value();
  }
}
