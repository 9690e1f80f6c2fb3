package org.vigil.drbd.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything one source said about DRBD on this node.
 *
 * @param format which source and version family it came from
 * @param version the module version from the header, when the source prints one
 * @param resources configured resources; for /proc/drbd each minor is a resource named drbdN
 * @param unconfiguredMinors /proc/drbd minors shown as {@code cs:Unconfigured}
 */
public record DrbdStatus(
    Format format, Optional<String> version, List<DrbdResource> resources,
    List<Integer> unconfiguredMinors) {

  /** Where the status came from; the policy differs slightly between families. */
  public enum Format {
    PROC_DRBD_0_7("/proc/drbd (DRBD 0.7)"),
    PROC_DRBD_8("/proc/drbd (DRBD 8)"),
    /** DRBD 9 /proc/drbd: a version header and no device state at all. */
    PROC_DRBD_9("/proc/drbd (DRBD 9)"),
    DRBDSETUP_STATUS_JSON("drbdsetup status --json");

    private final String description;

    Format(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public DrbdStatus {
    resources = List.copyOf(resources);
    unconfiguredMinors = List.copyOf(unconfiguredMinors);
  }
}
