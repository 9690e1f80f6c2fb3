package org.vigil.exporter;

import java.util.Arrays;
import java.util.List;

/**
 * One fast-path request: the line a check's launcher (packaging/native/vigil-check.c) sends, fields
 * separated by TAB:
 * {@code VIGIL-FAST/1 TAB JAR-IDENTITY TAB MAIN-CLASS [TAB ARG]... LF}.
 *
 * <p>The answer is {@code refused REASON LF}, or {@code accepted LF} as soon as the request is
 * found servable and then, after the evaluation, {@code exit CODE LENGTH LF} followed by exactly
 * LENGTH bytes: what the standalone check prints on stdout. The two steps let the client give up
 * quickly on an exporter that does not answer, yet wait for a check that runs a slow tool.
 *
 * @param identity the jar the caller would start ({@link FastPathServer#identity})
 * @param mainClass the check's main class, as the launcher names it
 * @param args the check's arguments: printable ASCII only, so that they mean what the
 *     standalone JVM would decode from its command line in any locale
 */
record FastPathRequest(String identity, String mainClass, List<String> args) {
  static final String PROTOCOL = "VIGIL-FAST/1";

  FastPathRequest {
    args = List.copyOf(args);
  }

  /** Thrown for a line that is not a request of this protocol; the message is the reason. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses one request line without its LF. */
  static FastPathRequest parse(String line) throws Malformed {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw new Malformed("request has a byte outside printable ASCII at offset " + i);
      }
    }
    String[] fields = line.split("\t", -1);
    if (!fields[0].equals(PROTOCOL)) {
      throw new Malformed("protocol '" + abbreviate(fields[0]) + "', this exporter speaks "
          + PROTOCOL);
    }
    if (fields.length < 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
      throw new Malformed("request needs a jar identity and a main class");
    }
    return new FastPathRequest(fields[1], fields[2],
        Arrays.asList(fields).subList(3, fields.length));
  }

  /** The request line, without LF; the inverse of {@link #parse}. */
  String line() {
    StringBuilder b = new StringBuilder(PROTOCOL).append('\t').append(identity).append('\t')
        .append(mainClass);
    args.forEach(a -> b.append('\t').append(a));
    return b.toString();
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
