package org.vigil.exporter.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;

/**
 * Strict reader of the Prometheus text exposition format 0.0.4, as vigil-exporter serves it:
 * {@code # HELP} and {@code # TYPE} lines, other comments, empty lines, and samples {@code
 * name{label="value",...} value [timestamp]} (a trailing comma in the braces is allowed, label
 * values escape only backslash, double quote and newline).
 *
 * <p>Refused, with a {@link ParseException} naming the source, line and token: anything else on a
 * line, an invalid metric or label name, a label twice in one sample, an unknown escape, a value
 * that is no number (NaN, +Inf, -Inf are numbers), a second TYPE for a name or a TYPE after the
 * name's samples, an unknown type, the same series twice.
 */
public final class TextFormat {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]{1,19}");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final String source;
  private final String text;
  private int pos;
  private int lineNo;
  private int lineStart;
  private int lineEnd;

  private TextFormat(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** Every sample of one scrape, in order. */
  public static List<ExposedSample> parse(String text, String source) throws ParseException {
    return new TextFormat(source, text).samples();
  }

  private List<ExposedSample> samples() throws ParseException {
    List<ExposedSample> out = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    Set<String> sampled = new HashSet<>();
    Set<List<Object>> series = new HashSet<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNo++;
      lineStart = start;
      lineEnd = end;
      pos = start;
      String line = text.substring(start, end);
      if (line.isBlank()) {
        // The format allows empty lines.
      } else if (line.stripLeading().startsWith("#")) {
        comment(line, types, sampled);
      } else {
        ExposedSample s = sample();
        if (!series.add(List.of(s.name(), s.labels()))) {
          throw error(line.strip(), "the same series twice");
        }
        sampled.add(s.name());
        out.add(s);
      }
      start = end + 1;
    }
    return out;
  }

  private void comment(String line, Map<String, String> types, Set<String> sampled)
      throws ParseException {
    String[] parts = line.strip().substring(1).strip().split("[ \t]+", 3);
    if (parts[0].equals("TYPE")) {
      if (parts.length != 3 || !METRIC_NAME.matcher(parts[1]).matches()) {
        throw error(line.strip(), "a TYPE line is '# TYPE name type'");
      }
      if (!TYPES.contains(parts[2])) {
        throw error(parts[2], "unknown metric type");
      }
      if (types.put(parts[1], parts[2]) != null) {
        throw error(parts[1], "a second TYPE line for the name");
      }
      if (sampled.contains(parts[1])) {
        throw error(parts[1], "TYPE after the name's samples");
      }
    } else if (parts[0].equals("HELP")) {
      if (parts.length < 2 || !METRIC_NAME.matcher(parts[1]).matches()) {
        throw error(line.strip(), "a HELP line is '# HELP name text'");
      }
    }
  }

  private ExposedSample sample() throws ParseException {
    skipBlanks();
    String name = token(METRIC_NAME, "metric name");
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < lineEnd && text.charAt(pos) == '{') {
      pos++;
      while (true) {
        skipBlanks();
        if (pos < lineEnd && text.charAt(pos) == '}') {
          pos++;
          break;
        }
        String label = token(LABEL_NAME, "label name");
        skipBlanks();
        expect('=');
        skipBlanks();
        String value = quoted();
        if (labels.put(label, value) != null) {
          throw error(label, "label twice in one sample");
        }
        skipBlanks();
        if (pos < lineEnd && text.charAt(pos) == ',') {
          pos++;
        } else if (pos < lineEnd && text.charAt(pos) == '}') {
          pos++;
          break;
        } else {
          throw error(rest(), "expected ',' or '}' after a label");
        }
      }
    }
    if (pos >= lineEnd || (text.charAt(pos) != ' ' && text.charAt(pos) != '\t')) {
      throw error(rest().isEmpty() ? "end of line" : rest(),
          "expected a blank and the value after the series");
    }
    String[] fields = text.substring(pos, lineEnd).strip().split("[ \t]+");
    if (fields.length > 2 || fields[0].isEmpty()) {
      throw error(text.substring(pos, lineEnd).strip(),
          "expected a value and an optional timestamp");
    }
    double value = number(fields[0]);
    if (fields.length == 2 && !TIMESTAMP.matcher(fields[1]).matches()) {
      throw error(fields[1], "not a timestamp (milliseconds)");
    }
    return new ExposedSample(name, labels, value, lineNo);
  }

  private double number(String token) throws ParseException {
    switch (token) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!NUMBER.matcher(token).matches()) {
          throw error(token, "not a number");
        }
        return Double.parseDouble(token);
    }
  }

  private String quoted() throws ParseException {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (pos < lineEnd) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= lineEnd) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case 'n' -> sb.append('\n');
          default -> throw error("\\" + e, "unknown escape in a label value");
        }
      } else {
        sb.append(c);
      }
    }
    throw error(text.substring(lineStart, lineEnd).strip(), "label value without its closing quote");
  }

  private String token(Pattern pattern, String what) throws ParseException {
    int end = pos;
    while (end < lineEnd && " \t{}=,\"".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String token = text.substring(pos, end);
    if (!pattern.matcher(token).matches()) {
      throw error(token.isEmpty() ? rest() : token, "not a valid " + what);
    }
    pos = end;
    return token;
  }

  private void expect(char c) throws ParseException {
    if (pos >= lineEnd || text.charAt(pos) != c) {
      throw error(rest().isEmpty() ? "end of line" : rest(), "expected '" + c + "'");
    }
    pos++;
  }

  private void skipBlanks() {
    while (pos < lineEnd && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private String rest() {
    return text.substring(Math.min(pos, lineEnd), lineEnd);
  }

  private ParseException error(String token, String reason) {
    return new ParseException(source, lineNo, token, reason);
  }
}
