package org.vigil.raid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.Fixtures;
import org.vigil.fixtures.OutputShape;

/**
 * A btrfs mount path is passed to the btrfs tool and printed in the verdict. Whatever it holds,
 * the tool receives it as exactly one argument (no shell ever sees it), and the output has the
 * shape it has for a plain path.
 */
class InjectionTest {
  private static final String NOW = "2026-11-26T00:00:00Z";

  @TempDir Path dir;

  static List<String> hostileNames() {
    // A path cannot hold NUL: the kernel would cut it there, so no tool call can carry one.
    return OutputShape.HOSTILE_NAMES.stream().filter(n -> n.indexOf('\0') < 0)
        .map(n -> "/srv/" + n).toList();
  }

  /** A stand-in btrfs that records its arguments NUL-separated, then prints a real capture. */
  private Path recordingBtrfs(Path argsLog) throws IOException {
    Path real = Fixtures.root().resolve("btrfs-real");
    Path p = dir.resolve("btrfs");
    Files.writeString(p, "#!/bin/sh\n"
        + "printf '%s\\0' \"$@\" >> '" + argsLog + "'\nprintf '\\n' >> '" + argsLog + "'\n"
        + "case \"$1 $2\" in\n"
        + "  'scrub status') cat '" + real.resolve("raid1-corrected.scrub-status-raw") + "' ;;\n"
        + "  'device stats') cat '" + real.resolve("raid1-corrected.device-stats") + "' ;;\n"
        + "  *) exit 1 ;;\n"
        + "esac\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private PluginRun run(String mount, Path argsLog) throws IOException {
    return RaidHarness.run("--btrfs", recordingBtrfs(argsLog).toString(), "--btrfs-mount", mount,
        "--now", NOW, "-v");
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostile_mount_paths_are_one_argument_and_keep_the_output_shape(String mount)
      throws IOException {
    PluginRun plain = run("/srv/data", dir.resolve("plain.args"));
    Path argsLog = dir.resolve("hostile.args");
    PluginRun hostile = run(mount, argsLog);
    assertThat(hostile.exitCode()).as(hostile.stdout()).isEqualTo(plain.exitCode());
    OutputShape.of(hostile.stdout()).assertSameStructureAs(OutputShape.of(plain.stdout()),
        "mount " + mount);
    List<String> calls = List.of(Files.readString(argsLog, StandardCharsets.UTF_8).split("\0\n"));
    assertThat(calls).containsExactly(
        String.join("\0", "scrub", "status", "-R", mount),
        String.join("\0", "device", "stats", mount));
    assertThat(Path.of("/tmp/pwned")).doesNotExist();
  }
}
