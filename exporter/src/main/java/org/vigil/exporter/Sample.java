package org.vigil.exporter;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One series of a {@link MetricFamily}: label names and values (in the same order) and a value.
 */
public record Sample(List<String> labelNames, List<String> labelValues, double value) {

  public Sample {
    if (!(labelNames instanceof Names)) {
      labelNames = List.copyOf(labelNames);
      labelNames.forEach(Sample::checkLabelName);
    }
    labelValues = List.copyOf(labelValues);
    if (labelNames.size() != labelValues.size()) {
      throw new IllegalArgumentException("label names " + labelNames + " and values "
          + labelValues + " differ in length");
    }
  }

  /**
   * Label names checked once for many samples: the lines of a state set share one list, and a
   * Sample takes it as it is instead of checking every name again on every line (a scrape of 200
   * DRBD minors has 8,000 such lines). Immutable.
   */
  static final class Names extends AbstractList<String> implements RandomAccess {
    private final String[] names;

    Names(String... names) {
      this.names = names.clone();
      for (String n : this.names) {
        checkLabelName(n);
      }
    }

    @Override
    public String get(int index) {
      return names[index];
    }

    @Override
    public int size() {
      return names.length;
    }
  }

  private static void checkLabelName(String n) {
    if (!validLabelName(n)) {
      throw new IllegalArgumentException("invalid label name '" + n + "'");
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
    String[] names = new String[namesAndValues.length / 2];
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = namesAndValues[2 * i];
      values[i] = namesAndValues[2 * i + 1];
    }
    return new Sample(List.of(names), List.of(values), value);
  }

  /** The value of label {@code name}; empty string when the sample has no such label. */
  public String label(String name) {
    int i = labelNames.indexOf(name);
    return i < 0 ? "" : labelValues.get(i);
  }
}
