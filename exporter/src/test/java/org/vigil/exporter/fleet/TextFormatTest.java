package org.vigil.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;

class TextFormatTest {

  @ParameterizedTest
  @ValueSource(strings = {"cluster.prom", "drbd9.prom", "degraded.prom", "broken-drbd.prom",
      "btrfs.prom"})
  void readsEveryGoldenScrapeOfTheExporter(String golden) throws Exception {
    String text = Files.readString(Path.of("src/test/resources/golden", golden));
    List<ExposedSample> samples = TextFormat.parse(text, golden);
    long lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    assertThat(samples).hasSize((int) lines);
  }

  @Test
  void readsLabelsEscapesValuesAndTimestamps() throws Exception {
    List<ExposedSample> s = TextFormat.parse("""
        # HELP m A help text with \\\\ and \\n.
        # TYPE m gauge
        m{a="x\\"y",b="1\\\\2\\n3",} 1.5
        m{a="z"} -Inf 1700000000000
        # any other comment
        m_total 2e3

        n NaN
        """, "t");
    assertThat(s).extracting(ExposedSample::name).containsExactly("m", "m", "m_total", "n");
    assertThat(s.get(0).labels()).isEqualTo(Map.of("a", "x\"y", "b", "1\\2\n3"));
    assertThat(s.get(0).value()).isEqualTo(1.5);
    assertThat(s.get(1).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(s.get(2).value()).isEqualTo(2000);
    assertThat(s.get(3).value()).isNaN();
    assertThat(s.get(3).line()).isEqualTo(8);
    assertThat(s.get(0).label("missing")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "m{a=\"x\"} one                  | 2 | one                   | not a number",
      "m{a=\"x\" 1                     | 2 | 1                     | expected ',' or '}'",
      "m{a=x} 1                        | 2 | x} 1                  | expected '\"'",
      "m{a=\"x} 1                      | 2 | m{a=\"x} 1            | without its closing quote",
      "m{a=\"\\t\"} 1                  | 2 | \\t                   | unknown escape",
      "m{a=\"1\",a=\"2\"} 1            | 2 | a                     | label twice",
      "m{1a=\"x\"} 1                   | 2 | 1a                    | not a valid label name",
      "9m 1                            | 2 | 9m                    | not a valid metric name",
      "m                               | 2 | end of line           | expected a blank and the value",
      "m 1 2 3                         | 2 | 1 2 3                 | expected a value and an optional",
      "m 1 soon                        | 2 | soon                  | not a timestamp",
      "m{} 1\\nm 2                     | 3 | m 2                   | the same series twice",
      "# TYPE m gauge\\n# TYPE m gauge | 3 | m                     | a second TYPE line",
      "# TYPE m widget                 | 2 | widget                | unknown metric type",
      "# TYPE m                        | 2 | # TYPE m              | a TYPE line is",
      "x 1\\n# TYPE x gauge            | 3 | x                     | TYPE after the name's samples",
  })
  void refusesMalformedLinesNamingTheLineAndToken(String line, int lineNo, String token,
      String reason) {
    String text = "ok 1\n" + line.replace("\\n", "\n") + "\n";
    assertThatThrownBy(() -> TextFormat.parse(text, "http://node-a:10923/metrics"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("http://node-a:10923/metrics line " + lineNo + ": ")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((ParseException) e).token()).isEqualTo(token));
  }
}
