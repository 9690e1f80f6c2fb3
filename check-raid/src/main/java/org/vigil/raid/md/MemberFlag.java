package org.vigil.raid.md;

/**
 * Member flags of /proc/mdstat, in the order md.c prints them: {@code (W)} WriteMostly, {@code (J)}
 * Journal, {@code (F)} Faulty (nothing follows it), {@code (S)} spare (raid_disk &lt; 0), {@code
 * (R)} Replacement.
 */
public enum MemberFlag {
  WRITE_MOSTLY('W'),
  JOURNAL('J'),
  FAULTY('F'),
  SPARE('S'),
  REPLACEMENT('R');

  private final char letter;

  MemberFlag(char letter) {
    this.letter = letter;
  }

  public char letter() {
    return letter;
  }

  /** The flag as printed, e.g. {@code (F)}. */
  public String token() {
    return "(" + letter + ")";
  }

  static MemberFlag ofLetter(char c) {
    for (MemberFlag f : values()) {
      if (f.letter == c) {
        return f;
      }
    }
    return null;
  }
}
