package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.OutputShape;

/**
 * DRBD 9 resource and peer names become label values. Whatever they hold, every exposition line
 * stays one sample with well-formed, escaped labels, and a scrape has exactly as many samples as
 * with plain names: nothing breaks out of a label value into a new label, sample or line.
 */
class LabelInjectionTest {
  /** One sample line of the text format; label values with only \\, \" and \n escapes. */
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{(?<labels>[^\\n]*)\\})? [^ \\n]+");
  private static final Pattern LABEL = Pattern.compile(
      "(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");

  @TempDir Path dir;

  static List<String> hostileNames() {
    return OutputShape.HOSTILE_NAMES;
  }

  /** The drbd9 tree with resource r0 and peer node-b renamed. */
  private Path tree(String resource, String peer) throws IOException {
    Path source = Roots.root("drbd9");
    Path target = Files.createTempDirectory(dir, "root");
    try (Stream<Path> all = Files.walk(source)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Path capture = target.resolve("captures/drbdsetup-status-json.out");
    Files.writeString(capture, Files.readString(capture, StandardCharsets.UTF_8)
        .replace("\"r0\"", OutputShape.jsonString(resource))
        .replace("\"node-b\"", OutputShape.jsonString(peer)),
        StandardCharsets.UTF_8);
    return target;
  }

  /** Every sample's labels, in order; fails on any line that is not a comment or a sample. */
  private static List<List<String>> samples(String exposition) {
    List<List<String>> samples = new ArrayList<>();
    for (String line : exposition.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("not one sample: %s", line).isTrue();
      List<String> labels = new ArrayList<>();
      if (m.group("labels") != null) {
        Matcher l = LABEL.matcher(m.group("labels"));
        int at = 0;
        while (l.lookingAt()) {
          labels.add(l.group("name"));
          at = l.end();
          l.region(at, m.group("labels").length());
        }
        assertThat(at).as("labels of %s", line).isEqualTo(m.group("labels").length());
      }
      samples.add(labels);
    }
    return samples;
  }

  private String scrape(Path root) {
    return Roots.scrapeText(Roots.scraper(Sources.underRoot(root), new ArrayList<>()));
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostile_names_stay_inside_their_label_values(String name) throws IOException {
    String plain = scrape(tree("r0", "node-b"));
    String hostile = scrape(tree(name, name));
    assertThat(samples(hostile)).as("label names per sample")
        .containsExactlyElementsOf(samples(plain));
    assertThat(hostile).containsPattern(
        "(?m)^vigil_scrape_collector_success\\{collector=\"drbd\",?\\} 1(\\.0)?$");
  }
}
