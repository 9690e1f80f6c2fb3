package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * check_drbd's start path loads no java.util.regex class and links no lambda or method handle of
 * its own: on JDK 17 the first Pattern.compile bootstraps java.lang.invoke and spins LambdaForm
 * classes with ASM, some 23 ms of every run (measured against a plain hello-world). Each case runs
 * the built jar in a fresh JDK 17 with {@code -Xlog:class+load} and reads what was loaded.
 */
class StartPathClassesIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path DRBD = ROOT.resolve("test-fixtures/drbd");
  private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
  /** The JVM flags the checks' launcher (native/vigil-check.c) uses without an archive. */
  private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1",
      "-XX:+UseG1GC", "-XX:-UsePerfData", "-Xss512k", "-Xmx64m");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "--proc-drbd, 8.4-peer-dunknown-while-connected.proc-drbd, 2",
      "--proc-drbd, 8.4-synctarget-and-stalled-syncsource.proc-drbd, 1",
      "--proc-drbd, 8.4-pausedsync-after-peer-user.proc-drbd, 1",
      "--proc-drbd, 9-compat-8.4-connected-and-synctarget.proc-drbd, 1",
      "--proc-drbd, 8.3-syncsource-progress-delay-probe.proc-drbd, 1",
      "--proc-drbd, 8.2-connected-and-verifys.proc-drbd, 0",
      "--proc-drbd, 8.0-connected-synctarget-stalled-unconfigured.proc-drbd, 1",
      "--proc-drbd, 0.7-wfbitmap-pausedsynct.proc-drbd, 1",
      "--proc-drbd, 8.4-truncated-counter-line.proc-drbd, 3",
      "--status-json, 9-healthy-three-node-and-verify.status.json, 0",
      "--status-json, 9-resync-target-paused.status.json, 1"})
  void loadsNoRegexAndLinksNoLambda(String option, String fixture, int exitCode)
      throws Exception {
    List<String> loaded = run(exitCode, option, DRBD.resolve(fixture).toString());
    assertThat(loaded).as("java.util.regex classes")
        .noneMatch(c -> c.startsWith("java.util.regex."));
    assertThat(loaded).as("lambda and method-handle linkage").noneMatch(
        StartPathClassesIT::isLinkage);
  }

  /**
   * Plain DRBD 9: /proc/drbd holds only the header, so check_drbd runs drbdsetup. Starting a
   * process links lambdas inside the JDK (java.lang.ProcessImpl, ProcessHandleImpl), which no
   * check can avoid; none may come from anywhere else, and no regex at all.
   */
  @ParameterizedTest(name = "drbdsetup {0}")
  @CsvSource({"9-healthy-three-node-and-verify.status.json, 0",
      "9-two-resources-quorum-false.status.json, 2"})
  void theDrbdsetupPathLinksOnlyTheJdksOwnProcessLambdas(String json, int exitCode)
      throws Exception {
    Path drbdsetup = tmp.resolve("drbdsetup");
    Files.writeString(drbdsetup, "#!/bin/sh\nexec cat '" + DRBD.resolve(json) + "'\n");
    assertThat(drbdsetup.toFile().setExecutable(true)).isTrue();
    List<String> loaded = run(exitCode, "--proc-drbd",
        DRBD.resolve("9-version-transports-only.proc-drbd").toString(),
        "--drbdsetup", drbdsetup.toString());
    assertThat(loaded).as("java.util.regex classes")
        .noneMatch(c -> c.startsWith("java.util.regex."));
    assertThat(loaded).as("lambda proxies").filteredOn(c -> c.contains("$$Lambda"))
        .isNotEmpty()
        .allMatch(c -> c.startsWith("java.lang.ProcessImpl")
            || c.startsWith("java.lang.ProcessHandleImpl"));
  }

  private static boolean isLinkage(String className) {
    return className.startsWith("java.lang.invoke.LambdaForm$MH")
        || className.startsWith("java.lang.invoke.LambdaForm$DMH")
        || className.equals("java.lang.invoke.InnerClassLambdaMetafactory")
        || className.contains("$$Lambda")
        || className.startsWith("jdk.internal.org.objectweb.asm.");
  }

  /** Runs check_drbd with {@code args}; the names of the classes its JVM loaded, in order. */
  private List<String> run(int exitCode, String... args) throws Exception {
    Path java = Files.isExecutable(JDK17) ? JDK17
        : Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = tmp.resolve("class-load.txt");
    Files.deleteIfExists(log);
    List<String> argv = new ArrayList<>(List.of(java.toString()));
    argv.addAll(FLAGS);
    argv.addAll(List.of("-Xlog:class+load:file=" + log, "-cp",
        ROOT.resolve("packaging/target/vigil.jar").toString(), "org.vigil.drbd.cli.CheckDrbd"));
    argv.addAll(List.of(args));
    Processes.Result result = Processes.run(tmp, "check_drbd", Duration.ofSeconds(60), Map.of(),
        argv.toArray(new String[0]));
    assertThat(result.exitCode()).as("%s%n%s", result.stdout(), result.stderr())
        .isEqualTo(exitCode);
    assertThat(result.stderr()).isEmpty();
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // [0.012s][info][class,load] java.lang.Object source: shared objects file
      String[] fields = line.split(" ");
      if (fields.length > 1 && line.contains("[class,load]")) {
        classes.add(fields[1]);
      }
    }
    assertThat(classes).as("the class+load log").hasSizeGreaterThan(300);
    System.out.println("StartPathClassesIT " + java + " " + String.join(" ", args) + ": "
        + classes.size() + " classes loaded");
    return classes;
  }
}
