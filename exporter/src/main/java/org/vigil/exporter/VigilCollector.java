package org.vigil.exporter;

import java.nio.file.Path;
import java.util.List;

/**
 * One collector: reads its source with the checks' parsers, applies the checks' evaluator and
 * maps both to metric families. It never parses anything itself.
 */
interface VigilCollector {
  /** The collector name of {@code --collector.NAME} and of the {@code collector} label. */
  String name();

  /** The file whose existence means "this subsystem is present on this node". */
  Path source(Sources sources);

  /**
   * Reads and maps everything, or throws; a collector never returns partial results.
   *
   * @throws Exception any failure to read, run or parse a source
   */
  List<MetricFamily> collect(Sources sources) throws Exception;
}
