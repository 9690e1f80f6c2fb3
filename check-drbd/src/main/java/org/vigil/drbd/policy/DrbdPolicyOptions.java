package org.vigil.drbd.policy;

import java.util.List;
import java.util.Optional;
import org.vigil.core.Range;
import org.vigil.core.Thresholds;
import org.vigil.drbd.model.Role;

/**
 * What the operator told check_drbd about this node.
 *
 * @param selected resources to check, by name or minor; empty means all configured ones
 * @param expectRole the role this node must have, if any
 * @param allowDualPrimary accept both sides Primary
 * @param allowDiskless accept intentionally diskless clients (DRBD 9 client / peer-client true)
 * @param outOfSync thresholds in bytes for data out of sync while connected and not resyncing
 */
public record DrbdPolicyOptions(
    List<String> selected,
    Optional<Role> expectRole,
    boolean allowDualPrimary,
    boolean allowDiskless,
    Thresholds outOfSync) {

  /** Without -w, any out-of-sync data outside a resync is a warning. */
  public static final Range DEFAULT_OUT_OF_SYNC_WARNING = Range.parse("0");

  public DrbdPolicyOptions {
    selected = List.copyOf(selected);
  }

  public static DrbdPolicyOptions defaults() {
    return new DrbdPolicyOptions(
        List.of(), Optional.empty(), false, false,
        new Thresholds(Optional.of(DEFAULT_OUT_OF_SYNC_WARNING), Optional.empty()));
  }
}
