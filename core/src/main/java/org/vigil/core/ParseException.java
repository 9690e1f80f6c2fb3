package org.vigil.core;

/**
 * Input that does not fit the grammar of its source. Always names the source, the 1-based line
 * (0 when the problem concerns the input as a whole, such as empty input) and the offending token.
 */
public final class ParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_TOKEN = 60;

  private final String source;
  private final int line;
  private final String token;
  private final String reason;

  public ParseException(String source, int line, String token, String reason) {
    super(format(source, line, token, reason));
    this.source = source;
    this.line = line;
    this.token = token;
    this.reason = reason;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public String token() {
    return token;
  }

  public String reason() {
    return reason;
  }

  private static String format(String source, int line, String token, String reason) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    sb.append(": ").append(reason);
    if (token != null) {
      sb.append(" '").append(printable(token)).append('\'');
    }
    return sb.toString();
  }

  /** Makes a token safe to show on one line: control characters escaped, length capped. */
  static String printable(String token) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < token.length() && sb.length() < MAX_TOKEN; i++) {
      char c = token.charAt(i);
      if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        sb.append(String.format("\\x%02x", (int) c));
      } else if (c == '|') {
        // '|' would start the perfdata part of a plugin's first line.
        sb.append("\\x7c");
      } else {
        sb.append(c);
      }
    }
    if (i < token.length()) {
      sb.append("...");
    }
    return sb.toString();
  }
}
