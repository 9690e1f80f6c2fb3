package org.vigil.raid.policy;

import java.util.List;

/**
 * What the operator told check_raid about the md arrays.
 *
 * @param selectedArrays arrays to check ({@code -a/--array}), by name {@code md0} or device {@code
 *     /dev/md0} (or {@code /dev/md/name}); empty means every array found
 * @param warnReadOnly also warn about {@code (auto-read-only)} arrays ({@code --warn-read-only})
 */
public record MdPolicyOptions(List<String> selectedArrays, boolean warnReadOnly) {
  public MdPolicyOptions {
    selectedArrays = List.copyOf(selectedArrays);
  }

  public static MdPolicyOptions defaults() {
    return new MdPolicyOptions(List.of(), false);
  }
}
