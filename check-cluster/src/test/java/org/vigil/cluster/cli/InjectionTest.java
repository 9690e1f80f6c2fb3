package org.vigil.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.AdversarialFixtureTest.PluginRun;
import org.vigil.fixtures.Fixtures;
import org.vigil.fixtures.OutputShape;

/**
 * Node names and resource ids in crm_mon XML are whatever the administrator typed. A captured
 * CRITICAL cluster with its DC node renamed to each hostile name must print the same shape of
 * output as the original: no extra line, no extra perfdata item, no second status line.
 */
class InjectionTest {
  private static final String FIXTURE = "2.1.5-failed-blocked-stopped-node-offline.crm_mon.xml";
  private static final String NODE = "pcmk-1";

  @TempDir Path dir;

  static java.util.List<String> hostileNames() {
    return OutputShape.HOSTILE_NAMES;
  }

  private static String xmlAttribute(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c < 0x20) {
            b.append("&#").append((int) c).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private PluginRun run(String node) throws IOException {
    String xml = Files.readString(Fixtures.path("cluster", FIXTURE), StandardCharsets.UTF_8)
        .replace(NODE, xmlAttribute(node));
    Path f = dir.resolve("crm_mon.xml");
    Files.writeString(f, xml, StandardCharsets.UTF_8);
    return ClusterHarness.run("--crm-mon-xml", f.toString(), "-v");
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostile_node_and_resource_names_keep_the_output_shape(String name) throws IOException {
    PluginRun plain = run(NODE);
    PluginRun hostile = run(name);
    assertThat(ClusterHarness.firstLine(hostile)).matches(ClusterHarness.STATUS_LINE);
    if (name.chars().anyMatch(c -> c == 0)) {
      // XML 1.0 cannot carry NUL even as a character reference: refused, on one clean line.
      assertThat(hostile.exitCode()).isEqualTo(3);
      assertThat(OutputShape.of(hostile.stdout()).longOutput()).isEmpty();
      return;
    }
    assertThat(hostile.exitCode()).as(hostile.stdout()).isEqualTo(plain.exitCode());
    OutputShape.of(hostile.stdout()).assertSameStructureAs(OutputShape.of(plain.stdout()),
        "node named " + name);
  }
}
