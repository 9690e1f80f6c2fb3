package org.vigil.exporter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigil.core.State;
import org.vigil.core.Subcheck;

/**
 * One reading of every collector: what the exporter serves as metrics and {@code vigil report}
 * prints for a person.
 *
 * @param at when the reading started
 * @param outcomes one per known collector, in the collectors' fixed order
 */
record Scrape(Instant at, List<Outcome> outcomes) {
  Scrape {
    outcomes = List.copyOf(outcomes);
  }

  /** What became of one collector on this reading. */
  enum Status {
    /** Turned off with {@code --no-collector.NAME}. */
    DISABLED,
    /** Not set up on this node: nothing to report, which is not a failure. */
    ABSENT,
    /** Read and understood everything. */
    COLLECTED,
    /** Could not read, run or understand a source; the reason says which. */
    FAILED
  }

  /**
   * @param collector the collector's name
   * @param lookedAt where it looked, for people
   * @param status what became of it
   * @param collection what it read, when {@link Status#COLLECTED}
   * @param error the one-line reason, when {@link Status#FAILED}
   * @param took how long it ran (zero when it did not run)
   */
  record Outcome(String collector, String lookedAt, Status status,
      Optional<Collected> collection, Optional<String> error, Duration took) {

    /** The objects' verdicts; empty unless collected. */
    List<Subcheck> subchecks() {
      return collection.map(Collected::subchecks).orElse(List.of());
    }

    /** Worst of the objects' verdicts; UNKNOWN for a failure, OK when absent or disabled. */
    State state() {
      if (status == Status.FAILED) {
        return State.UNKNOWN;
      }
      return State.worst(subchecks().stream().map(Subcheck::state).toList());
    }
  }

  /** The worst state over all collectors: the exit code of {@code vigil report}. */
  State state() {
    return State.worst(outcomes.stream().map(Outcome::state).toList());
  }
}
