package org.vigil.exporter;

import java.util.List;
import org.vigil.core.Subcheck;

/** {@code vigil_health_status}: the checks' verdicts, one series per subcheck. */
final class Health {
  static final String STATUS = "vigil_health_status";
  static final String HELP = "Verdict of the Vigil check's evaluator for this object with the"
      + " check's default options: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.";

  private Health() {}

  static void add(Families families, String subsystem, List<Subcheck> subchecks) {
    families.declare(STATUS, MetricFamily.Type.GAUGE, HELP);
    for (Subcheck s : subchecks) {
      families.add(STATUS, Sample.of(s.state().exitCode(),
          "subsystem", subsystem, "object", s.name()));
    }
  }
}
