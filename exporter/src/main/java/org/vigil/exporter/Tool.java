package org.vigil.exporter;

/** The external tools the collectors run, with their option names and Debian paths. */
enum Tool {
  DRBDSETUP("--drbdsetup.path", "/usr/sbin/drbdsetup"),
  BTRFS("--btrfs.path", "/usr/bin/btrfs"),
  CRM_MON("--crm_mon.path", "/usr/sbin/crm_mon"),
  COROSYNC_QUORUMTOOL("--corosync-quorumtool.path", "/usr/sbin/corosync-quorumtool"),
  COROSYNC_CFGTOOL("--corosync-cfgtool.path", "/usr/sbin/corosync-cfgtool");

  private final String option;
  private final String defaultPath;

  Tool(String option, String defaultPath) {
    this.option = option;
    this.defaultPath = defaultPath;
  }

  String option() {
    return option;
  }

  /** The absolute path on a Debian system; under {@code --path.rootfs} it is resolved there. */
  String defaultPath() {
    return defaultPath;
  }
}
