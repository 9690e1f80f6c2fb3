package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /metrics is written by {@link TextRenderer}, not by simpleclient: it must write exactly the
 * bytes simpleclient's TextFormat writes for the same families.
 */
class TextRendererTest {
  @ParameterizedTest
  @ValueSource(strings = {"degraded", "drbd9", "broken-drbd", "btrfs", "cluster"})
  void wholeScrapeOfEveryFixtureTreeIsWhatTheLibraryWrites(String scenario) {
    List<MetricFamily> families;
    try (Scraper scraper = Roots.scraper(Roots.sources(scenario), new ArrayList<>())) {
      families = scraper.scrape();
    }
    assertThat(families).hasSizeGreaterThan(3);
    assertSameBytes(families);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 0.1, 1.0 / 3, 9_999_999.0, -9_999_999.0,
      10_000_000.0, -10_000_000.0, 123_456_789_012.0, 9.223372036854776E18, 1e300, 1e-3, 9.99e-4,
      4.9e-324, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY})
  void valuesAreWrittenAsTheLibraryWritesThem(double value) {
    List<MetricFamily> families = List.of(new MetricFamily("vigil_x", MetricFamily.Type.GAUGE,
        "h", List.of(Sample.of(value), Sample.of(value, "a", "b"))));
    assertSameBytes(families);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "quote\"d", "back\\slash", "new\nline", "é ünïcödé",
      "emoji \uD83D\uDE00 pair", "lone high \uD800", "lone low \uDC00 x", "trailing high \uD800",
      "\\\"\n\\n", "r0\",evil=\"1\"} 3\nvigil_x{a=\""})
  void labelValuesAndHelpTextsAreEscapedAndEncodedAsTheLibraryDoes(String text) {
    List<MetricFamily> families = List.of(
        new MetricFamily("vigil_x_total", MetricFamily.Type.COUNTER, "help " + text,
            List.of(Sample.of(3, "object", text, "other", text), Sample.of(4, "object", "y"))),
        new MetricFamily("vigil_y", MetricFamily.Type.GAUGE, text + " help",
            List.of(Sample.of(1, "a", text))));
    assertSameBytes(families);
    assertThat(PrometheusAdapter.text(families).lines().filter(l -> !l.startsWith("#")))
        .hasSize(3);
  }

  @Test
  void aGrowingTextKeepsEverySample() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      samples.add(Sample.of(i, "n", Integer.toString(i)));
    }
    List<MetricFamily> families = List.of(
        new MetricFamily("vigil_many", MetricFamily.Type.GAUGE, "h", samples));
    TextRenderer.Text text = TextRenderer.render(families, 10);
    assertThat(Arrays.copyOf(text.bytes(), text.length()))
        .isEqualTo(PrometheusAdapter.libraryText(families).getBytes(StandardCharsets.UTF_8));
    assertThat(text.bytes().length).isGreaterThanOrEqualTo(text.length());
  }

  /**
   * What /metrics serves is bytes: the library's text as UTF-8 (an unpaired surrogate is '?' in
   * both).
   */
  private static void assertSameBytes(List<MetricFamily> families) {
    TextRenderer.Text ours = TextRenderer.render(families, 0);
    assertThat(new String(ours.bytes(), 0, ours.length(), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(PrometheusAdapter.libraryText(families)
            .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }
}
