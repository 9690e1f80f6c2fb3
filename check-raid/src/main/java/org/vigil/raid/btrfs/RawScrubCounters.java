package org.vigil.raid.btrfs;

import java.util.EnumMap;
import java.util.Map;

/**
 * All fifteen {@code -R} counters of one scrub record; each was printed exactly once.
 *
 * @param values every {@link RawScrubCounter} mapped to its value
 */
public record RawScrubCounters(Map<RawScrubCounter, Long> values) {
  public RawScrubCounters {
    EnumMap<RawScrubCounter, Long> copy = new EnumMap<>(RawScrubCounter.class);
    copy.putAll(values);
    for (RawScrubCounter c : RawScrubCounter.values()) {
      Long v = copy.get(c);
      if (v == null || v < 0) {
        throw new IllegalArgumentException("raw counter " + c.key() + " missing or negative");
      }
    }
    values = java.util.Collections.unmodifiableMap(copy);
  }

  public long get(RawScrubCounter counter) {
    return values.get(counter);
  }

  /** data_bytes_scrubbed + tree_bytes_scrubbed, what the summary calls "Bytes scrubbed". */
  public long bytesScrubbed() {
    return Math.addExact(get(RawScrubCounter.DATA_BYTES_SCRUBBED),
        get(RawScrubCounter.TREE_BYTES_SCRUBBED));
  }
}
