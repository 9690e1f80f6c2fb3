package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check_raid's md path (/proc/mdstat, sysfs, the md policy) loads no java.util.regex class and
 * links no lambda: on JDK 17 the first regex boots java.lang.invoke and spins a LambdaForm class
 * at run time, which no class-data archive can hold, on every run of a check Nagios starts each
 * minute. Runs the built jar in the {@code java} on PATH with {@code -Xlog:class+load} and reads
 * the log.
 */
class RaidStartPathClassesIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path MDADM = ROOT.resolve("test-fixtures/mdadm");
  private static final List<String> FORBIDDEN = List.of("java.util.regex.",
      "java.lang.invoke.LambdaForm$MH", "java.lang.invoke.InnerClassLambdaMetafactory");

  @TempDir Path tmp;

  static List<Arguments> runs() {
    return List.of(
        Arguments.of("healthy raid1", List.of("--mdstat", md("raid1-two-arrays-healthy.mdstat"))),
        Arguments.of("resync, recovery, check, reshape with sysfs", List.of(
            "--mdstat", md("four-arrays-resync-recovery-check-reshape.mdstat"),
            "--sysfs", MDADM.resolve("sysfs/sync-actions").toString())),
        Arguments.of("healthy sysfs tree", List.of(
            "--mdstat", md("raid1-two-arrays-healthy.mdstat"),
            "--sysfs", MDADM.resolve("sysfs/healthy").toString())),
        Arguments.of("failed spare and bitmap", List.of(
            "--mdstat", md("raid1-failed-spare-F-on-full-array_bitmap.mdstat"))),
        Arguments.of("imsm member and container", List.of(
            "--mdstat", md("imsm-member-raid1-and-container-md0.mdstat"), "-a", "md127")),
        Arguments.of("parse error", List.of("--mdstat", md("malformed-member-sdj2-X.mdstat"))));
  }

  private static String md(String file) {
    return MDADM.resolve(file).toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void mdPathLoadsNoRegexAndSpinsNoLambda(String name, List<String> args) throws Exception {
    Path java = Processes.findTool("java");
    Assumptions.assumeTrue(java != null, "no java on PATH");
    Path log = tmp.resolve("class-load.log");
    List<String> argv = new ArrayList<>(List.of(java.toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k",
        "-Xmx64m", "-Xlog:class+load:file=" + log,
        "-cp", ROOT.resolve("packaging/target/vigil.jar").toString(),
        "org.vigil.raid.cli.CheckRaid"));
    argv.addAll(args);
    Processes.Result r = Processes.run(tmp, "check_raid", Duration.ofSeconds(60), Map.of(),
        argv.toArray(new String[0]));
    assertThat(r.stdout()).as(r.stderr()).startsWith("RAID ");

    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // [0.288s][info][class,load] java.util.regex.Pattern source: shared objects file
      String rest = line.substring(line.lastIndexOf("] ") + 2);
      int space = rest.indexOf(' ');
      classes.add(space < 0 ? rest : rest.substring(0, space));
    }
    List<String> forbidden = new ArrayList<>();
    for (String c : classes) {
      for (String prefix : FORBIDDEN) {
        if (c.startsWith(prefix)) {
          forbidden.add(c);
        }
      }
    }
    System.out.println("RaidStartPathClassesIT " + name + ": " + classes.size()
        + " classes loaded, exit " + r.exitCode());
    assertThat(classes).as("the class-load log").hasSizeGreaterThan(100);
    assertThat(forbidden).as("regex and lambda classes loaded by check_raid %s", args).isEmpty();
  }
}
