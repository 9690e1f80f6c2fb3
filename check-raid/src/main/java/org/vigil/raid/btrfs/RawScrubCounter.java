package org.vigil.raid.btrfs;

import org.vigil.core.Vocabulary;

/**
 * The counters {@code btrfs scrub status -R} prints as {@code \tkey: value}, in print order
 * (cmds/scrub.c {@code print_scrub_full}; struct btrfs_scrub_progress).
 */
public enum RawScrubCounter implements Vocabulary.Word {
  DATA_EXTENTS_SCRUBBED("data_extents_scrubbed"),
  TREE_EXTENTS_SCRUBBED("tree_extents_scrubbed"),
  DATA_BYTES_SCRUBBED("data_bytes_scrubbed"),
  TREE_BYTES_SCRUBBED("tree_bytes_scrubbed"),
  READ_ERRORS("read_errors"),
  CSUM_ERRORS("csum_errors"),
  VERIFY_ERRORS("verify_errors"),
  NO_CSUM("no_csum"),
  CSUM_DISCARDS("csum_discards"),
  SUPER_ERRORS("super_errors"),
  MALLOC_ERRORS("malloc_errors"),
  UNCORRECTABLE_ERRORS("uncorrectable_errors"),
  UNVERIFIED_ERRORS("unverified_errors"),
  CORRECTED_ERRORS("corrected_errors"),
  LAST_PHYSICAL("last_physical");

  public static final Vocabulary<RawScrubCounter> VOCABULARY =
      Vocabulary.of("raw scrub counter", values());

  private final String key;

  RawScrubCounter(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  @Override
  public String token() {
    return key;
  }
}
