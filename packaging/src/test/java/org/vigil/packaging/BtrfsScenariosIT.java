package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check_raid against real btrfs filesystems on loop devices: for each scenario,
 * {@code packaging/it/btrfs-scenario.sh setup} builds it (mkfs, data, on-disk corruption, scrub),
 * the shipped wrapper runs as Nagios runs it ({@code check_raid --btrfs-mount MNT}, a new process,
 * stdout and exit code), and {@code teardown} removes mounts, loop devices and images afterwards,
 * also when setup or an assertion fails.
 *
 * <p>Needs root, loop devices, btrfs in the kernel and btrfs-progs; without them (or without
 * {@code packaging/bin/check_raid}) the class is skipped and says why, on stderr too.
 */
class BtrfsScenariosIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path SCRIPT = ROOT.resolve("packaging/it/btrfs-scenario.sh");
  private static final Path CHECK = ROOT.resolve("packaging/bin/check_raid");
  private static final Map<String, Integer> EXIT =
      Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);
  /** Sectors the script overwrites on one mirror in raid1-corrected (CORRUPT_RAID1). */
  private static final String CORRECTED_COUNT = "7";

  private Path workdir;


  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of("raid1-clean", "OK", List.of()),
        Arguments.of("raid1-corrected", "WARNING", List.of("corrected")),
        Arguments.of("single-uncorrectable", "CRITICAL", List.of("uncorrectable")),
        Arguments.of("raid1-cancelled", "WARNING", List.of("aborted")));
  }

  private static String skipReason;

  @BeforeAll
  static void find_out_whether_this_machine_can_run_them() {
    skipReason = cannotRunReason();
    if (skipReason != null) {
      System.err.println("BtrfsScenariosIT SKIPPED: " + skipReason);
    }
  }

  /** Per test, not in @BeforeAll: each scenario then shows up as skipped, with the reason. */
  @BeforeEach
  void skip_unless_this_machine_can_run_them() {
    Assumptions.assumeTrue(skipReason == null, () -> "BtrfsScenariosIT skipped: " + skipReason);
  }

  /** Null if the scenarios can run here, else why not. */
  static String cannotRunReason() {
    String uid = effectiveUid();
    if (!"0".equals(uid)) {
      return "not root (effective uid " + uid + "): loop devices and mount need root";
    }
    if (!Files.exists(Path.of("/dev/loop-control"))) {
      return "no /dev/loop-control: this kernel or container has no loop devices";
    }
    if (!btrfsInKernel()) {
      return "btrfs not in /proc/filesystems (modprobe btrfs, or a kernel with btrfs)";
    }
    for (String tool : List.of("btrfs", "mkfs.btrfs")) {
      if (Processes.findTool(tool) == null) {
        return "btrfs-progs not installed (" + tool + " not found; apt-get install -y btrfs-progs)";
      }
    }
    if (!Files.exists(CHECK)) {
      return CHECK + " does not exist yet (the check_raid CLI is not built)";
    }
    return null;
  }

  private static String effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).trim().split("\\s+")[1];
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e + ")";
    }
    return "unknown";
  }

  private static boolean btrfsInKernel() {
    try {
      // lines are "nodev<TAB>sysfs" or "<TAB>btrfs"
      return Files.readAllLines(Path.of("/proc/filesystems")).stream()
          .map(line -> line.substring(line.lastIndexOf('\t') + 1).strip())
          .anyMatch("btrfs"::equals);
    } catch (IOException e) {
      return false;
    }
  }


  static Processes.Result run(Path logDir, String label, Duration timeout, String... argv)
      throws IOException, InterruptedException {
    return Processes.run(logDir, label, timeout, Map.of(), argv);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("scenarios")
  void check_raid_gives_the_verdict_of_a_real_btrfs_scrub(
      String scenario, String status, List<String> fragments) throws Exception {
    workdir = Files.createTempDirectory("vigil-btrfs-it-");
    long t0 = System.nanoTime();
    Processes.Result setup = run(workdir, "setup", Duration.ofSeconds(100),
        "bash", SCRIPT.toString(), "setup", scenario, workdir.toString());
    assertThat(setup.exitCode())
        .as("btrfs-scenario.sh setup %s failed; its log:%n%s", scenario, setup.stderr())
        .isZero();
    String mountpoint = setup.stdout().strip();
    assertThat(mountpoint).isEqualTo(workdir.resolve("mnt").toString());
    long t1 = System.nanoTime();

    Processes.Result r = run(workdir, "check_raid", Duration.ofSeconds(60),
        CHECK.toString(), "--btrfs-mount", mountpoint);
    System.err.printf("BtrfsScenariosIT %s: setup %d ms, check_raid %d ms, exit %d: %s%n",
        scenario, (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, r.exitCode(),
        r.stdout().lines().findFirst().orElse("(no output)"));

    String context = "check_raid --btrfs-mount on " + scenario + "\nstdout:\n" + r.stdout()
        + "\nstderr:\n" + r.stderr() + "\nscenario log:\n" + setup.stderr();
    assertThat(r.stdout()).as(context).startsWith("RAID " + status + " - ");
    assertThat(r.exitCode()).as(context).isEqualTo(EXIT.get(status));
    for (String fragment : fragments) {
      assertThat(r.stdout()).as(context).contains(fragment);
    }
    if (scenario.equals("raid1-corrected")) {
      assertThat(r.stdout()).as(context + "\nthe number of corrected errors")
          .containsPattern(Pattern.compile("(?<![\\d.])" + CORRECTED_COUNT + "(?![\\d.])"));
    }
    assertThat(r.stderr()).as(context + "\nnothing on stderr").isEmpty();
  }

  /**
   * The filesystem goes away between the check deciding what to read and btrfs reading it: a
   * stand-in for the btrfs tool unmounts it once, then runs the real btrfs-progs.
   */
  @org.junit.jupiter.api.Test
  void a_filesystem_unmounted_while_check_raid_reads_it_is_unknown_naming_the_path()
      throws Exception {
    workdir = Files.createTempDirectory("vigil-btrfs-it-");
    Processes.Result setup = run(workdir, "setup", Duration.ofSeconds(100),
        "bash", SCRIPT.toString(), "setup", "raid1-clean", workdir.toString());
    assertThat(setup.exitCode()).as("setup failed; its log:%n%s", setup.stderr()).isZero();
    String mountpoint = setup.stdout().strip();
    Path unmounted = workdir.resolve("unmounted");
    Path tool = workdir.resolve("btrfs-that-unmounts-first");
    Files.writeString(tool, "#!/bin/sh\n"
        + "[ -e '" + unmounted + "' ] || { umount '" + mountpoint + "' && : > '" + unmounted
        + "'; }\n"
        + "exec btrfs \"$@\"\n");
    Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString(
        "rwx------"));

    Processes.Result r = run(workdir, "check_raid", Duration.ofSeconds(60),
        CHECK.toString(), "--btrfs-mount", mountpoint, "--btrfs", tool.toString());

    String context = "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
    assertThat(Files.exists(unmounted)).as("the stand-in ran and unmounted " + mountpoint)
        .isTrue();
    assertThat(r.exitCode()).as(context).isEqualTo(EXIT.get("UNKNOWN"));
    assertThat(r.stdout()).as(context).startsWith("RAID UNKNOWN - ")
        .contains("scrub status -R " + mountpoint + " exited with status 1: ERROR: not a btrfs"
            + " filesystem");
    assertThat(r.stdout().lines().count()).as(context).isEqualTo(1);
  }

  @AfterEach
  void tear_down_whatever_setup_made() throws Exception {
    if (workdir == null) {
      return;
    }
    Path dir = workdir;
    workdir = null;
    Processes.Result t = run(dir, "teardown", Duration.ofSeconds(120),
        "bash", SCRIPT.toString(), "teardown", dir.toString());
    assertThat(t.exitCode())
        .as("btrfs-scenario.sh teardown %s left something behind (mount, loop device or image; "
            + "see %s); its log:%n%s", dir, dir, t.stderr())
        .isZero();
    try (Stream<Path> left = Files.walk(dir)) {
      for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
