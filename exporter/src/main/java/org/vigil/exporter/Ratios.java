package org.vigil.exporter;

import java.math.BigDecimal;

/** Percentages as the sources print them, turned into 0..1 ratios. */
final class Ratios {
  private Ratios() {}

  /**
   * {@code percent / 100}, clamped to 0..1, computed in decimal so that 75.1 % is 0.751 and not
   * 0.7509999999999999.
   */
  static double fromPercent(double percent) {
    if (Double.isNaN(percent)) {
      return Double.NaN;
    }
    double ratio = BigDecimal.valueOf(percent).movePointLeft(2).doubleValue();
    return Math.max(0, Math.min(1, ratio));
  }
}
