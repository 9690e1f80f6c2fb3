package org.vigil.raid.md;

import org.vigil.core.LineShape;

/**
 * Array names as the check reports them (kernel names, {@code md0}, or {@code md/<name>}) and as
 * the kernel makes them.
 */
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

  /** {@code md(?:\d+|_[A-Za-z0-9_]+)}: a kernel md device name, md0 or md_home. */
  static boolean isMdName(String name) {
    return name.startsWith("md") && isMdSuffix(name, 2, name.length());
  }

  /** {@code \d+|_[A-Za-z0-9_]+} between {@code from} and {@code to}. */
  static boolean isMdSuffix(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    if (text.charAt(from) == '_') {
      if (from + 1 >= to) {
        return false;
      }
      for (int i = from + 1; i < to; i++) {
        char c = text.charAt(i);
        boolean word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || LineShape.isDigit(c) || c == '_';
        if (!word) {
          return false;
        }
      }
      return true;
    }
    for (int i = from; i < to; i++) {
      if (!LineShape.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
