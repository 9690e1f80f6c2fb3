package org.vigil.drbd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.OutputShape;

/**
 * DRBD 9 resource and peer names are free text in {@code drbdsetup status --json}. Whatever they
 * hold, check_drbd's output has the shape it has for a plain name: no extra line, no extra
 * perfdata item, no second status line.
 */
class InjectionTest {
  @TempDir Path dir;

  private static String json(String name, String peerDisk) {
    String n = OutputShape.jsonString(name);
    return "[{\"name\":" + n + ",\"role\":\"Primary\",\"devices\":[{\"volume\":0,\"minor\":0,"
        + "\"disk-state\":\"UpToDate\"}],\"connections\":[{\"name\":" + n + ",\"connection-state\":"
        + "\"Connected\",\"peer-role\":\"Secondary\",\"peer_devices\":[{\"volume\":0,"
        + "\"replication-state\":\"Established\",\"peer-disk-state\":\"" + peerDisk + "\"}]}]}]";
  }

  static Stream<Arguments> cases() {
    return OutputShape.HOSTILE_NAMES.stream().flatMap(name -> Stream.of(
        Arguments.of(name, "UpToDate"), Arguments.of(name, "DUnknown")));
  }

  private PluginHarness.Run run(String name, String peerDisk, String... extra) throws IOException {
    Path f = dir.resolve("status.json");
    Files.writeString(f, json(name, peerDisk), StandardCharsets.UTF_8);
    String[] args = Stream.concat(Stream.of("--status-json", f.toString()), Stream.of(extra))
        .toArray(String[]::new);
    return PluginHarness.run(args);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void hostile_names_keep_the_output_shape(String name, String peerDisk) throws IOException {
    PluginHarness.Run plain = run("r0", peerDisk, "-v");
    PluginHarness.Run hostile = run(name, peerDisk, "-v");
    assertThat(hostile.exitCode()).isEqualTo(plain.exitCode());
    OutputShape.of(hostile.stdout()).assertSameStructureAs(OutputShape.of(plain.stdout()),
        "resource named " + name);
    assertThat(hostile.firstLine()).matches(PluginHarness.STATUS_LINE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void a_hostile_selector_that_matches_nothing_is_one_clean_line(String name, String peerDisk)
      throws IOException {
    PluginHarness.Run run = run("r0", peerDisk, "-r", name);
    assertThat(run.exitCode()).isEqualTo(2);
    OutputShape shape = OutputShape.of(run.stdout());
    assertThat(shape.statusText()).startsWith("DRBD CRITICAL - ").contains("selected resource");
    assertThat(shape.longOutput()).hasSize(1);
  }
}
