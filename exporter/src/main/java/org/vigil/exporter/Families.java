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
    if (baseLabels.length % 2 != 0) {
      throw new IllegalArgumentException("labels must come in name/value pairs");
    }
    // One checked names list for the whole set (Sample then neither copies nor checks it):
    // state sets are most of the exporter's samples.
    String[] names = new String[baseLabels.length / 2 + 1];
    String[] values = new String[names.length];
    for (int i = 0; i < baseLabels.length / 2; i++) {
      names[i] = baseLabels[2 * i];
      values[i] = baseLabels[2 * i + 1];
    }
    names[names.length - 1] = stateLabel;
    List<String> nameList = new Sample.Names(names);
    for (E value : vocabulary.getEnumConstants()) {
      values[values.length - 1] = token.apply(value);
      add(name, new Sample(nameList, List.of(values), value == current ? 1 : 0));
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
