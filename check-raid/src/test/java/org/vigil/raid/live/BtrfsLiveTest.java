package org.vigil.raid.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.CommandException;
import org.vigil.core.CommandRunner;
import org.vigil.core.Deadline;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

/** Which mounts are read, in which order, with which calls; each filesystem once. */
class BtrfsLiveTest {
  private static final String CLEAN_UUID = "cdaeb814-6aca-4d42-92e8-6661cd5f06b1";
  private static final String CORRECTED_UUID = "bbeb0b8b-749b-436d-9eaa-00b8d1a8c480";

  @TempDir Path dir;

  /**
   * A btrfs that logs its arguments and answers with the clean RAID1 capture for /a, /a/sub and
   * /a2 (one filesystem) and the corrected one for /b.
   */
  private Path btrfs() throws IOException {
    Path real = Fixtures.root().resolve("btrfs-real");
    Path p = dir.resolve("btrfs");
    Files.writeString(p, "#!/bin/sh\n"
        + "echo \"$*\" >> '" + dir.resolve("calls") + "'\n"
        + "case \"$*\" in\n"
        + "  'scrub status -R /a'|'scrub status -R /a/sub'|'scrub status -R /a2')"
        + " cat '" + real.resolve("raid1-clean.scrub-status-raw") + "' ;;\n"
        + "  'scrub status -R /b') cat '" + real.resolve("raid1-corrected.scrub-status-raw")
        + "' ;;\n"
        + "  'device stats /b') cat '" + real.resolve("raid1-corrected.device-stats") + "' ;;\n"
        + "  'device stats '*) cat '" + real.resolve("raid1-clean.device-stats") + "' ;;\n"
        + "  *) echo \"unexpected: $*\" >&2; exit 1 ;;\n"
        + "esac\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(dir.resolve("calls"));
  }

  private static Deadline tenSeconds() {
    return Deadline.after(Duration.ofSeconds(10), Duration.ofMillis(100));
  }

  @Test
  void discoveredMountsOfAFilesystemAlreadyReadAreSkippedAfterTheirScrubStatus()
      throws Exception {
    List<String> stages = new ArrayList<>();
    Path tool = btrfs();
    List<BtrfsLive.Filesystem> read =
        new BtrfsLive(tool.toString(), new CommandRunner(), tenSeconds(), stages::add)
            .read(List.of(), List.of("/a", "/a/sub", "/b"));

    assertThat(read).extracting(BtrfsLive.Filesystem::mount).containsExactly("/a", "/b");
    assertThat(read).extracting(BtrfsLive.Filesystem::uuid)
        .containsExactly(Optional.of(CLEAN_UUID), Optional.of(CORRECTED_UUID));
    assertThat(read.get(1).stats().devices().get(0).device()).isEqualTo("/dev/loop0");
    assertThat(calls()).containsExactly("scrub status -R /a", "device stats /a",
        "scrub status -R /a/sub", "scrub status -R /b", "device stats /b");
    assertThat(stages).containsExactly("running " + tool + " scrub status -R /a",
        "running " + tool + " device stats /a", "running " + tool + " scrub status -R /a/sub",
        "running " + tool + " scrub status -R /b", "running " + tool + " device stats /b");
  }

  @Test
  void requestedMountsAreAlwaysReadAndALaterOneOfTheSameFilesystemReplacesTheEarlierInPlace()
      throws Exception {
    List<BtrfsLive.Filesystem> read =
        new BtrfsLive(btrfs().toString(), new CommandRunner(), tenSeconds())
            .read(List.of("/a", "/b", "/a2"), List.of("/b", "/a/sub"));

    assertThat(read).extracting(BtrfsLive.Filesystem::mount).containsExactly("/a2", "/b");
    assertThat(calls()).containsExactly("scrub status -R /a", "device stats /a",
        "scrub status -R /b", "device stats /b", "scrub status -R /a2", "device stats /a2",
        "scrub status -R /a/sub");
  }

  @Test
  void aToolFailureIsThrownWithTheCommandAndItsStderr() throws Exception {
    BtrfsLive live = new BtrfsLive(btrfs().toString(), new CommandRunner(), tenSeconds());
    assertThatThrownBy(() -> live.read(List.of("/c"), List.of()))
        .isInstanceOf(CommandException.class)
        .hasMessageEndingWith("scrub status -R /c exited with status 1: unexpected: scrub"
            + " status -R /c");
  }

  @Test
  void mountPointsAreTheBtrfsOnesInFileOrderEachOnce() throws Exception {
    Path mounts = dir.resolve("mounts");
    Files.writeString(mounts,
        "/dev/loop0 /srv/data btrfs rw,relatime,space_cache=v2,subvolid=5,subvol=/ 0 0\n"
            + "/dev/sda1 / ext4 rw,relatime 0 0\n"
            + "/dev/loop1 /srv/my\\040data btrfs rw,subvolid=256,subvol=/snap 0 0\n"
            + "/dev/loop0 /srv/data btrfs rw,relatime,subvolid=257,subvol=/over 0 0\n",
        StandardCharsets.UTF_8);
    assertThat(BtrfsLive.mountPoints(mounts)).containsExactly("/srv/data", "/srv/my data");
  }

  @Test
  void malformedMountsNameTheFileAndLine() throws Exception {
    Path mounts = dir.resolve("mounts");
    Files.writeString(mounts, "/dev/loop0 /srv btrfs\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BtrfsLive.mountPoints(mounts))
        .isInstanceOf(ParseException.class)
        .hasMessage(mounts + " line 1: expected 6 fields '/dev/loop0 /srv btrfs'");
  }
}
