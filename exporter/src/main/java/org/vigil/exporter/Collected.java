package org.vigil.exporter;

import java.util.List;
import org.vigil.core.Subcheck;

/**
 * What one collector read on one scrape: its metric families and the checks' verdicts, one
 * {@link Subcheck} per object. The verdicts become {@code vigil_health_status} and the lines of
 * {@code vigil report}.
 */
record Collected(List<MetricFamily> families, List<Subcheck> subchecks) {
  Collected {
    families = List.copyOf(families);
    subchecks = List.copyOf(subchecks);
  }
}
