package org.vigil.raid.md;

import java.util.ArrayList;
import java.util.List;

/**
 * An all-or-nothing match of one line against a fixed shape, written out by hand instead of
 * java.util.regex: on JDK 17 the first {@code Pattern.compile} of a run boots the whole
 * java.lang.invoke machinery (CharPredicates' lambdas), tens of milliseconds of every check's
 * start. Each step consumes what it names and returns false when the line does not fit there, so
 * a shape reads like the pattern it stands for: {@code s.literal(" [") && s.digits()} is
 * {@code " \[\d+"}.
 *
 * <p>The character classes are those of {@link java.util.regex.Pattern} without flags, which the
 * grammar was first written in: a space is {@code \s} (space, \t, \n, \x0B, \f, \r), a digit is
 * {@code \d} (ASCII 0-9), and {@code .} is anything but a line terminator (\n, \r, U+0085,
 * U+2028, U+2029). Every step is greedy without backtracking, which is exact where the shape goes
 * on with a character the step cannot consume; the shapes here are written that way.
 */
final class LineShape {
  private final String line;
  private int pos;

  LineShape(String line) {
    this(line, 0);
  }

  LineShape(String line, int start) {
    this.line = line;
    this.pos = start;
  }

  int position() {
    return pos;
  }

  /** Goes back to an earlier {@link #position()}: an optional part that did not fit. */
  void reset(int position) {
    pos = position;
  }

  /** The text matched from {@code start} (an earlier {@link #position()}) up to here. */
  String since(int start) {
    return line.substring(start, pos);
  }

  boolean atEnd() {
    return pos == line.length();
  }

  boolean literal(String text) {
    if (!line.startsWith(text, pos)) {
      return false;
    }
    pos += text.length();
    return true;
  }

  /** {@code \d+} */
  boolean digits() {
    return digits(1, Integer.MAX_VALUE);
  }

  /** {@code \d{min,max}} where the shape goes on with something other than a digit. */
  boolean digits(int min, int max) {
    int start = pos;
    while (pos < line.length() && isDigit(line.charAt(pos))) {
      pos++;
    }
    return pos - start >= min && pos - start <= max;
  }

  /** {@code \d+}, returning the digits, or null when there is none. */
  String number() {
    int start = pos;
    return digits() ? since(start) : null;
  }

  /** {@code [from-to]+} where the shape goes on with a character outside the range. */
  boolean range(char from, char to) {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) >= from && line.charAt(pos) <= to) {
      pos++;
    }
    return pos > start;
  }

  /** {@code c*} */
  void repeated(char c) {
    while (pos < line.length() && line.charAt(pos) == c) {
      pos++;
    }
  }

  /** {@code [^c]*} */
  void until(char c) {
    while (pos < line.length() && line.charAt(pos) != c) {
      pos++;
    }
  }

  /** {@code \S+} */
  boolean nonSpaces() {
    int start = pos;
    while (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  /** {@code \S} */
  boolean nonSpace() {
    if (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
      return true;
    }
    return false;
  }

  /** {@code .*} up to the end of the line: false when a line terminator is left. */
  boolean restOfLine() {
    for (int i = pos; i < line.length(); i++) {
      if (isLineTerminator(line.charAt(i))) {
        return false;
      }
    }
    pos = line.length();
    return true;
  }

  /** {@code \s} */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** {@code \d} */
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** What {@code .} does not match. */
  static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** The index of the first {@code \s} in {@code text}, or -1. */
  static int firstSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isSpace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code text.split("[ \t]+")} (or {@code "\\s+"} when {@code anySpace}) with String.split's
   * rules: no separator gives the text itself, a separator at the start an empty first field,
   * and trailing empty fields are dropped.
   */
  static String[] split(String text, boolean anySpace) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    int i = 0;
    boolean separated = false;
    while (i < text.length()) {
      if (!isSeparator(text.charAt(i), anySpace)) {
        i++;
        continue;
      }
      fields.add(text.substring(start, i));
      while (i < text.length() && isSeparator(text.charAt(i), anySpace)) {
        i++;
      }
      start = i;
      separated = true;
    }
    if (!separated) {
      return new String[] {text};
    }
    fields.add(text.substring(start));
    int size = fields.size();
    while (size > 0 && fields.get(size - 1).isEmpty()) {
      size--;
    }
    return fields.subList(0, size).toArray(new String[0]);
  }

  private static boolean isSeparator(char c, boolean anySpace) {
    return anySpace ? isSpace(c) : c == ' ' || c == '\t';
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
        boolean word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '_';
        if (!word) {
          return false;
        }
      }
      return true;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
