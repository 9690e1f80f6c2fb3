package org.vigil.raid.live;

import java.util.ArrayList;
import java.util.List;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Parses /proc/self/mounts (fs/proc_namespace.c {@code show_vfsmnt}): six space-separated fields
 * per line, with space, tab, newline and backslash in paths escaped as {@code \040}, {@code \011},
 * {@code \012} and {@code \134}.
 */
public final class ProcMounts {
  /** One mounted filesystem. */
  public record Mount(String device, String mountPoint, String type) {}

  private ProcMounts() {}

  public static List<Mount> parse(String text, String source) throws ParseException {
    List<Mount> mounts = new ArrayList<>();
    List<String> lines = TextLines.split(text, source);
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(" ", -1);
      if (fields.length != 6) {
        throw new ParseException(source, i + 1, lines.get(i), "expected 6 fields");
      }
      mounts.add(new Mount(
          unescape(fields[0], source, i + 1), unescape(fields[1], source, i + 1), fields[2]));
    }
    return mounts;
  }

  private static String unescape(String field, String source, int line) throws ParseException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i + 3 >= field.length()) {
        throw new ParseException(source, line, field, "truncated octal escape");
      }
      String octal = field.substring(i + 1, i + 4);
      if (!octal.matches("[0-7]{3}")) {
        throw new ParseException(source, line, field, "bad octal escape");
      }
      sb.append((char) Integer.parseInt(octal, 8));
      i += 3;
    }
    return sb.toString();
  }
}
