package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Label names follow the Prometheus data model; values are free text the adapter escapes. */
class SampleTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "resource", "_x", "peer_disk2", "A_b_C9"})
  void validLabelNamesAreAccepted(String name) {
    assertThat(Sample.of(1, name, "any \"value\"\n|'=;é").label(name)).isEqualTo(
        "any \"value\"\n|'=;é");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1a", "__reserved", "a-b", "a.b", "é", "a b", "state=\"x\""})
  void invalidLabelNamesAreRefused(String name) {
    assertThatThrownBy(() -> Sample.of(1, name, "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid label name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1a", "__reserved", "a-b", "é"})
  void sharedNamesListsAreCheckedWhenMade(String name) {
    assertThatThrownBy(() -> new Sample.Names("resource", name))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid label name");
  }

  @org.junit.jupiter.api.Test
  void aSampleOverASharedNamesListIsTheSameSample() {
    Sample shared = new Sample(new Sample.Names("resource", "state"), java.util.List.of("r0", "Up"),
        1);
    assertThat(shared).isEqualTo(Sample.of(1, "resource", "r0", "state", "Up"));
    assertThat(shared.label("state")).isEqualTo("Up");
    assertThatThrownBy(() -> shared.labelNames().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new Sample(new Sample.Names("a"), java.util.List.of("1", "2"), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
  }

  @org.junit.jupiter.api.Test
  void hostileValuesCannotInjectSeriesIntoTheExposition() {
    MetricFamily f = new MetricFamily("vigil_x", MetricFamily.Type.GAUGE, "help",
        java.util.List.of(Sample.of(1, "object", "r0\",evil=\"1\"} 3\nvigil_x{a=\"")));
    String text = PrometheusAdapter.text(java.util.List.of(f));
    assertThat(text.lines().filter(l -> !l.startsWith("#"))).hasSize(1);
    assertThat(text).contains("object=\"r0\\\",evil=\\\"1\\\"} 3\\nvigil_x{a=\\\"\"");
  }
}
