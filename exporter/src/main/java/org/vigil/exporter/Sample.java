package org.vigil.exporter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One series of a {@link MetricFamily}: label names and values (in the same order) and a value.
 */
public record Sample(List<String> labelNames, List<String> labelValues, double value) {
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public Sample {
    labelNames = List.copyOf(labelNames);
    labelValues = List.copyOf(labelValues);
    if (labelNames.size() != labelValues.size()) {
      throw new IllegalArgumentException("label names " + labelNames + " and values "
          + labelValues + " differ in length");
    }
    for (String n : labelNames) {
      if (!LABEL.matcher(n).matches() || n.startsWith("__")) {
        throw new IllegalArgumentException("invalid label name '" + n + "'");
      }
    }
  }

  /** A sample from alternating label names and values: {@code of(1, "array", "md0")}. */
  public static Sample of(double value, String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels must come in name/value pairs");
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      names.add(namesAndValues[i]);
      values.add(namesAndValues[i + 1]);
    }
    return new Sample(names, values, value);
  }

  /** The value of label {@code name}; empty string when the sample has no such label. */
  public String label(String name) {
    int i = labelNames.indexOf(name);
    return i < 0 ? "" : labelValues.get(i);
  }
}
