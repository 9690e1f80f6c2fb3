package org.vigil.exporter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link MetricFamily} records as the text exposition format 0.0.4, as UTF-8, straight
 * into one byte array, byte for byte what simpleclient's {@code TextFormat.write004} writes for
 * them ({@link PrometheusAdapter#libraryText}; the adapter's tests compare the two on every
 * golden scrape and on hostile values). A large scrape then costs one array of its own size
 * instead of library samples, a String per value, a StringBuilder, its String and that String's
 * bytes: that garbage set the exporter's heap size.
 *
 * <p>One instance renders one scrape. Label names and values repeat across the lines of a state
 * set as the same String objects, so each is escaped and encoded once per scrape.
 */
final class TextRenderer {
  /** The rendered text: the first {@code length} bytes of {@code bytes}. */
  record Text(byte[] bytes, int length) {
    String string() {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
  }

  private static final byte[] HELP = ascii("# HELP ");
  private static final byte[] TYPE = ascii("# TYPE ");
  private static final byte[] GAUGE = ascii(" gauge\n");
  private static final byte[] COUNTER = ascii(" counter\n");
  private static final byte[] OPEN_VALUE = ascii("=\"");
  private static final byte[] CLOSE_VALUE = ascii("\",");
  private static final byte[] ZERO = ascii("0.0");
  private static final byte[] ONE = ascii("1.0");
  /** Double.toString switches to computerized scientific notation from 10^7 on. */
  private static final double PLAIN_LIMIT = 1e7;

  private final Map<String, byte[]> encoded = new IdentityHashMap<>();
  private byte[] out;
  private int length;

  private TextRenderer(int capacity) {
    out = new byte[Math.max(capacity, 1024)];
  }

  /**
   * {@code families} rendered; {@code sizeHint} (the length of the previous rendering, or 0)
   * sizes the array so that it rarely grows.
   */
  static Text render(List<MetricFamily> families, int sizeHint) {
    TextRenderer r = new TextRenderer(sizeHint + sizeHint / 16);
    for (MetricFamily f : families) {
      r.family(f);
    }
    return new Text(r.out, r.length);
  }

  private void family(MetricFamily f) {
    byte[] name = ascii(f.name());  // validated by MetricFamily: [a-zA-Z_][a-zA-Z0-9_]*
    put(HELP);
    put(name);
    put((byte) ' ');
    put(escapedHelp(f.help()).getBytes(StandardCharsets.UTF_8));
    put((byte) '\n');
    put(TYPE);
    put(name);
    put(f.type() == MetricFamily.Type.COUNTER ? COUNTER : GAUGE);
    for (Sample s : f.samples()) {
      put(name);
      List<String> names = s.labelNames();
      if (!names.isEmpty()) {
        List<String> values = s.labelValues();
        put((byte) '{');
        for (int i = 0; i < names.size(); i++) {
          put(encoded(names.get(i)));
          put(OPEN_VALUE);
          put(encoded(values.get(i)));
          put(CLOSE_VALUE);
        }
        put((byte) '}');
      }
      put((byte) ' ');
      value(s.value());
      put((byte) '\n');
    }
  }

  /** A label name or value, escaped as a label value (names never need it) and encoded. */
  private byte[] encoded(String s) {
    byte[] b = encoded.get(s);
    if (b == null) {
      b = escapedLabelValue(s).getBytes(StandardCharsets.UTF_8);
      encoded.put(s, b);
    }
    return b;
  }

  /** As simpleclient's Collector.doubleToGoString: +Inf, -Inf, else Double.toString. */
  private void value(double d) {
    if (d == 0 && Double.doubleToRawLongBits(d) == 0) {
      put(ZERO);
    } else if (d == 1) {
      put(ONE);
    } else if (d != 0 && d == (long) d && Math.abs(d) < PLAIN_LIMIT) {
      // Double.toString of a whole number below 10^7: its digits and ".0".
      digits((long) d);
      put((byte) '.');
      put((byte) '0');
    } else if (d == Double.POSITIVE_INFINITY) {
      put(ascii("+Inf"));
    } else if (d == Double.NEGATIVE_INFINITY) {
      put(ascii("-Inf"));
    } else {
      put(ascii(Double.toString(d)));
    }
  }

  private void digits(long v) {
    if (v < 0) {
      put((byte) '-');
      v = -v;
    }
    ensure(20);
    int start = length;
    do {
      out[length++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
  }

  static String escapedHelp(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  static String escapedLabelValue(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void put(byte b) {
    ensure(1);
    out[length++] = b;
  }

  private void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, out, length, b.length);
    length += b.length;
  }

  private void ensure(int more) {
    if (length + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
    }
  }
}
