package org.vigil.exporter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One metric family as the collectors produce it, independent of any Prometheus library; {@link
 * PrometheusAdapter} is the only class that turns it into library objects.
 *
 * @param name the full metric name; a counter's name ends in {@code _total}, no other does
 * @param type gauge or counter
 * @param help the HELP text
 * @param samples the series of this family, in output order
 */
public record MetricFamily(String name, Type type, String help, List<Sample> samples) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** The metric types the exporter uses. */
  public enum Type {
    GAUGE,
    COUNTER
  }

  public MetricFamily {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    if ((type == Type.COUNTER) != name.endsWith("_total")) {
      throw new IllegalArgumentException(
          "counter names and only counter names end in _total: " + name + " (" + type + ")");
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException("metric " + name + " needs a HELP text");
    }
    samples = List.copyOf(samples);
  }

  /** This family with {@code more} samples appended (for families several collectors share). */
  MetricFamily plus(MetricFamily more) {
    if (!more.name.equals(name) || more.type != type || !more.help.equals(help)) {
      throw new IllegalArgumentException("cannot merge " + more.name + " into " + name
          + ": type or HELP differ");
    }
    List<Sample> all = new java.util.ArrayList<>(samples);
    all.addAll(more.samples);
    return new MetricFamily(name, type, help, all);
  }
}
