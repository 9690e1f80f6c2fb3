package org.vigil.raid.btrfs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Parses the text output of {@code btrfs device stats <path>|<device>} (cmds/device.c: {@code
 * "[%s].%-16s %llu"} since btrfs-progs 4.9, hand-padded columns before; checked against 6.2).
 *
 * <pre>
 * [/dev/sda3].write_io_errs    0
 * [/dev/sda3].read_io_errs     0
 * [/dev/sda3].flush_io_errs    0
 * [/dev/sda3].corruption_errs  0
 * [/dev/sda3].generation_errs  0
 * [devid:2].write_io_errs    0
 * </pre>
 *
 * Every device must list each of the five counters exactly once (in any order, with any padding),
 * on consecutive lines; a device must not appear twice. The bracketed name must be an absolute
 * path, {@code devid:N} (a missing device, 4.5.2+) or {@code (null)} (a missing device before).
 * The {@code -T} table and {@code --format json} forms are not accepted.
 */
public final class DeviceStatsParser {
  private static final Pattern LINE =
      Pattern.compile("\\[(?<device>.*)\\]\\.(?<counter>\\S+)[ \\t]+(?<value>\\S+)");
  private static final Pattern DEVID = Pattern.compile("devid:\\d+");

  public BtrfsDeviceStats parse(String text, String source) throws ParseException {
    List<String> lines = TextLines.split(text, source);
    List<DeviceErrorStats> devices = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String current = null;
    int currentLine = 0;
    Map<DeviceStatsCounter, Long> counters = new EnumMap<>(DeviceStatsCounter.class);
    for (int i = 0; i < lines.size(); i++) {
      int no = i + 1;
      String raw = lines.get(i);
      for (int k = 0; k < raw.length(); k++) {
        char c = raw.charAt(k);
        if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
          throw new ParseException(source, no, raw, c == '\r'
              ? "carriage return (DOS line ending)" : "control character in the text");
        }
      }
      String line = raw.replaceAll("^[ \\t]+|[ \\t]+$", "");
      if (line.isEmpty()) {
        throw new ParseException(source, no, "", "unexpected blank line");
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new ParseException(source, no, line,
            line.startsWith("ERROR:") || line.startsWith("WARNING:")
                ? "btrfs error or warning instead of device stats"
                : "unknown line (expected '[DEVICE].COUNTER  VALUE')");
      }
      String device = m.group("device");
      if (!device.equals(current)) {
        if (current != null) {
          devices.add(finish(current, counters, currentLine, source, no - 1));
        }
        if (!(device.startsWith("/") || DEVID.matcher(device).matches()
            || device.equals("(null)"))) {
          throw new ParseException(source, no, device,
              "device name is not an absolute path, devid:N or (null)");
        }
        if (DEVID.matcher(device).matches()) {
          try {
            Long.parseLong(device.substring("devid:".length()));
          } catch (NumberFormatException e) {
            throw new ParseException(source, no, device, "device id out of range");
          }
        }
        if (!seen.add(device)) {
          throw new ParseException(source, no, device, "device listed twice");
        }
        current = device;
        currentLine = no;
        counters = new EnumMap<>(DeviceStatsCounter.class);
      }
      DeviceStatsCounter counter =
          DeviceStatsCounter.VOCABULARY.parse(m.group("counter"), source, no);
      String value = m.group("value");
      if (!value.matches("\\d+")) {
        throw new ParseException(source, no, value, "not a number");
      }
      long v;
      try {
        v = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new ParseException(source, no, value, "number out of range");
      }
      if (counters.put(counter, v) != null) {
        throw new ParseException(source, no, counter.key(), "counter repeated for " + device);
      }
    }
    devices.add(finish(current, counters, currentLine, source, lines.size()));
    return new BtrfsDeviceStats(devices);
  }

  private static DeviceErrorStats finish(
      String device, Map<DeviceStatsCounter, Long> counters, int firstLine, String source,
      int lastLine) throws ParseException {
    List<String> missing = new ArrayList<>();
    for (DeviceStatsCounter c : DeviceStatsCounter.values()) {
      if (!counters.containsKey(c)) {
        missing.add(c.key());
      }
    }
    if (!missing.isEmpty()) {
      throw new ParseException(source, lastLine, device,
          "device lacks counters " + String.join(", ", missing) + " (truncated output?)");
    }
    return new DeviceErrorStats(device, counters, firstLine);
  }
}
