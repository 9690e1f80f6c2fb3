package org.vigil.drbd.parse;

import org.vigil.core.ParseException;

/** Reads one line field by field, so an error can name the exact token that does not fit. */
final class LineScanner {
  private final String line;
  private final String source;
  private final int lineNo;
  private int pos;

  /** Reads {@code line} from {@code start} on; errors name the word where reading stopped. */
  LineScanner(String line, int start, String source, int lineNo) {
    this.line = line;
    this.pos = start;
    this.source = source;
    this.lineNo = lineNo;
  }

  void expect(String literal) throws ParseException {
    if (!line.startsWith(literal, pos)) {
      throw new ParseException(source, lineNo, rest(), "expected '" + literal.strip() + "'");
    }
    pos += literal.length();
  }

  /** A non-empty run of characters up to the next space or the end of the line. */
  String word() throws ParseException {
    return wordUntil(' ');
  }

  /** A non-empty run of characters up to {@code stop}, a space, or the end of the line. */
  String wordUntil(char stop) throws ParseException {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != stop) {
      pos++;
    }
    if (pos == start) {
      throw new ParseException(source, lineNo, rest(), "expected a value");
    }
    return line.substring(start, pos);
  }

  char character() throws ParseException {
    if (pos >= line.length()) {
      throw new ParseException(source, lineNo, "", "line ends early");
    }
    return line.charAt(pos++);
  }

  void expectEnd() throws ParseException {
    if (pos != line.length()) {
      throw new ParseException(source, lineNo, rest(), "unexpected text at end of line");
    }
  }

  /** The word at the current position (after any spaces), for error messages. */
  private String rest() {
    int start = pos;
    while (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    int end = line.indexOf(' ', start);
    return line.substring(start, end < 0 ? line.length() : end);
  }
}
