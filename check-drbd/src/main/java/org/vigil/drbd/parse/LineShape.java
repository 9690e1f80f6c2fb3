package org.vigil.drbd.parse;

/**
 * An all-or-nothing match of one line against a fixed shape, written out by hand where a regular
 * expression per line cost too much (10,000 minors are 20,000 lines). Each step consumes what it
 * names and returns false when the line does not fit there, so a shape reads like the pattern it
 * stands for: {@code s.spaces() && s.literal("stalled") && s.atEnd()} is {@code \s+stalled}.
 *
 * <p>The character classes are those of {@link java.util.regex.Pattern} without flags, which the
 * grammar was first written in: a space is {@code \s} (space, \t, \n, \x0B, \f, \r), a digit is
 * {@code \d} (0-9), and the rest of a line ({@code .*}) holds no line terminator.
 */
final class LineShape {
  private final String line;
  private int pos;

  LineShape(String line) {
    this.line = line;
  }

  int position() {
    return pos;
  }

  /** The text matched from {@code start} (an earlier {@link #position()}) up to here. */
  String since(int start) {
    return line.substring(start, pos);
  }

  /** {@code \s+} */
  boolean spaces() {
    int start = pos;
    optionalSpaces();
    return pos > start;
  }

  /** {@code \s*} */
  boolean optionalSpaces() {
    while (pos < line.length() && isSpace(line.charAt(pos))) {
      pos++;
    }
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

  /** {@code [chars]{min,max}} where the shape goes on with a character not in {@code chars}. */
  boolean run(String chars, int min, int max) {
    int start = pos;
    while (pos < line.length() && chars.indexOf(line.charAt(pos)) >= 0) {
      pos++;
    }
    return pos - start >= min && pos - start <= max;
  }

  /** {@code -?\d{1,3}(?:,\d{3})*}: a number with thousands separators, as the kernel prints speeds. */
  boolean groupedNumber() {
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

  /** {@code c*} */
  boolean repeated(char c) {
    while (pos < line.length() && line.charAt(pos) == c) {
      pos++;
    }
    return true;
  }

  boolean literal(String text) {
    if (!line.startsWith(text, pos)) {
      return false;
    }
    pos += text.length();
    return true;
  }

  /** {@code [chars]} */
  boolean oneOf(String chars) {
    if (pos < line.length() && chars.indexOf(line.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  /** {@code \S}, which unlike {@code .} includes the line terminators other than \n and \r. */
  boolean nonSpace() {
    if (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
      return true;
    }
    return false;
  }

  /** {@code \S*} */
  boolean nonSpaces() {
    while (pos < line.length() && !isSpace(line.charAt(pos))) {
      pos++;
    }
    return true;
  }

  /** {@code .*} up to the end of the line: true unless a line terminator remains. */
  boolean restOfLine() {
    for (; pos < line.length(); pos++) {
      if (isLineTerminator(line.charAt(pos))) {
        return false;
      }
    }
    return true;
  }

  boolean atEnd() {
    return pos == line.length();
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** What {@code .} does not match without {@code Pattern.UNIX_LINES} or {@code DOTALL}. */
  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
