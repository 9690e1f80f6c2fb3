package org.vigil.raid.md;

/** Array names as the check reports them: kernel names ({@code md0}) or {@code md/<name>}. */
public final class MdNames {
  private MdNames() {}

  /**
   * {@code /dev/md0} and {@code md0} give {@code md0}; {@code /dev/md/data} gives {@code
   * md/data}.
   */
  public static String normalize(String nameOrDevice) {
    String s = nameOrDevice.strip();
    if (s.startsWith("/dev/")) {
      s = s.substring("/dev/".length());
    }
    return s;
  }
}
