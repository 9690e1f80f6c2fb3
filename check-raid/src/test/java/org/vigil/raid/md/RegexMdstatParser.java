package org.vigil.raid.md;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;

/**
 * The java.util.regex {@link MdstatParser} as it was before the hand-written line readers
 * replaced it (commit b116130), kept verbatim as the oracle of {@link MdstatParserAgreementTest}.
 * Only its name and the regex {@code squeeze} it used from ParseNumbers changed.
 */
final class RegexMdstatParser {

  private static final String PERSONALITIES = "Personalities :";
  private static final Pattern READ_AHEAD = Pattern.compile("read_ahead (?:\\d+ sectors|not set)");
  private static final Pattern ARRAY_HEADER = Pattern.compile("(?<name>\\S+) : (?<rest>.*)");
  private static final Pattern ARRAY_NAME = Pattern.compile("md(?:\\d+|_[A-Za-z0-9_]+)");
  private static final Pattern MEMBER =
      Pattern.compile("(?<dev>[^\\s\\[\\]()]+)\\[(?<nr>\\d+)\\](?<flags>.*)");
  private static final Pattern BLOCKS = Pattern.compile("(?<blocks>\\S+) blocks(?<rest>.*)");
  private static final Pattern SUPER = Pattern.compile(" super (?<super>\\S+)(?<rest>.*)");
  private static final Pattern VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}");
  private static final Pattern EXTERNAL_MEMBER =
      Pattern.compile("external:/md(?:\\d+|_[A-Za-z0-9_]+)/\\d+");
  private static final String SLOTS = " \\[(?<n>\\d+)/(?<m>\\d+)\\] \\[(?<map>[^\\]]*)\\]";
  private static final Pattern RAID1 = Pattern.compile(SLOTS);
  private static final Pattern RAID456 = Pattern.compile(
      " level (?<level>\\d+), (?<chunk>\\d+)k chunk, algorithm (?<alg>\\d+)" + SLOTS);
  private static final Pattern RAID10 = Pattern.compile(
      "(?: (?<chunk>\\d+)K chunks)?(?: (?<near>\\d+) near-copies)?"
          + "(?: (?<far>\\d+) (?<fo>far|offset)-copies(?: (?<set>\\d+) devices per set)?)?"
          + SLOTS);
  private static final Pattern RAID0 = Pattern.compile(" (?<chunk>\\d+)k chunks");
  private static final Pattern LINEAR = Pattern.compile(" (?<round>\\d+)k rounding");
  private static final Pattern PROGRESS = Pattern.compile(
      "\\[(?<bar>[^\\]]*)\\] (?<action>[a-z]+) = ?(?<pct>\\d{1,3}\\.\\d)% "
          + "\\((?<done>\\d+)/(?<total>\\d+)\\) finish=(?<fin>\\d+\\.\\d)min "
          + "speed=(?<speed>\\d+)K/sec");
  private static final Pattern BAR = Pattern.compile("=*>\\.*");
  private static final Pattern SYNC_WORD = Pattern.compile("(?<word>[a-z]+)=(?<value>[A-Z]+)");
  private static final Pattern BITMAP = Pattern.compile(
      "bitmap: (?<have>\\d+)/(?<pages>\\d+) pages \\[(?<kb>\\d+)KB\\], "
          + "(?<chunk>\\d+)(?<unit>KB|B) chunk(?:, file: (?<file>\\S.*))?");
  private static final String UNUSED = "unused devices:";
  private static final Pattern DEVICE = Pattern.compile("[^\\s\\[\\]()<>]+");

  public Mdstat parse(String text, String source) throws ParseException {
    List<String> lines = ParseNumbers.lines(text, source);
    List<MdLevel> personalities = parsePersonalities(lines.get(0), source);
    int i = 1;
    if (i < lines.size() && READ_AHEAD.matcher(lines.get(i)).matches()) {
      i++;
    }
    List<MdArray> arrays = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (i < lines.size()) {
      String line = lines.get(i);
      int lineNo = i + 1;
      if (line.isBlank()) {
        i++;
        continue;
      }
      if (line.startsWith(UNUSED)) {
        List<String> unused = parseUnused(line, source, lineNo);
        for (int j = i + 1; j < lines.size(); j++) {
          if (!lines.get(j).isBlank()) {
            throw new ParseException(
                source, j + 1, lines.get(j), "text after the 'unused devices:' line");
          }
        }
        return new Mdstat(personalities, arrays, unused);
      }
      if (ParseNumbers.isIndented(line)) {
        throw new ParseException(
            source, lineNo, line.strip(), "indented line outside an array block");
      }
      Matcher header = ARRAY_HEADER.matcher(line);
      if (!header.matches()) {
        throw new ParseException(
            source, lineNo, line, "unexpected line (expected 'mdN : ...' or 'unused devices:')");
      }
      String name = header.group("name");
      if (!ARRAY_NAME.matcher(name).matches()) {
        throw new ParseException(source, lineNo, name, "malformed md device name");
      }
      if (!names.add(name)) {
        throw new ParseException(source, lineNo, name, "array listed twice");
      }
      ArrayBlock block = parseArray(name, header.group("rest"), lines, i, personalities, source);
      arrays.add(block.array());
      i = block.next();
    }
    throw new ParseException(
        source, lines.size() + 1, null,
        "input ends without the 'unused devices:' line the kernel always prints (truncated?)");
  }

  private static List<MdLevel> parsePersonalities(String line, String source)
      throws ParseException {
    if (!line.startsWith(PERSONALITIES)) {
      throw new ParseException(source, 1, line, "expected the 'Personalities :' line");
    }
    List<MdLevel> result = new ArrayList<>();
    String rest = line.substring(PERSONALITIES.length());
    if (!rest.isEmpty() && rest.charAt(0) != ' ') {
      throw new ParseException(source, 1, line, "expected the 'Personalities :' line");
    }
    for (String token : rest.strip().split("[ \t]+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (token.length() < 3 || token.charAt(0) != '[' || token.charAt(token.length() - 1) != ']') {
        throw new ParseException(
            source, 1, token, "malformed personality (expected '[name]')");
      }
      MdLevel level = MdLevel.VOCABULARY.find(token.substring(1, token.length() - 1)).orElse(null);
      if (level == null || level == MdLevel.CONTAINER) {
        throw new ParseException(source, 1, token, "unknown personality");
      }
      result.add(level);
    }
    return result;
  }

  private static List<String> parseUnused(String line, String source, int lineNo)
      throws ParseException {
    String rest = line.substring(UNUSED.length()).strip();
    if (rest.isEmpty()) {
      throw new ParseException(
          source, lineNo, line,
          "'unused devices:' without '<none>' or a device list (the kernel always prints one)");
    }
    if (rest.equals("<none>")) {
      return List.of();
    }
    List<String> devices = new ArrayList<>();
    for (String token : rest.split("[ \t]+")) {
      if (!DEVICE.matcher(token).matches()) {
        throw new ParseException(source, lineNo, token, "malformed unused device name");
      }
      devices.add(token);
    }
    return devices;
  }

  private record ArrayBlock(MdArray array, int next) {}

  private static ArrayBlock parseArray(
      String name, String rest, List<String> lines, int headerIndex, List<MdLevel> personalities,
      String source) throws ParseException {
    int lineNo = headerIndex + 1;
    String[] tokens = rest.strip().split("[ \t]+");
    int t = 0;
    MdstatArrayState state = MdstatArrayState.VOCABULARY.parse(tokens[t++], source, lineNo);
    MdReadOnly readOnly = MdReadOnly.READ_WRITE;
    Optional<MdLevel> level = Optional.empty();
    if (state != MdstatArrayState.INACTIVE) {
      if (t < tokens.length && tokens[t].startsWith("(")) {
        String marker = tokens[t++];
        readOnly = MdReadOnly.VOCABULARY.find(marker).orElse(MdReadOnly.READ_WRITE);
        if (readOnly == MdReadOnly.READ_WRITE) {
          throw new ParseException(source, lineNo, marker, "unknown read-only marker");
        }
      }
      if (t >= tokens.length) {
        throw new ParseException(source, lineNo, rest, "array line ends before the personality");
      }
      String word = tokens[t++];
      MdLevel pers = MdLevel.VOCABULARY.find(word).orElse(null);
      if (pers == null || pers == MdLevel.CONTAINER) {
        throw new ParseException(source, lineNo, word, "unknown personality");
      }
      if (!pers.supported()) {
        throw new ParseException(
            source, lineNo, word, "personality not supported by this check");
      }
      if (!personalities.contains(pers)) {
        throw new ParseException(
            source, lineNo, word, "personality not listed in the 'Personalities :' line");
      }
      level = Optional.of(pers);
    } else if (t < tokens.length && MdLevel.VOCABULARY.find(tokens[t]).isPresent()) {
      throw new ParseException(
          source, lineNo, tokens[t], "inactive array with a personality (the kernel prints none)");
    }
    if (t >= tokens.length) {
      throw new ParseException(source, lineNo, rest, "array without members");
    }
    List<MdMember> members = new ArrayList<>();
    Set<String> devices = new HashSet<>();
    Set<Integer> descriptors = new HashSet<>();
    for (; t < tokens.length; t++) {
      MdMember member = parseMember(tokens[t], source, lineNo);
      if (!devices.add(member.device()) || !descriptors.add(member.descriptor())) {
        throw new ParseException(
            source, lineNo, tokens[t], "device or descriptor number listed twice in one array");
      }
      members.add(member);
    }

    int i = headerIndex + 1;
    if (i >= lines.size() || !ParseNumbers.isIndented(lines.get(i))
        || lines.get(i).isBlank()) {
      throw new ParseException(
          source, i + 1, i < lines.size() ? lines.get(i) : null,
          "expected the '<N> blocks' line of " + name);
    }
    int blocksLineNo = i + 1;
    String blocksLine = squeeze(lines.get(i));
    Matcher bm = BLOCKS.matcher(blocksLine);
    if (!bm.matches()) {
      throw new ParseException(
          source, blocksLineNo, blocksLine.split(" ")[0], "expected '<N> blocks' of " + name);
    }
    long blocks = ParseNumbers.parseLong(bm.group("blocks"), source, blocksLineNo);
    String status = bm.group("rest");
    MdMetadata metadata = MdMetadata.V090;
    Matcher sm = SUPER.matcher(status);
    if (sm.matches()) {
      metadata = parseSuper(sm.group("super"), source, blocksLineNo);
      status = sm.group("rest");
    }
    StatusFields fields = parseStatus(level, status, name, source, blocksLineNo);
    i++;

    Optional<MdSync> sync = Optional.empty();
    Optional<MdBitmap> bitmap = Optional.empty();
    while (i < lines.size()) {
      String raw = lines.get(i);
      if (raw.isBlank()) {
        i++;
        break;
      }
      if (!ParseNumbers.isIndented(raw)) {
        break;
      }
      int no = i + 1;
      String line = squeeze(raw);
      if (line.startsWith("bitmap:")) {
        if (bitmap.isPresent()) {
          throw new ParseException(source, no, line, "second bitmap line for " + name);
        }
        bitmap = Optional.of(parseBitmap(line, source, no));
      } else if (line.startsWith("[") || SYNC_WORD.matcher(line).matches()) {
        if (sync.isPresent()) {
          throw new ParseException(source, no, line, "second progress line for " + name);
        }
        if (bitmap.isPresent()) {
          throw new ParseException(
              source, no, line,
              "progress line after the bitmap line (the kernel prints it before)");
        }
        if (level.isEmpty() || !level.get().canSync()) {
          throw new ParseException(
              source, no, line, "progress line for an array that cannot sync ("
                  + (level.isPresent() ? level.get().token() : state.token()) + ")");
        }
        sync = Optional.of(line.startsWith("[")
            ? parseProgress(line, source, no) : parseSyncWord(line, source, no));
      } else {
        throw new ParseException(source, no, line, "unexpected line in the block of " + name);
      }
      i++;
    }

    if (fields.slots().isPresent()) {
      MdSlots slots = fields.slots().get();
      int us = slots.map().length() - slots.underscores();
      boolean reshape = sync.isPresent() && sync.get().action() == MdSyncAction.RESHAPE;
      if (us != slots.inSync() && !reshape) {
        throw new ParseException(
            source, blocksLineNo, slots.text(),
            "[n/m] says " + slots.inSync() + " in sync but the slot map shows " + us + " 'U'");
      }
    }
    MdArray array = new MdArray(name, state, readOnly, level, members, blocks, metadata,
        fields.slots(), fields.geometry(), sync, bitmap, lineNo);
    return new ArrayBlock(array, i);
  }

  private static MdMember parseMember(String token, String source, int lineNo)
      throws ParseException {
    Matcher m = MEMBER.matcher(token);
    if (!m.matches()) {
      throw new ParseException(
          source, lineNo, token,
          "malformed member (expected name[N] with optional flags (W)(J)(F)(S)(R))");
    }
    int descriptor = ParseNumbers.parseInt(m.group("nr"), source, lineNo);
    String flagText = m.group("flags");
    Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
    MemberFlag last = null;
    for (int p = 0; p < flagText.length(); p += 3) {
      if (p + 3 > flagText.length() || flagText.charAt(p) != '('
          || flagText.charAt(p + 2) != ')') {
        throw new ParseException(
            source, lineNo, token,
            "malformed member (expected name[N] with optional flags (W)(J)(F)(S)(R))");
      }
      MemberFlag flag = MemberFlag.ofLetter(flagText.charAt(p + 1));
      if (flag == null) {
        throw new ParseException(
            source, lineNo, flagText.substring(p, p + 3), "unknown member flag in " + token);
      }
      if (last != null && (flag.ordinal() <= last.ordinal() || last == MemberFlag.FAULTY)) {
        throw new ParseException(
            source, lineNo, token, "member flags not in the kernel's order (W)(J)(F)|(S)(R)");
      }
      flags.add(flag);
      last = flag;
    }
    return new MdMember(m.group("dev"), descriptor, flags);
  }

  private static MdMetadata parseSuper(String token, String source, int lineNo)
      throws ParseException {
    if (VERSION.matcher(token).matches()) {
      return new MdMetadata(MdMetadata.Kind.PERSISTENT, token);
    }
    if (token.equals("external:imsm") || token.equals("external:ddf")) {
      return new MdMetadata(MdMetadata.Kind.EXTERNAL_CONTAINER, token);
    }
    if (EXTERNAL_MEMBER.matcher(token).matches()) {
      return new MdMetadata(MdMetadata.Kind.EXTERNAL_MEMBER, token);
    }
    if (token.equals("non-persistent")) {
      return new MdMetadata(MdMetadata.Kind.NON_PERSISTENT, token);
    }
    throw new ParseException(source, lineNo, token, "unknown superblock format");
  }

  private record StatusFields(Optional<MdSlots> slots, MdGeometry geometry) {}

  private static StatusFields parseStatus(
      Optional<MdLevel> level, String status, String name, String source, int lineNo)
      throws ParseException {
    if (level.isEmpty()) {
      if (!status.isEmpty()) {
        throw new ParseException(
            source, lineNo, status.strip(), "inactive array with personality status words");
      }
      return new StatusFields(Optional.empty(), MdGeometry.NONE);
    }
    MdLevel l = level.get();
    Matcher m;
    String expected;
    switch (l) {
      case RAID1 -> {
        m = RAID1.matcher(status);
        expected = "'[n/m] [UU]'";
      }
      case RAID4, RAID5, RAID6 -> {
        m = RAID456.matcher(status);
        expected = "'level N, Nk chunk, algorithm N [n/m] [UU]'";
      }
      case RAID10 -> {
        m = RAID10.matcher(status);
        expected = "'[NK chunks] [N near-copies] [N far-copies|N offset-copies"
            + " [N devices per set]] [n/m] [UU]'";
      }
      case RAID0 -> {
        m = RAID0.matcher(status);
        expected = "'Nk chunks'";
      }
      case LINEAR -> {
        m = LINEAR.matcher(status);
        expected = "'Nk rounding'";
      }
      default -> throw new IllegalStateException("unsupported level " + l);
    }
    if (!m.matches()) {
      throw new ParseException(
          source, lineNo, status.isBlank() ? "" : status.strip(),
          "malformed " + l.token() + " status of " + name + " (expected " + expected + ")");
    }
    OptionalInt chunk = OptionalInt.empty();
    OptionalInt rounding = OptionalInt.empty();
    OptionalInt lvl = OptionalInt.empty();
    OptionalInt alg = OptionalInt.empty();
    OptionalInt near = OptionalInt.empty();
    OptionalInt far = OptionalInt.empty();
    OptionalInt offset = OptionalInt.empty();
    OptionalInt perSet = OptionalInt.empty();
    switch (l) {
      case RAID4, RAID5, RAID6 -> {
        int printed = ParseNumbers.parseInt(m.group("level"), source, lineNo);
        int expectedLevel = l == MdLevel.RAID4 ? 4 : l == MdLevel.RAID5 ? 5 : 6;
        if (printed != expectedLevel) {
          throw new ParseException(
              source, lineNo, "level " + printed, "level does not match personality " + l.token());
        }
        lvl = OptionalInt.of(printed);
        chunk = opt(m.group("chunk"), source, lineNo);
        alg = opt(m.group("alg"), source, lineNo);
      }
      case RAID10 -> {
        chunk = opt(m.group("chunk"), source, lineNo);
        near = opt(m.group("near"), source, lineNo);
        if (m.group("far") != null) {
          if (m.group("fo").equals("far")) {
            far = opt(m.group("far"), source, lineNo);
          } else {
            offset = opt(m.group("far"), source, lineNo);
          }
        }
        perSet = opt(m.group("set"), source, lineNo);
      }
      case RAID0 -> chunk = opt(m.group("chunk"), source, lineNo);
      case LINEAR -> rounding = opt(m.group("round"), source, lineNo);
      default -> { }
    }
    Optional<MdSlots> slots = Optional.empty();
    if (l.redundant()) {
      int n = ParseNumbers.parseInt(m.group("n"), source, lineNo);
      int inSync = ParseNumbers.parseInt(m.group("m"), source, lineNo);
      String map = m.group("map");
      String text = "[" + n + "/" + inSync + "] [" + map + "]";
      if (!onlySlotLetters(map)) {
        throw new ParseException(
            source, lineNo, "[" + map + "]", "slot map may only contain 'U' and '_'");
      }
      if (n < 1 || inSync > n) {
        throw new ParseException(source, lineNo, text, "impossible slot count [n/m]");
      }
      if (map.length() != n) {
        throw new ParseException(
            source, lineNo, text,
            "[n/m] says " + n + " slots but the slot map has " + map.length());
      }
      slots = Optional.of(new MdSlots(n, inSync, map));
    }
    return new StatusFields(
        slots, new MdGeometry(chunk, rounding, lvl, alg, near, far, offset, perSet));
  }

  private static OptionalInt opt(String digits, String source, int lineNo) throws ParseException {
    return digits == null
        ? OptionalInt.empty() : OptionalInt.of(ParseNumbers.parseInt(digits, source, lineNo));
  }

  /** The first field of a progress line that does not fit, or the whole line. */
  private static String offendingProgressField(String line) {
    for (String field : line.strip().split("\\s+")) {
      boolean bad = (field.startsWith("finish=") && !field.matches("finish=\\d+\\.\\dmin"))
          || (field.startsWith("speed=") && !field.matches("speed=\\d+K/sec"))
          || (field.startsWith("(") && !field.matches("\\(\\d+/\\d+\\)"))
          || (field.endsWith("%") && !field.matches("=?\\d{1,3}\\.\\d%"));
      if (bad) {
        return field;
      }
    }
    return line;
  }

  private static MdSync parseProgress(String line, String source, int lineNo)
      throws ParseException {
    Matcher m = PROGRESS.matcher(line);
    if (!m.matches()) {
      throw new ParseException(
          source, lineNo, offendingProgressField(line),
          "malformed progress line"
              + " (expected '[==>...] ACTION = P% (N/N) finish=Mmin speed=NK/sec')");
    }
    String bar = m.group("bar");
    if (!BAR.matcher(bar).matches() || bar.length() != 21) {
      throw new ParseException(source, lineNo, "[" + bar + "]", "malformed progress bar");
    }
    MdSyncAction action = MdSyncAction.VOCABULARY.parse(m.group("action"), source, lineNo);
    double percent = Double.parseDouble(m.group("pct"));
    if (percent > 100.0) {
      throw new ParseException(source, lineNo, m.group("pct") + "%", "progress above 100%");
    }
    return new MdSync(
        action, MdSyncPhase.RUNNING, OptionalDouble.of(percent),
        OptionalLong.of(ParseNumbers.parseLong(m.group("done"), source, lineNo)),
        OptionalLong.of(ParseNumbers.parseLong(m.group("total"), source, lineNo)),
        OptionalDouble.of(Double.parseDouble(m.group("fin"))),
        OptionalLong.of(ParseNumbers.parseLong(m.group("speed"), source, lineNo)));
  }

  private static MdSync parseSyncWord(String line, String source, int lineNo)
      throws ParseException {
    return switch (line) {
      case "resync=DELAYED" -> MdSync.waiting(MdSyncAction.RESYNC, MdSyncPhase.DELAYED);
      case "resync=PENDING" -> MdSync.waiting(MdSyncAction.RESYNC, MdSyncPhase.PENDING);
      case "resync=REMOTE" -> MdSync.waiting(MdSyncAction.RESYNC, MdSyncPhase.REMOTE);
      case "recover=REMOTE" -> MdSync.waiting(MdSyncAction.RECOVERY, MdSyncPhase.REMOTE);
      case "reshape=REMOTE" -> MdSync.waiting(MdSyncAction.RESHAPE, MdSyncPhase.REMOTE);
      default -> throw new ParseException(
          source, lineNo, line,
          "unknown sync state (expected resync=DELAYED|PENDING|REMOTE, recover=REMOTE or"
              + " reshape=REMOTE)");
    };
  }

  private static MdBitmap parseBitmap(String line, String source, int lineNo)
      throws ParseException {
    Matcher m = BITMAP.matcher(line);
    if (!m.matches()) {
      throw new ParseException(
          source, lineNo, line,
          "malformed bitmap line (expected 'bitmap: N/N pages [NKB], N(KB|B) chunk[, file: P]')");
    }
    long have = ParseNumbers.parseLong(m.group("have"), source, lineNo);
    long pages = ParseNumbers.parseLong(m.group("pages"), source, lineNo);
    if (have > pages) {
      throw new ParseException(
          source, lineNo, have + "/" + pages, "more bitmap pages present than exist");
    }
    long chunk = ParseNumbers.parseLong(m.group("chunk"), source, lineNo);
    if (m.group("unit").equals("KB")) {
      if (chunk > Long.MAX_VALUE / 1024) {
        throw new ParseException(source, lineNo, m.group("chunk"), "number out of range");
      }
      chunk *= 1024;
    }
    return new MdBitmap(
        have, pages, ParseNumbers.parseLong(m.group("kb"), source, lineNo), chunk,
        Optional.ofNullable(m.group("file")));
  }

  private static boolean onlySlotLetters(String map) {
    for (int i = 0; i < map.length(); i++) {
      char c = map.charAt(i);
      if (c != 'U' && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** ParseNumbers.squeeze as it was: strip, then every run of spaces and tabs made one space. */
  static String squeeze(String line) {
    return line.strip().replaceAll("[ \t]+", " ");
  }
}
