package org.vigil.exporter;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for our own reports: maps (in their iteration order), lists, strings,
 * numbers, booleans and null. Every string is escaped, so no object name can break the document.
 */
final class JsonWriter {
  private JsonWriter() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep).append('\n').append("  ".repeat(depth + 1));
        string(out, (String) e.getKey());
        out.append(": ");
        write(out, e.getValue(), depth + 1);
        sep = ",";
      }
      out.append(map.isEmpty() ? "" : "\n" + "  ".repeat(depth)).append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String sep = "";
      for (Object item : list) {
        out.append(sep).append('\n').append("  ".repeat(depth + 1));
        write(out, item, depth + 1);
        sep = ",";
      }
      out.append(list.isEmpty() ? "" : "\n" + "  ".repeat(depth)).append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
