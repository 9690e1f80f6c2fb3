package org.vigil.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An all-or-nothing match of one line against a fixed shape, written out by hand instead of
 * java.util.regex: a regex per line costs too much on large inputs (10,000 DRBD minors are
 * 20,000 lines), and on JDK 17 a check's first {@code Pattern.compile} boots the whole
 * java.lang.invoke machinery (CharPredicates' lambdas), tens of milliseconds of its start.
 * Each step consumes what it names and returns false when the line does not fit there, so a
 * shape reads like the pattern it stands for: {@code s.spaces() && s.literal("stalled") &&
 * s.atEnd()} is {@code \s+stalled}.
 *
 * <p>The character classes are those of {@link java.util.regex.Pattern} without flags, which the
 * grammars were first written in: a space is {@code \s} (space, \t, \n, \x0B, \f, \r), a digit
 * is {@code \d} (ASCII 0-9), and {@code .} is anything but a line terminator (\n, \r, U+0085,
 * U+2028, U+2029). Every step is greedy without backtracking, which is exact where the shape goes
 * on with a character the step cannot consume; the shapes are written that way, and each
 * parser's agreement test checks its shapes against the regexes they replaced.
 */
public final class LineShape {
  private final String line;
  private int pos;

  public LineShape(String line) {
    this(line, 0);
  }

  public LineShape(String line, int start) {
    this.line = line;
    this.pos = start;
  }

  public int position() {
    return pos;
  }

  /** Goes back to an earlier {@link #position()}: an optional part that did not fit. */
  public void reset(int position) {
    pos = position;
  }

  /** The text matched from {@code start} (an earlier {@link #position()}) up to here. */
  public String since(int start) {
    return line.substring(start, pos);
  }

  public boolean atEnd() {
    return pos == line.length();
  }

  public boolean literal(String text) {
    if (!line.startsWith(text, pos)) {
      return false;
    }
    pos += text.length();
    return true;
  }

  /** {@code \s+} */
  public boolean spaces() {
    int start = pos;
    optionalSpaces();
    return pos > start;
  }

  /** {@code \s*} */
  public boolean optionalSpaces() {
    while (pos < line.length() && isSpace(line.charAt(pos))) {
      pos++;
    }
    return true;
  }

  /** {@code \d+} */
  public boolean digits() {
    return digits(1, Integer.MAX_VALUE);
  }

  /** {@code \d{min,max}} where the shape goes on with something other than a digit. */
  public boolean digits(int min, int max) {
    int start = pos;
    while (pos < line.length() && isDigit(line.charAt(pos))) {
      pos++;
    }
    return pos - start >= min && pos - start <= max;
  }

  /** {@code \d+}, returning the digits, or null when there is none. */
  public String number() {
    int start = pos;
    return digits() ? since(start) : null;
  }

  /** {@code -?\d{1,3}(?:,\d{3})*}: a number with thousands separators, as the kernel prints speeds. */
  public boolean groupedNumber() {
    literal("-");
    if (!digits(1, 3)) {
      return false;
    }
    while (literal(",")) {
      if (!digits(3, 3)) {
        return false;
      }
    }
    return true;
  }

  /** {@code [chars]{min,max}} where the shape goes on with a character not in {@code chars}. */
  public boolean run(String chars, int min, int max) {
    int start = pos;
    while (pos < line.length() && chars.indexOf(line.charAt(pos)) >= 0) {
      pos++;
    }
    return pos - start >= min && pos - start <= max;
  }

  /** {@code [from-to]+} where the shape goes on with a character outside the range. */
  public boolean range(char from, char to) {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) >= from && line.charAt(pos) <= to) {
      pos++;
    }
    return pos > start;
  }

  /** {@code [chars]} */
  public boolean oneOf(String chars) {
    if (pos < line.length() && chars.indexOf(line.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  /** {@code c*} (always true) */
  public boolean repeated(char c) {
    while (pos < line.length() && line.charAt(pos) == c) {
      pos++;
    }
    return true;
  }

  /** {@code [^c]*} */
  public void until(char c) {
    while (pos < line.length() && line.charAt(pos) != c) {
      pos++;
    }
  }

  /** {@code \S}, which unlike {@code .} includes the line terminators other than \n and \r. */
  public boolean nonSpace() {
    if (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
      return true;
    }
    return false;
  }

  /** {@code \S+}; as a statement, whose result is ignored, {@code \S*}. */
  public boolean nonSpaces() {
    int start = pos;
    while (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  /** {@code .*} up to the end of the line: false when a line terminator is left. */
  public boolean restOfLine() {
    for (int i = pos; i < line.length(); i++) {
      if (isLineTerminator(line.charAt(i))) {
        return false;
      }
    }
    pos = line.length();
    return true;
  }

  /** {@code \s} */
  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** {@code \d} */
  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** What {@code .} does not match without {@code Pattern.UNIX_LINES} or {@code DOTALL}. */
  public static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** The index of the first {@code \s} in {@code text}, or -1. */
  public static int firstSpace(String text) {
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
  public static String[] split(String text, boolean anySpace) {
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
}
