package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped checks and exporter against tools that misbehave the way tools do when a node is
 * in trouble: hanging (with a child of their own), missing, failing with a message, or printing
 * 100 MB. Each check ends UNKNOWN within -t with the reason, and nothing it started outlives it;
 * the exporter's collector fails within its timeout while the others still report.
 */
class FaultsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path BIN = ROOT.resolve("packaging/bin");
  private static final String DRBD9_PROC = "version: 9.2.8 (api:2/proto:86-122)\n"
      + "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by x, 2024-02-16 09:45:16\n"
      + "Transports (api:20): tcp (9.2.8)\n";

  /** How a tool misbehaves, and what the check's status line must then say. */
  enum Fault {
    HANG("did not finish within|plugin timeout"),
    MISSING("not found"),
    FAILS("exited with status 1: ERROR: device is gone"),
    FLOOD("output larger than");

    final String expected;

    Fault(String expected) {
      this.expected = expected;
    }
  }

  @TempDir Path dir;
  /** In every path of this test's tools, so that any survivor can be found by its command line. */
  private final String marker = "vigil-fault-" + UUID.randomUUID();

  private Path tools() throws IOException {
    return Files.createDirectories(dir.resolve(marker));
  }

  private Path script(String name, String body) throws IOException {
    Path p = tools().resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** A stand-in for {@code name} that misbehaves as {@code fault} says. */
  private Path tool(String name, Fault fault) throws IOException {
    return switch (fault) {
      case HANG -> {
        Path child = script("child-of-" + name, "while :; do sleep 1; done");
        yield script(name, child + " &\nwhile :; do sleep 1; done");
      }
      case MISSING -> tools().resolve(name);
      case FAILS -> script(name, "echo 'ERROR: device is gone' >&2\necho 'more detail' >&2\nexit 1");
      case FLOOD -> script(name, "head -c 104857600 /dev/zero | tr '\\0' x\nexit 0");
    };
  }

  static Stream<Arguments> faults() {
    List<Arguments> all = new ArrayList<>();
    for (String check : List.of("check_drbd", "check_raid", "check_cluster")) {
      for (Fault f : Fault.values()) {
        all.add(Arguments.of(check, f));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} with a tool that {1}")
  @MethodSource("faults")
  void aMisbehavingToolIsUnknownWithinTheTimeoutAndLeavesNothingBehind(String check, Fault fault)
      throws Exception {
    List<String> argv = new ArrayList<>(List.of(BIN.resolve(check).toString(), "-t", "2"));
    String service;
    switch (check) {
      case "check_drbd" -> {
        Path proc = dir.resolve("proc-drbd");
        Files.writeString(proc, DRBD9_PROC, StandardCharsets.UTF_8);
        argv.addAll(List.of("--proc-drbd", proc.toString(),
            "--drbdsetup", tool("drbdsetup", fault).toString()));
        service = "DRBD";
      }
      case "check_raid" -> {
        Path mdstat = dir.resolve("mdstat");
        Files.writeString(mdstat, "Personalities : \nunused devices: <none>\n");
        argv.addAll(List.of("--mdstat", mdstat.toString(), "--btrfs",
            tool("btrfs", fault).toString(), "--btrfs-mount", "/srv"));
        service = "RAID";
      }
      default -> {
        argv.addAll(List.of("--crm-mon", tool("crm_mon", fault).toString(), "--no-corosync"));
        service = "CLUSTER";
      }
    }
    long start = System.nanoTime();
    Processes.Result r = Processes.run(dir, check, Duration.ofSeconds(60), Map.of(),
        argv.toArray(String[]::new));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
    String first = r.stdout().lines().findFirst().orElse("");
    assertThat(first).startsWith(service + " UNKNOWN - ").containsPattern(fault.expected)
        .doesNotContain("more detail");
    assertThat(r.stdout().lines().count()).as(r.stdout()).isEqualTo(1);
    // -t 2 plus a JVM's start: a bound on a hang, not a performance assertion.
    assertThat(tookMs).as("ended within -t").isLessThan(10_000);
    assertThat(survivors(-1)).as("processes of the check's tools after it ended").isEmpty();
  }

  /** Read as an unprivileged user (root reads everything): UNKNOWN naming the path. */
  @Test
  void anUnreadableSourceIsUnknownNamingThePath() throws Exception {
    Path setpriv = Processes.findTool("setpriv");
    org.junit.jupiter.api.Assumptions.assumeTrue(setpriv != null && MonitoringConfigIT.isRoot(),
        "skipped: needs root and setpriv (util-linux) to run the check as nobody");
    Path shared = Files.createDirectories(Path.of("/tmp", marker));
    try {
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path proc = shared.resolve("drbd");
      Files.writeString(proc, DRBD9_PROC, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(proc, PosixFilePermissions.fromString("---------"));
      Processes.Result r = Processes.run(dir, "nobody", Duration.ofSeconds(60), Map.of(),
          setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups",
          BIN.resolve("check_drbd").toString(), "--proc-drbd", proc.toString());
      org.junit.jupiter.api.Assumptions.assumeFalse(r.stdout().contains("vigil.jar")
          || r.stdout().contains("java not found"), "skipped: nobody cannot run the jar here: "
          + r.stdout());
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo("DRBD UNKNOWN - cannot read " + proc
          + ": permission denied\n");
    } finally {
      try (Stream<Path> files = Files.list(shared)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(shared);
    }
  }

  @Test
  void aHangingToolFailsOnlyItsCollectorWithinTheCommandTimeout() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(root.resolve("proc/drbd"), DRBD9_PROC, StandardCharsets.UTF_8);
    Files.writeString(root.resolve("proc/mdstat"), "Personalities : [raid1]\n"
        + "md0 : active raid1 sdb1[1] sda1[0]\n      1047552 blocks super 1.2 [2/2] [UU]\n\n"
        + "unused devices: <none>\n", StandardCharsets.UTF_8);
    try (RunningExporter exporter = new RunningExporter(dir, "exporter",
        "--path.rootfs", root.toString(),
        "--drbdsetup.path", tool("drbdsetup", Fault.HANG).toString(), "--command.timeout", "1")) {
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = exporter.get("/metrics", Duration.ofSeconds(20));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
            .containsPattern("(?m)^vigil_scrape_collector_success\\{collector=\"drbd\",?\\} 0")
            .containsPattern("(?m)^vigil_scrape_collector_success\\{collector=\"md\",?\\} 1")
            .containsPattern("(?m)^vigil_health_status\\{subsystem=\"md\",object=\"md0\",?\\} 0");
        assertThat(tookMs).as("scrape with a hanging drbdsetup").isLessThan(10_000);
        assertThat(survivors(exporter.process.pid())).as("drbdsetup processes after the scrape")
            .isEmpty();
      }
      assertThat(exporter.nextLogLine()).as("one log line for the failing collector")
          .contains("drbd");
    }
  }

  /** Live processes but {@code except} whose command line mentions this test's tool directory. */
  private List<String> survivors(long except) throws IOException, InterruptedException {
    // Killed children are reaped asynchronously; give the kernel a moment before judging.
    for (int attempt = 0; ; attempt++) {
      List<String> alive = new ArrayList<>();
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.filter(q -> q.getFileName().toString().matches("\\d+"))
            .filter(q -> !q.getFileName().toString().equals(Long.toString(except))).toList()) {
          try {
            byte[] cmdline = Files.readAllBytes(p.resolve("cmdline"));
            String text = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
            if (text.contains(marker)) {
              alive.add(p.getFileName() + ": " + text);
            }
          } catch (IOException gone) {
            // exited while we looked
          }
        }
      }
      if (alive.isEmpty() || attempt == 20) {
        return alive;
      }
      Thread.sleep(100);
    }
  }
}
