package org.vigil.exporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One collector: reads its sources with the checks' parsers, applies the checks' evaluator with
 * the checks' defaults and maps both to metric families. It never parses anything itself.
 */
interface VigilCollector {
  /** The collector name of {@code --collector.NAME}, of the {@code collector} label and the
   *  {@code subsystem} of {@code vigil_health_status}. */
  String name();

  /** Where it looks, for people: "/proc/drbd", "btrfs mounts in /proc/self/mounts". */
  String lookedAt(Sources sources);

  /**
   * Whether this subsystem is set up on this node. An absent subsystem is not a failure: it
   * reports nothing at all.
   *
   * @throws IOException when presence itself cannot be determined (the collector then fails)
   */
  boolean present(Sources sources) throws IOException;

  /**
   * Reads and maps everything, or throws; a collector never returns partial results.
   *
   * @throws Exception any failure to read, run or parse a source
   */
  Collected collect(Sources sources) throws Exception;

  /**
   * Whether a file that marks a subsystem as set up exists. Not knowing is an error, not
   * absence: on a cluster node an exporter outside the haclient group cannot look into
   * /var/lib/pacemaker/cib (0750), and that must not read as "no cluster here".
   */
  static boolean configured(Path file) throws IOException {
    try {
      Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
