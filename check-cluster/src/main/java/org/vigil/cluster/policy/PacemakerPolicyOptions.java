package org.vigil.cluster.policy;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What the operator told check_cluster about the Pacemaker side.
 *
 * @param ignoreResource resource ids (of a primitive, or of the clone, group or bundle around it)
 *     that fully match this pattern are left out of resource findings, failed actions, failcounts
 *     and bans ({@code --ignore-resource})
 * @param expectNodes how many cluster member nodes must be online ({@code --expect-nodes})
 * @param failcountWarn a fail-count at or above this is a warning ({@code --failcount-warn});
 *     values below 1 switch the absolute check off (the migration-threshold checks stay)
 * @param warnBans warn about {@code cli-ban-*}/{@code cli-prefer-*} constraints left by
 *     {@code crm_resource --ban/--move} ({@code --warn-bans})
 */
public record PacemakerPolicyOptions(
    Optional<Pattern> ignoreResource, OptionalInt expectNodes, int failcountWarn,
    boolean warnBans) {

  public static final int DEFAULT_FAILCOUNT_WARN = 1;

  public PacemakerPolicyOptions {
    if (expectNodes.isPresent() && expectNodes.getAsInt() < 0) {
      throw new IllegalArgumentException("expectNodes must not be negative");
    }
  }

  public static PacemakerPolicyOptions defaults() {
    return new PacemakerPolicyOptions(
        Optional.empty(), OptionalInt.empty(), DEFAULT_FAILCOUNT_WARN, false);
  }

  public PacemakerPolicyOptions withIgnoreResource(String regex) {
    return new PacemakerPolicyOptions(
        Optional.of(Pattern.compile(regex)), expectNodes, failcountWarn, warnBans);
  }

  public PacemakerPolicyOptions withExpectNodes(int n) {
    return new PacemakerPolicyOptions(ignoreResource, OptionalInt.of(n), failcountWarn, warnBans);
  }

  public PacemakerPolicyOptions withFailcountWarn(int n) {
    return new PacemakerPolicyOptions(ignoreResource, expectNodes, n, warnBans);
  }

  public PacemakerPolicyOptions withWarnBans(boolean warn) {
    return new PacemakerPolicyOptions(ignoreResource, expectNodes, failcountWarn, warn);
  }
}
