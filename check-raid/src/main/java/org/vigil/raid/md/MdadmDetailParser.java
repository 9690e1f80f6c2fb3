package org.vigil.raid.md;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;

/**
 * Parses the output of {@code mdadm --detail} (one or more {@code /dev/mdX:} blocks, concatenated)
 * or of {@code mdadm --detail --scan [-v]} ({@code ARRAY}/{@code INACTIVE-ARRAY} lines with an
 * optional {@code devices=} continuation), as printed by mdadm's Detail.c and the metadata
 * handlers' {@code detail_super}. The two forms may not be mixed in one input.
 *
 * <p>Key lines are {@code <Key> : <value>} with the key right-aligned to a width that changed
 * between mdadm 3.x and 4.x; they are matched by name, never by column. Decisions:
 *
 * <ul>
 *   <li>Every key must be one mdadm prints (a fixed list, see {@link #KNOWN_KEYS}); an unknown or
 *       repeated key is rejected. Values the policy reads are parsed strictly: {@code Raid Level}
 *       (vocabulary), the device counts (digits), {@code State} (array state word, then {@code
 *       FAILED|degraded}, {@code recovering|resyncing|reshaping|checking} with an optional {@code
 *       (DELAYED)|(PENDING)|(REMOTE)}, {@code Not Started}, in mdadm's order), the {@code ...
 *       Status : NN% complete} lines, {@code Array Size}, {@code Used Dev Size} ({@code unknown},
 *       {@code -1} and 18446744073709551615 mean "not known") and {@code Consistency Policy}.
 *       Other values (names, times, UUIDs, layouts) are kept or skipped as text.
 *   <li>Each block needs {@code Raid Level}, the device table header, and unless it is a
 *       container {@code State} and {@code Raid Devices} (only {@code State : inactive} may come
 *       without {@code Raid Devices}: mdadm then knows no raid disks). The table header has a
 *       State column exactly when {@code Raid Devices} is printed. Before the first blank line
 *       of the table there must be at least {@code Raid Devices} slot rows (mdadm always
 *       prints one per slot, a {@code removed} placeholder if empty), so a table cut short is
 *       detected.
 *   <li>Device state words must come from Detail.c's list in its order ({@code set-X} only after
 *       {@code sync}, {@code rebuilding} only after {@code spare}); a path is last and starts with
 *       {@code /} or is {@code missing}.
 *   <li>multipath and faulty levels are rejected as not supported.
 * </ul>
 */
public final class MdadmDetailParser {

  /** The keys Detail.c, super0/super1/super-intel/super-ddf {@code detail_super} print. */
  static final Set<String> KNOWN_KEYS = Set.of(
      "Version", "Container", "Creation Time", "Raid Level", "Array Size", "Used Dev Size",
      "Raid Devices", "Total Devices", "Preferred Minor", "Persistence", "Intent Bitmap",
      "Update Time", "State", "Active Devices", "Working Devices", "Failed Devices",
      "Spare Devices", "Layout", "Chunk Size", "Rounding", "Consistency Policy", "Rebuild Status",
      "Resync Status", "Reshape Status", "Check Status", "Delta Devices", "New Level",
      "New Layout", "New Chunksize", "Reshape pos'n", "Name", "Cluster Name", "UUID", "Events",
      "Member Arrays", "Container GUID", "Seq", "Virtual Disks");
  private static final Set<String> CONSISTENCY_POLICIES =
      Set.of("none", "resync", "bitmap", "journal", "ppl", "unknown");
  private static final Set<String> SCAN_KEYS = Set.of(
      "level", "num-devices", "metadata", "container", "member", "spares", "UUID", "name",
      "bitmap");

  private static final Pattern BLOCK_HEADER = Pattern.compile("(?<dev>/dev/\\S+):");
  private static final Pattern KEY_LINE =
      Pattern.compile("\\s*(?<key>[A-Za-z][A-Za-z' ]*?) :(?: (?<value>.*))?");
  private static final Pattern TABLE_HEADER =
      Pattern.compile("\\s*Number\\s+Major\\s+Minor\\s+RaidDevice(?<state>\\s+State)?");
  private static final Pattern ROW = Pattern.compile(
      "\\s*(?<num>-|\\d+)\\s+(?<major>\\d+)\\s+(?<minor>\\d+)\\s+(?<raid>-|\\d+)(?<rest>.*)");
  private static final Pattern SIZE = Pattern.compile("(?<n>\\d+)(?: \\(.+\\))?");
  private static final Pattern PERCENT = Pattern.compile("(?<p>\\d{1,3})% complete");
  private static final Pattern SET = Pattern.compile("set-(?<x>[A-Z])");
  private static final Pattern SCAN_LINE =
      Pattern.compile("(?<kind>ARRAY|INACTIVE-ARRAY) (?<dev>/\\S+)(?<rest>.*)");
  private static final Pattern DEVICES_LINE = Pattern.compile("\\s+devices=(?<list>\\S+)");
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}(?::[0-9a-f]{8}){3}");
  private static final Pattern METADATA = Pattern.compile("\\d+\\.\\d+|imsm|ddf");
  private static final String UNSIGNED_MINUS_ONE = "18446744073709551615";

  public MdadmDetail parse(String text, String source) throws ParseException {
    List<String> lines = ParseNumbers.lines(text, source);
    int first = 0;
    while (first < lines.size() && lines.get(first).isEmpty()) {
      first++;
    }
    String head = lines.get(first);
    if (BLOCK_HEADER.matcher(head).matches()) {
      return new MdadmDetail(parseBlocks(lines, first, source), List.of());
    }
    if (SCAN_LINE.matcher(head).matches()) {
      return new MdadmDetail(List.of(), parseScan(lines, first, source));
    }
    throw new ParseException(
        source, first + 1, head,
        "expected '/dev/mdX:' (mdadm --detail) or 'ARRAY ...' (mdadm --detail --scan)");
  }

  // ---------------------------------------------------------------- --detail blocks

  private record Value(String text, int line) {}

  private List<MdArrayDetail> parseBlocks(List<String> lines, int start, String source)
      throws ParseException {
    List<MdArrayDetail> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = start;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        i++;
        continue;
      }
      Matcher h = BLOCK_HEADER.matcher(line);
      if (!h.matches()) {
        if (SCAN_LINE.matcher(line).matches()) {
          throw new ParseException(
              source, i + 1, line, "mdadm --detail --scan line mixed into mdadm --detail output");
        }
        throw new ParseException(source, i + 1, line, "expected '/dev/mdX:'");
      }
      int headerLine = i + 1;
      String device = h.group("dev");
      String name = MdNames.normalize(device);
      if (!names.add(name)) {
        throw new ParseException(source, headerLine, device, "array listed twice");
      }
      i++;
      Map<String, Value> fields = new HashMap<>();
      int tableLine = -1;
      boolean stateColumn = false;
      for (; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.isEmpty()) {
          continue;
        }
        Matcher th = TABLE_HEADER.matcher(l);
        if (th.matches()) {
          tableLine = i + 1;
          stateColumn = th.group("state") != null;
          i++;
          break;
        }
        if (BLOCK_HEADER.matcher(l).matches()) {
          break;
        }
        Matcher k = KEY_LINE.matcher(l);
        if (!k.matches()) {
          throw new ParseException(
              source, i + 1, l.strip(), "unexpected line in the block of " + device);
        }
        String key = k.group("key");
        if (!KNOWN_KEYS.contains(key)) {
          throw new ParseException(source, i + 1, key, "unknown mdadm --detail field");
        }
        if (fields.put(key, new Value(k.group("value") == null ? "" : k.group("value"), i + 1))
            != null) {
          throw new ParseException(source, i + 1, key, "field repeated in the block of " + device);
        }
      }
      if (tableLine < 0) {
        throw new ParseException(
            source, i + 1, null,
            "no device table ('Number Major Minor RaidDevice ...') in the block of " + device
                + " (truncated?)");
      }
      List<MdDeviceRow> rows = new ArrayList<>();
      boolean afterBlank = false;
      int slotRows = 0;
      for (; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.isEmpty()) {
          afterBlank = true;
          continue;
        }
        if (BLOCK_HEADER.matcher(l).matches()) {
          break;
        }
        if (SCAN_LINE.matcher(l).matches()) {
          throw new ParseException(
              source, i + 1, l, "mdadm --detail --scan line mixed into mdadm --detail output");
        }
        MdDeviceRow row = parseRow(l, stateColumn, afterBlank, source, i + 1);
        if (!afterBlank) {
          slotRows++;
        }
        rows.add(row);
      }
      result.add(buildDetail(device, name, fields, stateColumn, rows, slotRows, headerLine,
          tableLine, source));
    }
    return result;
  }

  private static MdArrayDetail buildDetail(
      String device, String name, Map<String, Value> f, boolean stateColumn,
      List<MdDeviceRow> rows, int slotRows, int headerLine, int tableLine, String source)
      throws ParseException {
    Value levelValue = f.get("Raid Level");
    if (levelValue == null) {
      throw new ParseException(
          source, headerLine, device, "no 'Raid Level :' line in the block of " + device);
    }
    MdLevel level = MdLevel.VOCABULARY.parse(levelValue.text(), source, levelValue.line());
    if (level == MdLevel.MULTIPATH || level == MdLevel.FAULTY) {
      throw new ParseException(
          source, levelValue.line(), levelValue.text(), "RAID level not supported by this check");
    }
    boolean container = level == MdLevel.CONTAINER;
    OptionalInt raidDevices = count(f, "Raid Devices", source);
    Optional<MdDetailState> state = Optional.empty();
    Value stateValue = f.get("State");
    if (stateValue != null) {
      state = Optional.of(parseState(stateValue.text(), source, stateValue.line()));
    }
    if (!container) {
      if (state.isEmpty()) {
        throw new ParseException(
            source, headerLine, device, "no 'State :' line in the block of " + device);
      }
      // With raid_disks 0 (not assembled far enough) mdadm prints only 'State : inactive'.
      boolean bareInactive = state.get().arrayState() == ArrayState.INACTIVE;
      if (raidDevices.isEmpty() && !bareInactive) {
        throw new ParseException(
            source, headerLine, device, "no 'Raid Devices :' line in the block of " + device);
      }
    } else if (raidDevices.isPresent()) {
      throw new ParseException(
          source, f.get("Raid Devices").line(), "Raid Devices", "a container has no raid devices");
    }
    if (stateColumn != raidDevices.isPresent()) {
      throw new ParseException(
          source, tableLine, stateColumn ? "State" : "RaidDevice",
          stateColumn ? "State column in a device table of an array without raid devices"
              : "device table without a State column");
    }
    if (raidDevices.isPresent() && slotRows < raidDevices.getAsInt()) {
      throw new ParseException(
          source, tableLine, null,
          "device table lists " + slotRows + " of " + raidDevices.getAsInt()
              + " slots (truncated?)");
    }
    Optional<MdDetailProgress> progress = Optional.empty();
    for (MdDetailProgress.Activity activity : MdDetailProgress.Activity.values()) {
      Value v = f.get(activity.word() + " Status");
      if (v == null) {
        continue;
      }
      if (progress.isPresent()) {
        throw new ParseException(source, v.line(), activity.word() + " Status",
            "second '... Status :' line in the block of " + device);
      }
      Matcher m = PERCENT.matcher(v.text());
      if (!m.matches()) {
        throw new ParseException(source, v.line(), v.text(), "expected 'NN% complete'");
      }
      int p = ParseNumbers.parseInt(m.group("p"), source, v.line());
      if (p > 100) {
        throw new ParseException(source, v.line(), v.text(), "progress above 100%");
      }
      progress = Optional.of(new MdDetailProgress(activity, p));
    }
    Value policy = f.get("Consistency Policy");
    if (policy != null && !CONSISTENCY_POLICIES.contains(policy.text())) {
      throw new ParseException(source, policy.line(), policy.text(), "unknown consistency policy");
    }
    Value persistence = f.get("Persistence");
    if (persistence != null && !persistence.text().equals("Superblock is persistent")
        && !persistence.text().equals("Superblock is not persistent")) {
      throw new ParseException(
          source, persistence.line(), persistence.text(), "unknown persistence");
    }
    List<String> members = new ArrayList<>();
    Value memberArrays = f.get("Member Arrays");
    if (memberArrays != null && !memberArrays.text().isBlank()) {
      members.addAll(List.of(memberArrays.text().strip().split("\\s+")));
    }
    return new MdArrayDetail(
        device, name, text(f, "Version"), text(f, "Container"), level,
        size(f, "Array Size", source), usedDevSize(f, source), raidDevices,
        count(f, "Total Devices", source), count(f, "Active Devices", source),
        count(f, "Working Devices", source), count(f, "Failed Devices", source),
        count(f, "Spare Devices", source), state, progress, text(f, "Layout"),
        text(f, "Consistency Policy"), text(f, "Delta Devices"), members, rows, headerLine);
  }

  private static Optional<String> text(Map<String, Value> f, String key) {
    Value v = f.get(key);
    return v == null ? Optional.empty() : Optional.of(v.text());
  }

  private static OptionalInt count(Map<String, Value> f, String key, String source)
      throws ParseException {
    Value v = f.get(key);
    return v == null
        ? OptionalInt.empty() : OptionalInt.of(ParseNumbers.parseInt(v.text(), source, v.line()));
  }

  private static OptionalLong size(Map<String, Value> f, String key, String source)
      throws ParseException {
    Value v = f.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    Matcher m = SIZE.matcher(v.text());
    if (!m.matches()) {
      throw new ParseException(
          source, v.line(), v.text().split(" ")[0], "expected a size in KiB for '" + key + "'");
    }
    return OptionalLong.of(ParseNumbers.parseLong(m.group("n"), source, v.line()));
  }

  private static OptionalLong usedDevSize(Map<String, Value> f, String source)
      throws ParseException {
    Value v = f.get("Used Dev Size");
    if (v == null || v.text().equals("unknown") || v.text().equals("-1")
        || v.text().equals(UNSIGNED_MINUS_ONE)) {
      return OptionalLong.empty();
    }
    return size(f, "Used Dev Size", source);
  }

  static MdDetailState parseState(String value, String source, int line) throws ParseException {
    String v = value;
    DetailStateFlag suffix = null;
    for (DetailStateFlag s : List.of(
        DetailStateFlag.DELAYED, DetailStateFlag.PENDING, DetailStateFlag.REMOTE)) {
      if (v.endsWith(" " + s.token())) {
        suffix = s;
        v = v.substring(0, v.length() - s.token().length() - 1);
        break;
      }
    }
    String[] parts = v.split(", ", -1);
    ArrayState arrayState = ArrayState.VOCABULARY.parse(parts[0], source, line);
    Set<DetailStateFlag> flags = EnumSet.noneOf(DetailStateFlag.class);
    int group = 0;
    for (int p = 1; p < parts.length; p++) {
      DetailStateFlag flag = DetailStateFlag.VOCABULARY.find(parts[p])
          .filter(fl -> !fl.isSuffix()).orElse(null);
      if (flag == null) {
        throw new ParseException(
            source, line, parts[p].isEmpty() ? value : parts[p], "unknown mdadm state word");
      }
      int g = flag.isAvailability() ? 1 : flag.isSync() ? 2 : 3;
      if (g <= group) {
        throw new ParseException(
            source, line, parts[p],
            "mdadm state words out of order or repeated in '" + value + "'");
      }
      group = g;
      flags.add(flag);
    }
    if (suffix != null) {
      if (flags.stream().noneMatch(DetailStateFlag::isSync)) {
        throw new ParseException(
            source, line, suffix.token(),
            "sync suffix without recovering/resyncing/reshaping/checking");
      }
      flags.add(suffix);
    }
    if (arrayState == ArrayState.INACTIVE && !flags.isEmpty()) {
      throw new ParseException(source, line, value, "'inactive' takes no further state words");
    }
    return new MdDetailState(arrayState, flags);
  }

  private static MdDeviceRow parseRow(
      String line, boolean stateColumn, boolean afterBlank, String source, int lineNo)
      throws ParseException {
    Matcher m = ROW.matcher(line);
    if (!m.matches() || (!m.group("rest").isEmpty() && !Character.isWhitespace(
        m.group("rest").charAt(0)))) {
      throw new ParseException(
          source, lineNo, line.strip(),
          "malformed device table row (expected 'Number Major Minor RaidDevice State path')");
    }
    OptionalInt number = m.group("num").equals("-")
        ? OptionalInt.empty()
        : OptionalInt.of(ParseNumbers.parseInt(m.group("num"), source, lineNo));
    int major = ParseNumbers.parseInt(m.group("major"), source, lineNo);
    int minor = ParseNumbers.parseInt(m.group("minor"), source, lineNo);
    OptionalInt raid = m.group("raid").equals("-")
        ? OptionalInt.empty()
        : OptionalInt.of(ParseNumbers.parseInt(m.group("raid"), source, lineNo));
    String rest = m.group("rest").strip();
    String[] tokens = rest.isEmpty() ? new String[0] : rest.split("\\s+");
    Set<DeviceRowState> states = EnumSet.noneOf(DeviceRowState.class);
    Optional<Character> set = Optional.empty();
    Optional<String> path = Optional.empty();
    boolean missing = false;
    DeviceRowState last = null;
    for (int t = 0; t < tokens.length; t++) {
      String token = tokens[t];
      if (token.startsWith("/") || token.equals("missing")) {
        if (t != tokens.length - 1) {
          throw new ParseException(
              source, lineNo, tokens[t + 1], "text after the device path");
        }
        if (token.equals("missing")) {
          missing = true;
        } else {
          path = Optional.of(token);
        }
        continue;
      }
      if (!stateColumn) {
        throw new ParseException(
            source, lineNo, token, "state word in a device table without a State column");
      }
      Matcher sm = SET.matcher(token);
      if (sm.matches()) {
        if (last != DeviceRowState.SYNC || set.isPresent()) {
          throw new ParseException(source, lineNo, token, "'set-X' only follows 'sync'");
        }
        set = Optional.of(sm.group("x").charAt(0));
        continue;
      }
      DeviceRowState state = DeviceRowState.VOCABULARY.parse(token, source, lineNo);
      if (last != null && state.ordinal() <= last.ordinal()) {
        throw new ParseException(
            source, lineNo, token, "device state words out of mdadm's order or repeated");
      }
      if (state == DeviceRowState.REBUILDING && last != DeviceRowState.SPARE) {
        throw new ParseException(source, lineNo, token, "'rebuilding' only follows 'spare'");
      }
      states.add(state);
      last = state;
    }
    if (stateColumn && states.isEmpty()) {
      throw new ParseException(source, lineNo, line.strip(), "device row without a state word");
    }
    if (states.contains(DeviceRowState.REMOVED) && (path.isPresent() || missing)) {
      throw new ParseException(source, lineNo, line.strip(), "a removed slot has no device path");
    }
    return new MdDeviceRow(number, major, minor, raid, states, set, path, missing, afterBlank);
  }

  // ---------------------------------------------------------------- --detail --scan

  private List<MdScanEntry> parseScan(List<String> lines, int start, String source)
      throws ParseException {
    List<MdScanEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      int lineNo = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      Matcher dm = DEVICES_LINE.matcher(line);
      if (dm.matches()) {
        if (entries.isEmpty() || !entries.get(entries.size() - 1).devices().isEmpty()
            || entries.get(entries.size() - 1).line() != lineNo - 1) {
          throw new ParseException(
              source, lineNo, line.strip(), "'devices=' line that does not follow an ARRAY line");
        }
        List<String> devices = new ArrayList<>();
        for (String d : dm.group("list").split(",", -1)) {
          if (!d.startsWith("/") || d.length() < 2) {
            throw new ParseException(source, lineNo, d, "malformed device path in 'devices='");
          }
          devices.add(d);
        }
        MdScanEntry prev = entries.remove(entries.size() - 1);
        entries.add(new MdScanEntry(prev.device(), prev.name(), prev.inactive(),
            prev.attributes(), devices, prev.line()));
        continue;
      }
      if (BLOCK_HEADER.matcher(line).matches()) {
        throw new ParseException(
            source, lineNo, line, "mdadm --detail block mixed into mdadm --detail --scan output");
      }
      Matcher m = SCAN_LINE.matcher(line);
      if (!m.matches()) {
        throw new ParseException(
            source, lineNo, line, "expected 'ARRAY <device> key=value...' or 'INACTIVE-ARRAY ...'");
      }
      String device = m.group("dev");
      String name = MdNames.normalize(device);
      if (!names.add(name)) {
        throw new ParseException(source, lineNo, device, "array listed twice");
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String token : tokenize(m.group("rest"), source, lineNo)) {
        int eq = token.indexOf('=');
        if (eq <= 0) {
          throw new ParseException(source, lineNo, token, "expected key=value");
        }
        String key = token.substring(0, eq);
        String value = unquote(token.substring(eq + 1));
        if (!SCAN_KEYS.contains(key)) {
          throw new ParseException(source, lineNo, key, "unknown mdadm --detail --scan key");
        }
        if (attributes.put(key, value) != null) {
          throw new ParseException(source, lineNo, key, "key repeated");
        }
        validateScanValue(key, value, source, lineNo);
      }
      if (!attributes.containsKey("metadata") && !attributes.containsKey("container")) {
        throw new ParseException(
            source, lineNo, line, "ARRAY line without metadata= or container=");
      }
      entries.add(new MdScanEntry(device, name, m.group("kind").equals("INACTIVE-ARRAY"),
          attributes, List.of(), lineNo));
    }
    return entries;
  }

  private static void validateScanValue(String key, String value, String source, int lineNo)
      throws ParseException {
    switch (key) {
      case "level" -> {
        MdLevel level = MdLevel.VOCABULARY.parse(value, source, lineNo);
        if (level == MdLevel.MULTIPATH || level == MdLevel.FAULTY) {
          throw new ParseException(source, lineNo, value, "RAID level not supported by this check");
        }
      }
      case "num-devices", "spares", "member" -> ParseNumbers.parseInt(value, source, lineNo);
      case "UUID" -> {
        if (!UUID.matcher(value).matches()) {
          throw new ParseException(source, lineNo, value, "malformed UUID");
        }
      }
      case "metadata" -> {
        if (!METADATA.matcher(value).matches()) {
          throw new ParseException(source, lineNo, value, "unknown metadata format");
        }
      }
      case "container", "bitmap" -> {
        if (!value.startsWith("/")) {
          throw new ParseException(source, lineNo, value, "expected a path for " + key + "=");
        }
      }
      default -> { }
    }
  }

  /** Splits on blanks, keeping a double-quoted part (mdadm print_quoted) in one token. */
  private static List<String> tokenize(String rest, String source, int lineNo)
      throws ParseException {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int p = 0; p < rest.length(); p++) {
      char c = rest.charAt(p);
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if ((c == ' ' || c == '\t') && !quoted) {
        if (current.length() > 0) {
          tokens.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new ParseException(source, lineNo, current.toString(), "unterminated quote");
    }
    if (current.length() > 0) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
