package org.vigil.raid.policy;

import java.time.Duration;

/**
 * What the operator told check_raid about btrfs filesystems.
 *
 * @param scrubMaxAge the age beyond which the last finished scrub is too old (WARNING); the
 *     default, 35 days, leaves a monthly scrub job a few days of slack
 */
public record BtrfsPolicyOptions(Duration scrubMaxAge) {
  public static final Duration DEFAULT_SCRUB_MAX_AGE = Duration.ofDays(35);

  public BtrfsPolicyOptions {
    if (scrubMaxAge.isNegative() || scrubMaxAge.isZero()) {
      throw new IllegalArgumentException("the scrub age limit must be positive");
    }
  }

  public static BtrfsPolicyOptions defaults() {
    return new BtrfsPolicyOptions(DEFAULT_SCRUB_MAX_AGE);
  }
}
