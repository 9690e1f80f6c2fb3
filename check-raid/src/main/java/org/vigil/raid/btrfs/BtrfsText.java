package org.vigil.raid.btrfs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;

/** The value syntaxes btrfs-progs prints: numbers, sizes, durations and {@code %c} timestamps. */
final class BtrfsText {
  /** Space and tab runs: btrfs pads with spaces, captures turn them into tabs and back. */
  static final String WS = "[ \\t]+";

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  // pretty_size_mode(): "%.2f%s" with the IEC suffixes (or the SI ones with --si), "%llu" with
  // --raw.
  private static final Pattern HUMAN_SIZE =
      Pattern.compile(
          "(?<number>\\d+\\.\\d{2})(?<unit>B|KiB|MiB|GiB|TiB|PiB|EiB|kB|MB|GB|TB|PB|EB)");
  private static final Pattern SIZE_SHAPE = Pattern.compile("(?<number>[0-9.]+)(?<unit>\\S*)");
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("B", 1L),
      Map.entry("KiB", 1L << 10), Map.entry("MiB", 1L << 20), Map.entry("GiB", 1L << 30),
      Map.entry("TiB", 1L << 40), Map.entry("PiB", 1L << 50), Map.entry("EiB", 1L << 60),
      Map.entry("kB", 1_000L), Map.entry("MB", 1_000_000L), Map.entry("GB", 1_000_000_000L),
      Map.entry("TB", 1_000_000_000_000L), Map.entry("PB", 1_000_000_000_000_000L),
      Map.entry("EB", 1_000_000_000_000_000_000L));
  private static final List<String> SI_UNITS = List.of("kB", "MB", "GB", "TB", "PB", "EB");
  // strftime("%c") in the C locale: "%a %b %e %H:%M:%S %Y", e.g. "Tue Feb  2 13:43:34 2021".
  static final String C_TIME_SHAPE =
      "[A-Za-z]{3}" + WS + "[A-Za-z]{3}" + WS + "\\d{1,2}" + WS + "\\d{2}:\\d{2}:\\d{2}" + WS
          + "\\d{4,}";
  private static final Pattern C_TIME = Pattern.compile(
      "(?<dow>[A-Za-z]{3})" + WS + "(?<mon>[A-Za-z]{3})" + WS + "(?<day>\\d{1,2})" + WS
          + "(?<h>\\d{2}):(?<mi>\\d{2}):(?<s>\\d{2})" + WS + "(?<y>\\d{4,})");
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final List<String> WEEKDAYS =
      List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
  private static final Pattern CLOCK = Pattern.compile("(?<h>\\d+):(?<m>\\d{2}):(?<s>\\d{2})");

  private BtrfsText() {}

  /** A non-negative decimal integer, as btrfs prints counters. */
  static long number(String token, String source, int line) throws ParseException {
    if (!DIGITS.matcher(token).matches()) {
      throw new ParseException(source, line, token, "not a number");
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new ParseException(source, line, token, "number out of range");
    }
  }

  static String uuid(String token, String source, int line) throws ParseException {
    if (!UUID.matcher(token).matches()) {
      throw new ParseException(
          source, line, token, "not a filesystem UUID (expected 8-4-4-4-12 lowercase hex digits)");
    }
    return token;
  }

  /**
   * A size: {@code 1.23GiB}, {@code 210.27MB} (with {@code allowSiAndRaw}, the 5.2+ layout, which
   * has the --si and --raw unit options) or {@code 210272256} (--raw).
   */
  static ByteSize size(String token, boolean allowSiAndRaw, String source, int line)
      throws ParseException {
    if (DIGITS.matcher(token).matches()) {
      if (!allowSiAndRaw) {
        throw new ParseException(
            source, line, token, "size without a unit (btrfs-progs <= 5.1 always printed one)");
      }
      return ByteSize.exact(number(token, source, line));
    }
    Matcher m = HUMAN_SIZE.matcher(token);
    if (!m.matches()) {
      Matcher shape = SIZE_SHAPE.matcher(token);
      if (shape.matches() && !shape.group("unit").isEmpty()
          && !UNITS.containsKey(shape.group("unit"))) {
        throw new ParseException(source, line, token,
            "unknown size unit '" + shape.group("unit") + "' (expected B, KiB..EiB or kB..EB)");
      }
      throw new ParseException(
          source, line, token, "malformed size (expected e.g. 1.23GiB: two decimals and a unit)");
    }
    String unit = m.group("unit");
    if (!allowSiAndRaw && SI_UNITS.contains(unit)) {
      // Before the 5.2 layout there were no unit options; the oldest releases printed "KB".."EB"
      // for binary multiples, so a decimal suffix there is ambiguous.
      throw new ParseException(source, line, token,
          "decimal size unit in btrfs-progs <= 5.1 output (ambiguous: old releases meant KiB)");
    }
    BigDecimal value = new BigDecimal(m.group("number"))
        .multiply(BigDecimal.valueOf(UNITS.get(unit)))
        .setScale(0, RoundingMode.HALF_UP);
    try {
      return new ByteSize(value.longValueExact(), token, unit.equals("B"));
    } catch (ArithmeticException e) {
      throw new ParseException(source, line, token, "size out of range");
    }
  }

  /** A duration as {@code H:MM:SS}; legacy output pads the hours to two digits. */
  static Duration clock(String token, int minHourDigits, String source, int line)
      throws ParseException {
    Matcher m = CLOCK.matcher(token);
    if (!m.matches() || m.group("h").length() < minHourDigits) {
      throw new ParseException(source, line, token,
          "malformed duration (expected " + (minHourDigits > 1 ? "HH" : "H") + ":MM:SS)");
    }
    int minutes = Integer.parseInt(m.group("m"));
    int seconds = Integer.parseInt(m.group("s"));
    if (minutes > 59 || seconds > 59) {
      throw new ParseException(source, line, token, "minutes or seconds above 59");
    }
    long hours = number(m.group("h"), source, line);
    try {
      return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds);
    } catch (ArithmeticException e) {
      throw new ParseException(source, line, token, "duration out of range");
    }
  }

  /**
   * A {@code strftime("%c")} timestamp in the C locale, read as local time in {@code zone}. The
   * weekday must match the date: a mismatch means the text was not printed by strftime.
   */
  static Instant cTime(String token, ZoneId zone, String source, int line) throws ParseException {
    Matcher m = C_TIME.matcher(token);
    int month = m.matches() ? MONTHS.indexOf(m.group("mon")) + 1 : 0;
    int weekday = m.matches() ? WEEKDAYS.indexOf(m.group("dow")) + 1 : 0;
    if (month == 0 || weekday == 0) {
      throw new ParseException(source, line, token,
          "timestamp not in the C locale's %c format (e.g. 'Sat Mar 14 10:22:47 2020');"
              + " run btrfs with LC_ALL=C");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(Integer.parseInt(m.group("y")), month,
          Integer.parseInt(m.group("day")), Integer.parseInt(m.group("h")),
          Integer.parseInt(m.group("mi")), Integer.parseInt(m.group("s")));
    } catch (DateTimeException | NumberFormatException e) {
      throw new ParseException(source, line, token, "impossible date or time");
    }
    DayOfWeek actual = local.getDayOfWeek();
    if (actual.getValue() != weekday) {
      throw new ParseException(source, line, token, "weekday " + m.group("dow")
          + " does not match the date (it was a " + WEEKDAYS.get(actual.getValue() - 1) + ")");
    }
    return local.atZone(zone).toInstant();
  }
}
