package org.vigil.exporter;

import java.util.List;

/** Every collector, in the order they appear in metrics, reports and help. */
final class Collectors {
  private Collectors() {}

  static List<VigilCollector> all() {
    return List.of(
        new DrbdCollector(),
        new MdCollector(),
        new BtrfsCollector(),
        new PacemakerCollector(),
        new CorosyncCollector());
  }
}
