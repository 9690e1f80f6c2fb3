package org.vigil.raid.md;

import org.vigil.core.Vocabulary;

/** The optional read-only marker after {@code active}/{@code broken} in /proc/mdstat. */
public enum MdReadOnly implements Vocabulary.Word {
  READ_WRITE(""),
  /** {@code (read-only)}: mddev->ro == MD_RDONLY; writes fail. */
  READ_ONLY("(read-only)"),
  /** {@code (auto-read-only)}: not written since assembly; switches to read-write on write. */
  AUTO_READ_ONLY("(auto-read-only)");

  public static final Vocabulary<MdReadOnly> VOCABULARY =
      Vocabulary.of("read-only marker", values());

  private final String token;

  MdReadOnly(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
