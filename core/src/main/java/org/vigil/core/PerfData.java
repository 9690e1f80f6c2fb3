package org.vigil.core;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One performance-data item, {@code 'label'=value[UOM];[warn];[crit];[min];[max]}.
 *
 * <p>Labels are always single-quoted, with a literal quote doubled, so an object name can never
 * close the label and inject further perfdata. Characters that would end the perfdata part or the
 * line ({@code |}, control characters) are replaced by {@code _}.
 */
public record PerfData(
    String label,
    double value,
    Unit unit,
    Optional<Range> warning,
    Optional<Range> critical,
    OptionalDouble min,
    OptionalDouble max) {

  /** Units of measure from the plugin guidelines. */
  public enum Unit {
    NONE(""),
    SECONDS("s"),
    PERCENT("%"),
    BYTES("B"),
    COUNTER("c");

    private final String symbol;

    Unit(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public PerfData {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("perfdata label must not be empty");
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("perfdata value for '" + label + "' is not finite");
    }
  }

  public static PerfData of(String label, double value, Unit unit) {
    return new PerfData(
        label, value, unit, Optional.empty(), Optional.empty(), OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  public PerfData withThresholds(Thresholds thresholds) {
    return new PerfData(label, value, unit, thresholds.warning(), thresholds.critical(), min, max);
  }

  public PerfData withMin(double newMin) {
    return new PerfData(label, value, unit, warning, critical, OptionalDouble.of(newMin), max);
  }

  public PerfData withMax(double newMax) {
    return new PerfData(label, value, unit, warning, critical, min, OptionalDouble.of(newMax));
  }

  /** The item in plugin syntax; trailing empty fields are dropped. */
  public String format() {
    String[] fields = {
      Numbers.plain(value) + unit.symbol(),
      warning.isPresent() ? warning.get().text() : "",
      critical.isPresent() ? critical.get().text() : "",
      min.isPresent() ? Numbers.plain(min.getAsDouble()) : "",
      max.isPresent() ? Numbers.plain(max.getAsDouble()) : ""
    };
    int last = fields.length - 1;
    while (last > 0 && fields[last].isEmpty()) {
      last--;
    }
    StringBuilder sb = new StringBuilder(quote(label)).append('=');
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        sb.append(';');
      }
      sb.append(fields[i]);
    }
    return sb.toString();
  }

  static String quote(String label) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c == '\'') {
        sb.append("''");
      } else if (c == '|' || c < 0x20 || c == 0x7f) {
        sb.append('_');
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
