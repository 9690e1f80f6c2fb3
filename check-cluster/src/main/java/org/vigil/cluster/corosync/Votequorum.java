package org.vigil.cluster.corosync;

import java.util.Set;

/**
 * The {@code Votequorum information} section.
 *
 * @param expectedVotes {@code Expected votes:}
 * @param highestExpected {@code Highest expected:}
 * @param totalVotes {@code Total votes:}
 * @param quorum {@code Quorum:} votes needed
 * @param activityBlocked whether {@code Activity blocked} follows the quorum number
 * @param flags the words of the {@code Flags:} line
 */
public record Votequorum(
    int expectedVotes, int highestExpected, int totalVotes, int quorum, boolean activityBlocked,
    Set<QuorumFlag> flags) {
  public Votequorum {
    flags = Set.copyOf(flags);
  }

  public boolean has(QuorumFlag flag) {
    return flags.contains(flag);
  }
}
