package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up archives (vigil-cds: AppCDS on JDK 17, AOT cache on JDK 25+) only ever change how
 * fast a check starts: with an archive, without one, with one made for another jar (stale) and
 * with a damaged one, every check prints the same stdout and stderr and exits the same.
 */
class ClassDataArchiveIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path FIXTURES = ROOT.resolve("test-fixtures");
  private static final List<List<String>> CHECKS = List.of(
      List.of("check_drbd", "--proc-drbd",
          FIXTURES.resolve("drbd/8.4-peer-dunknown-while-connected.proc-drbd").toString()),
      List.of("check_drbd", "--proc-drbd",
          FIXTURES.resolve("drbd/8.4-truncated-counter-line.proc-drbd").toString()),
      List.of("check_raid", "--mdstat",
          FIXTURES.resolve("mdadm/raid1-two-arrays-healthy.mdstat").toString()),
      List.of("check_cluster", "--crm-mon-xml",
          FIXTURES.resolve("cluster/2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml")
              .toString()));

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"/usr/lib/jvm/java-17-openjdk-amd64",
      "/usr/lib/jvm/temurin-25-jdk-amd64"})
  void archivesNeverChangeWhatAChecksPrintsOrItsExitCode(String javaHome) throws Exception {
    if (!Files.isExecutable(Path.of(javaHome, "bin/java"))) {
      System.out.println("SKIPPED ClassDataArchiveIT for " + javaHome + ": no such JDK here");
      Assumptions.abort("no JDK at " + javaHome);
    }
    Path jar = tmp.resolve("vigil.jar");
    Files.copy(ROOT.resolve("packaging/target/vigil.jar"), jar);
    Path cds = tmp.resolve("cds");
    Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", javaHome,
        "VIGIL_JAR", jar.toString(), "VIGIL_CDS_DIR", cds.toString()));

    List<Processes.Result> without = runAll(env);
    Processes.Result regenerate = Processes.run(tmp, "cds", Duration.ofSeconds(120), env,
        ROOT.resolve("packaging/lib/vigil-cds").toString(), "regenerate");
    assertThat(regenerate.exitCode()).as(regenerate.stderr()).isZero();
    List<Path> archives;
    try (Stream<Path> files = Files.walk(cds)) {
      archives = files.filter(p -> p.toString().matches(".*\\.(jsa|aot)")).toList();
    }
    assertThat(archives).as("one archive per check").hasSize(3);
    assertThat(runAll(env)).as("with the archives").isEqualTo(without);

    // Stale: the jar changed after the archives were made (an upgrade without regeneration).
    Files.write(jar, Files.readAllBytes(jar));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertThat(runAll(env)).as("with stale archives").isEqualTo(without);

    // Damaged: truncated archives.
    for (Path archive : archives) {
      archive.toFile().setWritable(true);
      Files.write(archive, new byte[] {1, 2, 3, 4});
    }
    assertThat(runAll(env)).as("with damaged archives").isEqualTo(without);
  }

  private List<Processes.Result> runAll(Map<String, String> env) throws Exception {
    List<Processes.Result> results = new ArrayList<>();
    for (List<String> check : CHECKS) {
      List<String> argv = new ArrayList<>(check);
      argv.set(0, ROOT.resolve("packaging/bin/" + check.get(0)).toString());
      results.add(Processes.run(tmp, check.get(0), Duration.ofSeconds(60), env,
          argv.toArray(String[]::new)));
    }
    assertThat(results.stream().map(Processes.Result::exitCode)).containsExactly(2, 3, 0, 2);
    return results;
  }
}
