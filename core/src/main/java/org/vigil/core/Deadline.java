package org.vigil.core;

import java.time.Duration;

/**
 * A point in time by which a whole job (a plugin run, one collector's scrape) must be done; every
 * tool call in the job gets what is left, less a margin for reporting the result.
 *
 * @param atNanos the deadline on the {@link System#nanoTime()} clock
 * @param margin kept back from every call's timeout
 */
public record Deadline(long atNanos, Duration margin) {
  private static final Duration MINIMUM = Duration.ofMillis(1);

  /** A deadline {@code budget} from now, keeping {@code margin} back from every call. */
  public static Deadline after(Duration budget, Duration margin) {
    return new Deadline(System.nanoTime() + budget.toNanos(), margin);
  }

  /** What is left before the deadline less the margin; at least 1 ms, so a call still times out. */
  public Duration remaining() {
    Duration left = Duration.ofNanos(atNanos - System.nanoTime()).minus(margin);
    return left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
  }
}
