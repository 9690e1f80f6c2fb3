package org.vigil.drbd.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.WriteOrdering;

/**
 * The counter line under a /proc/drbd device line,
 * {@code "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0"}: space-separated
 * {@code name:value} fields, each checked and converted where it stands in the line.
 */
final class CounterLine {

  /** The counters of drbd_proc.c, in the order the kernel prints them. */
  enum Counter {
    NS("ns", false, true),
    NR("nr", false, true),
    DW("dw", false, true),
    DR("dr", false, true),
    AL("al", false, true),
    BM("bm", false, true),
    LO("lo", true, true),
    PE("pe", true, true),
    UA("ua", true, true),
    AP("ap", true, true),
    EP("ep", true, false),
    /** A letter, not a number: {@link WriteOrdering#LETTERS}. */
    WO("wo", false, false),
    OOS("oos", false, false);

    private static final Counter[] ALL = values();

    private final String token;
    private final boolean signed;
    private final boolean inDrbd07;

    Counter(String token, boolean signed, boolean inDrbd07) {
      this.token = token;
      this.signed = signed;
      this.inDrbd07 = inDrbd07;
    }

    String token() {
      return token;
    }

    /**
     * The counter named by {@code line[start, end)}, or null. The kernel prints them in order, so
     * {@code likely}, the one after the previous field, is tried first.
     */
    static Counter named(String line, int start, int end, Counter likely) {
      if (likely != null && likely.isNamed(line, start, end)) {
        return likely;
      }
      for (Counter counter : ALL) {
        if (counter.isNamed(line, start, end)) {
          return counter;
        }
      }
      return null;
    }

    private boolean isNamed(String line, int start, int end) {
      return end - start == token.length() && line.startsWith(token, start);
    }

    Counter following() {
      return ordinal() + 1 < ALL.length ? ALL[ordinal() + 1] : null;
    }

    /** Every release prints the counters DRBD 0.7 had; the others came with 8.0. */
    boolean required() {
      return inDrbd07;
    }
  }

  private static final int REQUIRED = requiredMask();

  private final long[] values = new long[Counter.ALL.length];
  private int seen;
  private Counter last;
  private Optional<WriteOrdering> writeOrdering = Optional.empty();

  private CounterLine() {}

  boolean has(Counter counter) {
    return (seen & (1 << counter.ordinal())) != 0;
  }

  long value(Counter counter) {
    return values[counter.ordinal()];
  }

  Optional<WriteOrdering> writeOrdering() {
    return writeOrdering;
  }

  /**
   * Reads the fields between the leading and trailing whitespace of {@code line}, separated by
   * single spaces, refusing an unknown, repeated or malformed field and any missing counter.
   */
  static CounterLine parse(String line, boolean drbd07, String source, int lineNo)
      throws ParseException {
    int start = 0;
    int end = line.length();
    while (start < end && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    CounterLine counters = new CounterLine();
    int field = start;
    while (true) {
      int space = line.indexOf(' ', field);
      int fieldEnd = space < 0 || space > end ? end : space;
      counters.read(line, field, fieldEnd, drbd07, source, lineNo);
      if (fieldEnd == end) {
        break;
      }
      field = fieldEnd + 1;
    }
    counters.requireAll(line, start, end, source, lineNo);
    return counters;
  }

  private void read(String line, int start, int end, boolean drbd07, String source, int lineNo)
      throws ParseException {
    int colon = line.indexOf(':', start);
    if (colon < 0 || colon >= end || colon == start) {
      throw new ParseException(
          source, lineNo, line.substring(start, end), "malformed counter (expected name:value)");
    }
    Counter counter = Counter.named(
        line, start, colon, last == null ? Counter.ALL[0] : last.following());
    if (counter == null || (drbd07 && !counter.inDrbd07)) {
      throw new ParseException(source, lineNo, line.substring(start, end), "unknown counter");
    }
    if (has(counter)) {
      throw new ParseException(source, lineNo, line.substring(start, end), "counter repeated");
    }
    seen |= 1 << counter.ordinal();
    last = counter;
    if (counter == Counter.WO) {
      writeOrdering = Optional.of(
          ProcDrbdParser.lookup(WriteOrdering.LETTERS, line.substring(colon + 1, end), source,
              lineNo));
    } else {
      values[counter.ordinal()] = number(line, start, colon + 1, end, counter.signed, source, lineNo);
    }
  }

  /**
   * The value of {@code line[from, end)}: digits 0-9, after a '-' when signed, within a long. A
   * value that is not such a number at all is reported as such even when it is also too long.
   */
  private static long number(
      String line, int field, int from, int end, boolean signed, String source, int lineNo)
      throws ParseException {
    boolean negative = signed && from < end && line.charAt(from) == '-';
    int digits = negative ? from + 1 : from;
    // Summed below zero, as Long.parseLong does, so that Long.MIN_VALUE is in range.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long sum = 0;
    boolean inRange = true;
    for (int i = digits; i < end; i++) {
      char c = line.charAt(i);
      if (!LineShape.isDigit(c)) {
        throw notANumber(line, field, end, source, lineNo);
      }
      int digit = c - '0';
      if (sum < limit / 10 || sum * 10 < limit + digit) {
        inRange = false;
      } else {
        sum = sum * 10 - digit;
      }
    }
    if (digits == end) {
      throw notANumber(line, field, end, source, lineNo);
    }
    if (!inRange) {
      throw new ParseException(source, lineNo, line.substring(from, end), "number out of range");
    }
    return negative ? sum : -sum;
  }

  private static ParseException notANumber(
      String line, int field, int end, String source, int lineNo) {
    return new ParseException(
        source, lineNo, line.substring(field, end), "counter value is not a number");
  }

  private void requireAll(String line, int start, int end, String source, int lineNo)
      throws ParseException {
    if ((seen & REQUIRED) == REQUIRED) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (Counter counter : Counter.ALL) {
      if (counter.required() && !has(counter)) {
        missing.add(counter.token());
      }
    }
    throw new ParseException(
        source, lineNo, line.substring(start, end), "missing counters " + String.join(", ", missing));
  }

  private static int requiredMask() {
    int mask = 0;
    for (Counter counter : Counter.ALL) {
      mask |= counter.required() ? 1 << counter.ordinal() : 0;
    }
    return mask;
  }
}
