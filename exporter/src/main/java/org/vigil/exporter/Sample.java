package org.vigil.exporter;

import java.util.ArrayList;
import java.util.List;

/**
 * One series of a {@link MetricFamily}: label names and values (in the same order) and a value.
 */
public record Sample(List<String> labelNames, List<String> labelValues, double value) {

  public Sample {
    labelNames = List.copyOf(labelNames);
    labelValues = List.copyOf(labelValues);
    if (labelNames.size() != labelValues.size()) {
      throw new IllegalArgumentException("label names " + labelNames + " and values "
          + labelValues + " differ in length");
    }
    for (String n : labelNames) {
      if (!validLabelName(n)) {
        throw new IllegalArgumentException("invalid label name '" + n + "'");
      }
    }
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*}, not reserved ({@code __}); a loop, as it runs per sample. */
  static boolean validLabelName(String n) {
    if (n.isEmpty() || n.startsWith("__")) {
      return false;
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!(letter || (i > 0 && c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
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
