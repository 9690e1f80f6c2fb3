package org.vigil.core;

import java.util.ArrayList;
import java.util.List;

/** Splits tool output into lines, refusing input no tool prints whole: empty or cut mid-line. */
public final class TextLines {
  private TextLines() {}

  /**
   * The lines of {@code text} without their terminators.
   *
   * @throws ParseException when the text is empty or blank, or its last line has no newline (a
   *     kernel file or tool output always ends with one, so a missing one means truncation)
   */
  public static List<String> split(String text, String source) throws ParseException {
    if (text.isBlank()) {
      throw new ParseException(source, 0, null, "empty input");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      lines.add(text.substring(start, nl));
      start = nl + 1;
    }
    if (start < text.length()) {
      String last = text.substring(start);
      throw new ParseException(
          source, lines.size() + 1, last, "last line has no newline (truncated input?)");
    }
    return lines;
  }
}
