package org.vigil.raid.md;

import java.util.ArrayList;
import java.util.List;
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/** Number conversion for the md parsers: digits only, overflow is a parse error. */
final class ParseNumbers {
  private ParseNumbers() {}

  static long parseLong(String digits, String source, int line) throws ParseException {
    if (digits.isEmpty()) {
      throw new ParseException(source, line, digits, "not a number");
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new ParseException(source, line, digits, "not a number");
      }
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new ParseException(source, line, digits, "number out of range");
    }
  }

  static int parseInt(String digits, String source, int line) throws ParseException {
    long value = parseLong(digits, source, line);
    if (value > Integer.MAX_VALUE) {
      throw new ParseException(source, line, digits, "number out of range");
    }
    return (int) value;
  }

  /**
   * The input's lines ({@link TextLines#split}: not empty, not cut mid-line) with trailing spaces
   * and tabs removed; a carriage return anywhere is rejected (neither the kernel nor mdadm prints
   * one, so it means a converted or mangled capture).
   */
  static List<String> lines(String text, String source) throws ParseException {
    List<String> raw = TextLines.split(text, source);
    List<String> lines = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String line = raw.get(i);
      if (line.indexOf('\r') >= 0) {
        throw new ParseException(
            source, i + 1, "\\r", "carriage return in the input (CRLF line ends?)");
      }
      lines.add(stripTrailing(line));
    }
    return lines;
  }

  /** Removes trailing spaces and tabs (captures and the kernel differ there); keeps \r. */
  static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }

  static boolean isIndented(String line) {
    return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
  }

  /**
   * Leading/trailing blanks removed, every inner run of spaces and tabs made one space (by hand,
   * not {@code replaceAll}: see {@link LineShape}).
   */
  static String squeeze(String line) {
    String s = line.strip();
    StringBuilder sb = new StringBuilder(s.length());
    boolean inRun = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean blank = c == ' ' || c == '\t';
      if (!blank) {
        sb.append(c);
      } else if (!inRun) {
        sb.append(' ');
      }
      inRun = blank;
    }
    return sb.toString();
  }
}
