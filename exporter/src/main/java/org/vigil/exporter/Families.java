package org.vigil.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects samples per family while a collector walks its model, and builds the immutable
 * families in the order they were first declared. Families without samples are dropped.
 */
final class Families {
  private record Declared(MetricFamily.Type type, String help, List<Sample> samples) {}

  private final Map<String, Declared> families = new LinkedHashMap<>();

  /** Declares a family (idempotent for the same type and help) so its output order is fixed. */
  Families declare(String name, MetricFamily.Type type, String help) {
    Declared d = families.computeIfAbsent(name, n -> new Declared(type, help, new ArrayList<>()));
    if (d.type != type || !d.help.equals(help)) {
      throw new IllegalArgumentException("family " + name + " declared twice differently");
    }
    return this;
  }

  void add(String name, Sample sample) {
    Declared d = families.get(name);
    if (d == null) {
      throw new IllegalArgumentException("family " + name + " not declared");
    }
    d.samples.add(sample);
  }

  /**
   * Adds a complete state set: one sample per enum constant, 1 for {@code current} and 0 for every
   * other value, each with the base labels plus {@code stateLabel}.
   */
  <E extends Enum<E>> void stateSet(String name, Class<E> vocabulary, E current,
      Function<E, String> token, String stateLabel, String... baseLabels) {
    for (E value : vocabulary.getEnumConstants()) {
      String[] labels = java.util.Arrays.copyOf(baseLabels, baseLabels.length + 2);
      labels[baseLabels.length] = stateLabel;
      labels[baseLabels.length + 1] = token.apply(value);
      add(name, Sample.of(value == current ? 1 : 0, labels));
    }
  }

  List<MetricFamily> build() {
    List<MetricFamily> result = new ArrayList<>();
    families.forEach((name, d) -> {
      if (!d.samples.isEmpty()) {
        result.add(new MetricFamily(name, d.type, d.help, d.samples));
      }
    });
    return result;
  }
}
