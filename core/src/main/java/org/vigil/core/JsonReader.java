package org.vigil.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) that remembers the line of every value, so that a bad value
 * deep inside a tool's output (drbdsetup status --json) can be reported with its line. Duplicate keys, trailing commas,
 * comments, NaN and trailing garbage are errors. Nesting is capped to keep hostile input from
 * exhausting the stack.
 */
public final class JsonReader {
  public static final int MAX_DEPTH = 64;

  /** A parsed value and the line it starts on. */
  public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
    int line();
  }

  public record Obj(Map<String, Value> members, int line) implements Value {}

  public record Arr(List<Value> items, int line) implements Value {}

  public record Str(String value, int line) implements Value {}

  public record Num(BigDecimal value, String text, int line) implements Value {}

  public record Bool(boolean value, int line) implements Value {}

  public record Null(int line) implements Value {}

  private final String text;
  private final String source;
  private int pos;
  private int line = 1;

  private JsonReader(String text, String source) {
    this.text = text;
    this.source = source;
  }

  public static Value parse(String text, String source) throws ParseException {
    JsonReader json = new JsonReader(text, source);
    json.skipWhitespace();
    if (json.pos >= text.length()) {
      throw new ParseException(source, 0, null, "empty input");
    }
    Value value = json.value(0);
    json.skipWhitespace();
    if (json.pos < text.length()) {
      throw json.error(json.snippet(), "unexpected text after the JSON value");
    }
    return value;
  }

  private Value value(int depth) throws ParseException {
    if (depth > MAX_DEPTH) {
      throw error(snippet(), "JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("", "input ends inside a JSON value (truncated?)");
    }
    char c = text.charAt(pos);
    int startLine = line;
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return new Str(string(), startLine);
      case 't':
        literal("true");
        return new Bool(true, startLine);
      case 'f':
        literal("false");
        return new Bool(false, startLine);
      case 'n':
        literal("null");
        return new Null(startLine);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error(snippet(), "unexpected character in JSON");
    }
  }

  private Obj object(int depth) throws ParseException {
    int startLine = line;
    pos++;
    Map<String, Value> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new Obj(members, startLine);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error(snippet(), "expected a quoted member name");
      }
      int keyLine = line;
      String key = string();
      skipWhitespace();
      expect(':');
      Value v = value(depth + 1);
      if (members.put(key, v) != null) {
        throw new ParseException(source, keyLine, key, "duplicate JSON member");
      }
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return new Obj(members, startLine);
      }
      if (c != ',') {
        pos--;
        throw error(snippet(), "expected ',' or '}' in JSON object");
      }
    }
  }

  private Arr array(int depth) throws ParseException {
    int startLine = line;
    pos++;
    List<Value> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new Arr(items, startLine);
    }
    while (true) {
      items.add(value(depth + 1));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return new Arr(items, startLine);
      }
      if (c != ',') {
        pos--;
        throw error(snippet(), "expected ',' or ']' in JSON array");
      }
    }
  }

  private String string() throws ParseException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("", "input ends inside a JSON string (truncated?)");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error(String.valueOf(c), "control character inside a JSON string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("", "input ends inside a JSON string (truncated?)");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()
              || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw error(snippet(), "bad \\u escape in JSON string");
          }
          sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("\\" + e, "bad escape in JSON string");
      }
    }
  }


  private Num number() throws ParseException {
    int start = pos;
    // Take the whole word, so "12x" is reported as one malformed number.
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || "+-.".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    String token = text.substring(start, pos);
    if (!isNumber(token)) {
      throw error(token, "malformed JSON number");
    }
    try {
      return new Num(new BigDecimal(token), token, line);
    } catch (NumberFormatException e) {
      // Grammatical, but its exponent does not fit an int (e.g. 1e9999999999).
      throw error(token, "JSON number out of range");
    }
  }

  /**
   * The JSON number grammar, {@code -?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?}, read by hand:
   * the first java.util.regex Pattern of a run links lambdas through java.lang.invoke, start-up
   * time check_drbd would pay on every run.
   */
  static boolean isNumber(String token) {
    int i = token.startsWith("-") ? 1 : 0;
    if (i < token.length() && token.charAt(i) == '0') {
      i++;
    } else if (i < token.length() && token.charAt(i) >= '1' && token.charAt(i) <= '9') {
      i = afterDigits(token, i);
    } else {
      return false;
    }
    if (i < token.length() && token.charAt(i) == '.') {
      int fraction = i + 1;
      i = afterDigits(token, fraction);
      if (i == fraction) {
        return false;
      }
    }
    if (i < token.length() && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
      int exponent = i + 1;
      if (exponent < token.length()
          && (token.charAt(exponent) == '+' || token.charAt(exponent) == '-')) {
        exponent++;
      }
      i = afterDigits(token, exponent);
      if (i == exponent) {
        return false;
      }
    }
    return i == token.length();
  }

  /** The index after the run of ASCII digits (regex {@code \d}) that starts at {@code i}. */
  private static int afterDigits(String token, int i) {
    while (i < token.length() && token.charAt(i) >= '0' && token.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private void literal(String word) throws ParseException {
    if (!text.startsWith(word, pos)) {
      throw error(snippet(), "unexpected word in JSON");
    }
    pos += word.length();
  }

  private void expect(char c) throws ParseException {
    if (peek() != c) {
      throw error(snippet(), "expected '" + c + "'");
    }
    pos++;
  }

  private char peek() throws ParseException {
    if (pos >= text.length()) {
      throw error("", "input ends inside JSON (truncated?)");
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private String snippet() {
    int end = Math.min(text.length(), pos + 20);
    int nl = text.indexOf('\n', pos);
    if (nl >= 0 && nl < end) {
      end = nl;
    }
    return text.substring(pos, end);
  }

  private ParseException error(String token, String reason) {
    return new ParseException(source, line, token, reason);
  }
}
