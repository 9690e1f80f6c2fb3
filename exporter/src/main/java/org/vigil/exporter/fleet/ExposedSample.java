package org.vigil.exporter.fleet;

import java.util.Map;

/**
 * One sample line of a scrape.
 *
 * @param name the metric name
 * @param labels the labels, in the order of the line
 * @param value the value (NaN and infinities as the format spells them)
 * @param line the 1-based line it came from
 */
public record ExposedSample(String name, Map<String, String> labels, double value, int line) {
  public ExposedSample {
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  /** The label's value; "" when the sample has no such label (as Prometheus reads it). */
  public String label(String label) {
    return labels.getOrDefault(label, "");
  }
}
