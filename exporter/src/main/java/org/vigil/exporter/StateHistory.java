package org.vigil.exporter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.vigil.core.State;
import org.vigil.core.Subcheck;

/**
 * Since when each object has had its current verdict, as far as this exporter has seen: the
 * status page's "since" column. An object first seen gets the time of that reading.
 */
final class StateHistory {
  private record Seen(State state, Instant since) {}

  private final Map<String, Seen> seen = new HashMap<>();

  /** Records a reading and returns, per "subsystem object", since when its state holds. */
  synchronized Map<String, Instant> update(Scrape scrape) {
    Map<String, Seen> now = new HashMap<>();
    for (Scrape.Outcome o : scrape.outcomes()) {
      for (Subcheck sc : o.subchecks()) {
        String key = o.collector() + " " + sc.name();
        Seen before = seen.get(key);
        now.put(key, before != null && before.state() == sc.state() ? before
            : new Seen(sc.state(), scrape.at()));
      }
    }
    seen.clear();
    seen.putAll(now);
    Map<String, Instant> since = new HashMap<>();
    now.forEach((k, v) -> since.put(k, v.since()));
    return since;
  }
}
