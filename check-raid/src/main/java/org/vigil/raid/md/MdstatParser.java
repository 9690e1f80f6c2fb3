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
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;

/**
 * Parses /proc/mdstat as printed by the kernel's md.c {@code md_seq_show} and the personalities'
 * {@code status} functions (raid1.c, raid5.c, raid10.c, raid0.c, md-linear.c). Every line must be
 * one the kernel prints; anything else is a {@link ParseException} naming the line and token.
 *
 * <pre>
 * Personalities : [raid1] [raid6] [raid5] [raid4]
 * md0 : active raid1 sdb1[1] sda1[0] sdc1[2](S)
 *       1953382400 blocks super 1.2 [2/2] [UU]
 *       [==&gt;..................]  check = 12.6% (246123456/1953382400) finish=160.1min
 *         speed=177321K/sec   (one line)
 *       bitmap: 2/15 pages [8KB], 65536KB chunk
 *
 * unused devices: &lt;none&gt;
 * </pre>
 *
 * <p>Decisions, all on the strict side:
 *
 * <ul>
 *   <li>The first line must be {@code Personalities :}; a shell prompt or a fragment starting at
 *       an array line is rejected. An old-kernel {@code read_ahead} line after it is accepted and
 *       ignored. Every array's personality must be listed there (the kernel registers it first).
 *   <li><b>The {@code unused devices:} line is required.</b> The kernel always ends the file with
 *       it, so a capture without it is truncated and rejected (the error names the line after the
 *       last one). {@code unused devices:} with nothing after it is rejected too: the kernel prints
 *       {@code <none>} or at least one device. Only blank lines may follow it.
 *   <li>A carriage return anywhere is rejected (CRLF is not what the kernel prints).
 *   <li>Trailing spaces and tabs are ignored on every line, and whitespace-only lines are
 *       separators anywhere between blocks. Continuation lines may be indented by any run of
 *       spaces/tabs (tabs are often expanded in captures); runs of blanks inside them count as one.
 *   <li>Members must be {@code name[N]} with flags from {@code (W)(J)(F)(S)(R)} in the kernel's
 *       order (nothing after {@code (F)}); an unknown flag, a malformed member ({@code sdj2[X]}),
 *       or a device or descriptor number listed twice in one array is rejected.
 *   <li>{@code [n/m]} must match the slot map: its length must be n, and its {@code U} count m,
 *       except while a reshape runs (the kernel then counts degraded against the larger geometry).
 *   <li>Inactive arrays print no personality and no status; an {@code inactive raid1} line or a
 *       slot map on an inactive array is rejected. multipath and faulty arrays are rejected as not
 *       supported. Progress lines are only accepted for levels that can sync.
 * </ul>
 *
 * <p>The line shapes are matched by hand ({@link LineShape}), not with java.util.regex: a check
 * starts as a new JVM every minute, and on JDK 17 the first regex boots java.lang.invoke. The
 * regex each shape replaces is quoted beside it; MdstatParserAgreementTest holds the two to the
 * same results.
 */
public final class MdstatParser {

  private static final String PERSONALITIES = "Personalities :";
  private static final String UNUSED = "unused devices:";
  private static final String MEMBER_SHAPE =
      "malformed member (expected name[N] with optional flags (W)(J)(F)(S)(R))";

  public Mdstat parse(String text, String source) throws ParseException {
    List<String> lines = ParseNumbers.lines(text, source);
    List<MdLevel> personalities = parsePersonalities(lines.get(0), source);
    int i = 1;
    if (i < lines.size() && isReadAhead(lines.get(i))) {
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
      // (?<name>\S+) : (?<rest>.*)
      int nameEnd = LineShape.firstSpace(line);
      LineShape header = new LineShape(line, Math.max(nameEnd, 0));
      if (nameEnd <= 0 || !header.literal(" : ") || !header.restOfLine()) {
        throw new ParseException(
            source, lineNo, line, "unexpected line (expected 'mdN : ...' or 'unused devices:')");
      }
      String name = line.substring(0, nameEnd);
      if (!MdNames.isMdName(name)) {
        throw new ParseException(source, lineNo, name, "malformed md device name");
      }
      if (!names.add(name)) {
        throw new ParseException(source, lineNo, name, "array listed twice");
      }
      ArrayBlock block = parseArray(
          name, line.substring(nameEnd + 3), lines, i, personalities, source);
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
    for (String token : LineShape.split(rest.strip(), false)) {
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
    for (String token : LineShape.split(rest, false)) {
      if (!isDeviceName(token)) {
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
    String[] tokens = LineShape.split(rest.strip(), false);
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
    String blocksLine = ParseNumbers.squeeze(lines.get(i));
    // (?<blocks>\S+) blocks(?<rest>.*)
    int blocksEnd = LineShape.firstSpace(blocksLine);
    LineShape bm = new LineShape(blocksLine, Math.max(blocksEnd, 0));
    if (blocksEnd <= 0 || !bm.literal(" blocks") || !bm.restOfLine()) {
      throw new ParseException(
          source, blocksLineNo, blocksLine.split(" ")[0], "expected '<N> blocks' of " + name);
    }
    long blocks = ParseNumbers.parseLong(
        blocksLine.substring(0, blocksEnd), source, blocksLineNo);
    String status = blocksLine.substring(blocksEnd + " blocks".length());
    MdMetadata metadata = MdMetadata.V090;
    // " super (?<super>\S+)(?<rest>.*)"
    LineShape sm = new LineShape(status);
    if (sm.literal(" super ") && sm.nonSpaces()) {
      int superEnd = sm.position();
      if (sm.restOfLine()) {
        metadata = parseSuper(status.substring(" super ".length(), superEnd), source,
            blocksLineNo);
        status = status.substring(superEnd);
      }
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
      String line = ParseNumbers.squeeze(raw);
      if (line.startsWith("bitmap:")) {
        if (bitmap.isPresent()) {
          throw new ParseException(source, no, line, "second bitmap line for " + name);
        }
        bitmap = Optional.of(parseBitmap(line, source, no));
      } else if (line.startsWith("[") || isSyncWord(line)) {
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
    // (?<dev>[^\s\[\]()]+)\[(?<nr>\d+)\](?<flags>.*)
    int devEnd = 0;
    while (devEnd < token.length() && isMemberNameChar(token.charAt(devEnd))) {
      devEnd++;
    }
    LineShape m = new LineShape(token, devEnd);
    String nr = devEnd > 0 && m.literal("[") ? m.number() : null;
    int flagsStart = m.position();
    if (nr == null || !m.literal("]") || !m.restOfLine()) {
      throw new ParseException(source, lineNo, token, MEMBER_SHAPE);
    }
    int descriptor = ParseNumbers.parseInt(nr, source, lineNo);
    String flagText = token.substring(flagsStart + 1);
    Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
    MemberFlag last = null;
    for (int p = 0; p < flagText.length(); p += 3) {
      if (p + 3 > flagText.length() || flagText.charAt(p) != '('
          || flagText.charAt(p + 2) != ')') {
        throw new ParseException(source, lineNo, token, MEMBER_SHAPE);
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
    return new MdMember(token.substring(0, devEnd), descriptor, flags);
  }

  private static MdMetadata parseSuper(String token, String source, int lineNo)
      throws ParseException {
    if (isVersion(token)) {
      return new MdMetadata(MdMetadata.Kind.PERSISTENT, token);
    }
    if (token.equals("external:imsm") || token.equals("external:ddf")) {
      return new MdMetadata(MdMetadata.Kind.EXTERNAL_CONTAINER, token);
    }
    if (isExternalMember(token)) {
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
    StatusGroups m = new StatusGroups();
    LineShape shape = new LineShape(status);
    boolean matches;
    String expected;
    switch (l) {
      case RAID1 -> {
        matches = m.slots(shape);
        expected = "'[n/m] [UU]'";
      }
      case RAID4, RAID5, RAID6 -> {
        // " level (?<level>\d+), (?<chunk>\d+)k chunk, algorithm (?<alg>\d+)" + SLOTS
        matches = shape.literal(" level ") && (m.level = shape.number()) != null
            && shape.literal(", ") && (m.chunk = shape.number()) != null
            && shape.literal("k chunk, algorithm ") && (m.alg = shape.number()) != null
            && m.slots(shape);
        expected = "'level N, Nk chunk, algorithm N [n/m] [UU]'";
      }
      case RAID10 -> {
        // "(?: (?<chunk>\d+)K chunks)?(?: (?<near>\d+) near-copies)?"
        //     + "(?: (?<far>\d+) (?<fo>far|offset)-copies(?: (?<set>\d+) devices per set)?)?"
        //     + SLOTS
        m.chunk = optionalNumber(shape, "K chunks");
        m.near = optionalNumber(shape, " near-copies");
        int far = shape.position();
        if (shape.literal(" ") && (m.far = shape.number()) != null
            && (shape.literal(" far-copies") || shape.literal(" offset-copies"))) {
          m.farNotOffset = shape.since(far).endsWith(" far-copies");
          m.set = optionalNumber(shape, " devices per set");
        } else {
          m.far = null;
          shape.reset(far);
        }
        matches = m.slots(shape);
        expected = "'[NK chunks] [N near-copies] [N far-copies|N offset-copies"
            + " [N devices per set]] [n/m] [UU]'";
      }
      case RAID0 -> {
        // " (?<chunk>\d+)k chunks"
        matches = shape.literal(" ") && (m.chunk = shape.number()) != null
            && shape.literal("k chunks") && shape.atEnd();
        expected = "'Nk chunks'";
      }
      case LINEAR -> {
        // " (?<round>\d+)k rounding"
        matches = shape.literal(" ") && (m.round = shape.number()) != null
            && shape.literal("k rounding") && shape.atEnd();
        expected = "'Nk rounding'";
      }
      default -> throw new IllegalStateException("unsupported level " + l);
    }
    if (!matches) {
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
        int printed = ParseNumbers.parseInt(m.level, source, lineNo);
        int expectedLevel = l == MdLevel.RAID4 ? 4 : l == MdLevel.RAID5 ? 5 : 6;
        if (printed != expectedLevel) {
          throw new ParseException(
              source, lineNo, "level " + printed, "level does not match personality " + l.token());
        }
        lvl = OptionalInt.of(printed);
        chunk = opt(m.chunk, source, lineNo);
        alg = opt(m.alg, source, lineNo);
      }
      case RAID10 -> {
        chunk = opt(m.chunk, source, lineNo);
        near = opt(m.near, source, lineNo);
        if (m.far != null) {
          if (m.farNotOffset) {
            far = opt(m.far, source, lineNo);
          } else {
            offset = opt(m.far, source, lineNo);
          }
        }
        perSet = opt(m.set, source, lineNo);
      }
      case RAID0 -> chunk = opt(m.chunk, source, lineNo);
      case LINEAR -> rounding = opt(m.round, source, lineNo);
      default -> { }
    }
    Optional<MdSlots> slots = Optional.empty();
    if (l.redundant()) {
      int n = ParseNumbers.parseInt(m.n, source, lineNo);
      int inSync = ParseNumbers.parseInt(m.m, source, lineNo);
      String map = m.map;
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

  /** The numbers of a personality's status; null where the status has none. */
  private static final class StatusGroups {
    String level;
    String chunk;
    String alg;
    String near;
    String far;
    boolean farNotOffset;
    String set;
    String round;
    String n;
    String m;
    String map;

    /** The status ends with {@code " \[(?<n>\d+)/(?<m>\d+)\] \[(?<map>[^\]]*)\]"}. */
    boolean slots(LineShape shape) {
      if (!shape.literal(" [") || (n = shape.number()) == null || !shape.literal("/")
          || (m = shape.number()) == null || !shape.literal("] [")) {
        return false;
      }
      int start = shape.position();
      shape.until(']');
      map = shape.since(start);
      return shape.literal("]") && shape.atEnd();
    }
  }

  /** {@code (?: (\d+)SUFFIX)?}: the number, or null (nothing consumed) when it is not there. */
  private static String optionalNumber(LineShape shape, String suffix) {
    int start = shape.position();
    String digits = shape.literal(" ") ? shape.number() : null;
    if (digits != null && shape.literal(suffix)) {
      return digits;
    }
    shape.reset(start);
    return null;
  }

  private static OptionalInt opt(String digits, String source, int lineNo) throws ParseException {
    return digits == null
        ? OptionalInt.empty() : OptionalInt.of(ParseNumbers.parseInt(digits, source, lineNo));
  }

  /** The first field of a progress line that does not fit, or the whole line. */
  private static String offendingProgressField(String line) {
    for (String field : LineShape.split(line.strip(), true)) {
      boolean bad = (field.startsWith("finish=") && !isFinish(new LineShape(field, 7), true))
          || (field.startsWith("speed=") && !isSpeed(new LineShape(field, 6), true))
          || (field.startsWith("(") && !isDoneOfTotal(new LineShape(field, 1), true))
          || (field.endsWith("%") && !isPercentField(field));
      if (bad) {
        return field;
      }
    }
    return line;
  }

  /** {@code \d+\.\dmin}, alone or followed by the rest of the progress line. */
  private static boolean isFinish(LineShape s, boolean alone) {
    return s.digits() && s.literal(".") && s.digits(1, 1) && s.literal("min")
        && (!alone || s.atEnd());
  }

  /** {@code \d+K/sec}, the last field of a progress line. */
  private static boolean isSpeed(LineShape s, boolean alone) {
    return s.digits() && s.literal("K/sec") && (!alone || s.atEnd());
  }

  /** {@code \d+/\d+\)} after its opening parenthesis. */
  private static boolean isDoneOfTotal(LineShape s, boolean alone) {
    return s.digits() && s.literal("/") && s.digits() && s.literal(")") && (!alone || s.atEnd());
  }

  /** {@code =?\d{1,3}\.\d%} */
  private static boolean isPercentField(String field) {
    LineShape s = new LineShape(field);
    s.literal("=");
    return s.digits(1, 3) && s.literal(".") && s.digits(1, 1) && s.literal("%") && s.atEnd();
  }

  private static MdSync parseProgress(String line, String source, int lineNo)
      throws ParseException {
    // \[(?<bar>[^\]]*)\] (?<action>[a-z]+) = ?(?<pct>\d{1,3}\.\d)% \((?<done>\d+)/(?<total>\d+)\)
    //     finish=(?<fin>\d+\.\d)min speed=(?<speed>\d+)K/sec
    LineShape s = new LineShape(line);
    String bar = null;
    String action = null;
    String pct = null;
    String done = null;
    String total = null;
    String fin = null;
    String speed = null;
    int start = 1;
    boolean matches = s.literal("[");
    if (matches) {
      s.until(']');
      bar = s.since(start);
      matches = s.literal("] ");
    }
    if (matches) {
      start = s.position();
      matches = s.range('a', 'z');
      action = s.since(start);
      matches = matches && s.literal(" =");
    }
    if (matches) {
      s.literal(" ");
      start = s.position();
      matches = s.digits(1, 3) && s.literal(".") && s.digits(1, 1);
      pct = s.since(start);
      matches = matches && s.literal("% (");
    }
    if (matches) {
      done = s.number();
      matches = done != null && s.literal("/") && (total = s.number()) != null
          && s.literal(") finish=");
    }
    if (matches) {
      start = s.position();
      matches = isFinish(s, false);
      fin = matches ? line.substring(start, s.position() - "min".length()) : null;
      matches = matches && s.literal(" speed=");
    }
    if (matches) {
      start = s.position();
      matches = isSpeed(s, true);
      speed = matches ? line.substring(start, s.position() - "K/sec".length()) : null;
    }
    if (!matches) {
      throw new ParseException(
          source, lineNo, offendingProgressField(line),
          "malformed progress line"
              + " (expected '[==>...] ACTION = P% (N/N) finish=Mmin speed=NK/sec')");
    }
    if (!isBar(bar) || bar.length() != 21) {
      throw new ParseException(source, lineNo, "[" + bar + "]", "malformed progress bar");
    }
    MdSyncAction syncAction = MdSyncAction.VOCABULARY.parse(action, source, lineNo);
    double percent = Double.parseDouble(pct);
    if (percent > 100.0) {
      throw new ParseException(source, lineNo, pct + "%", "progress above 100%");
    }
    return new MdSync(
        syncAction, MdSyncPhase.RUNNING, OptionalDouble.of(percent),
        OptionalLong.of(ParseNumbers.parseLong(done, source, lineNo)),
        OptionalLong.of(ParseNumbers.parseLong(total, source, lineNo)),
        OptionalDouble.of(Double.parseDouble(fin)),
        OptionalLong.of(ParseNumbers.parseLong(speed, source, lineNo)));
  }

  /** {@code =*>\.*} */
  private static boolean isBar(String bar) {
    LineShape s = new LineShape(bar);
    s.repeated('=');
    if (!s.literal(">")) {
      return false;
    }
    s.repeated('.');
    return s.atEnd();
  }

  /** {@code (?<word>[a-z]+)=(?<value>[A-Z]+)} */
  private static boolean isSyncWord(String line) {
    LineShape s = new LineShape(line);
    return s.range('a', 'z') && s.literal("=") && s.range('A', 'Z') && s.atEnd();
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
    // bitmap: (?<have>\d+)/(?<pages>\d+) pages \[(?<kb>\d+)KB\], (?<chunk>\d+)(?<unit>KB|B) chunk
    //     (?:, file: (?<file>\S.*))?
    LineShape s = new LineShape(line);
    String have = null;
    String pages = null;
    String kb = null;
    String chunkText = null;
    boolean kib = false;
    String file = null;
    boolean matches = s.literal("bitmap: ") && (have = s.number()) != null && s.literal("/")
        && (pages = s.number()) != null && s.literal(" pages [") && (kb = s.number()) != null
        && s.literal("KB], ") && (chunkText = s.number()) != null;
    if (matches) {
      kib = s.literal("KB");
      matches = (kib || s.literal("B")) && s.literal(" chunk");
    }
    if (matches && !s.atEnd()) {
      int start = s.position() + ", file: ".length();
      matches = s.literal(", file: ") && s.nonSpace() && s.restOfLine();
      file = matches ? line.substring(start) : null;
    }
    if (!matches) {
      throw new ParseException(
          source, lineNo, line,
          "malformed bitmap line (expected 'bitmap: N/N pages [NKB], N(KB|B) chunk[, file: P]')");
    }
    long present = ParseNumbers.parseLong(have, source, lineNo);
    long total = ParseNumbers.parseLong(pages, source, lineNo);
    if (present > total) {
      throw new ParseException(
          source, lineNo, present + "/" + total, "more bitmap pages present than exist");
    }
    long chunk = ParseNumbers.parseLong(chunkText, source, lineNo);
    if (kib) {
      if (chunk > Long.MAX_VALUE / 1024) {
        throw new ParseException(source, lineNo, chunkText, "number out of range");
      }
      chunk *= 1024;
    }
    return new MdBitmap(
        present, total, ParseNumbers.parseLong(kb, source, lineNo), chunk,
        Optional.ofNullable(file));
  }

  /** {@code read_ahead (?:\d+ sectors|not set)}, an old kernel's second line. */
  private static boolean isReadAhead(String line) {
    LineShape s = new LineShape(line);
    return s.literal("read_ahead ")
        && (s.digits() ? s.literal(" sectors") : s.literal("not set")) && s.atEnd();
  }

  /** {@code [^\s\[\]()<>]+}: an unused device name. */
  private static boolean isDeviceName(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!isMemberNameChar(c) || c == '<' || c == '>') {
        return false;
      }
    }
    return !token.isEmpty();
  }

  /** {@code [^\s\[\]()]}: a character of a member's device name. */
  private static boolean isMemberNameChar(char c) {
    return !LineShape.isSpace(c) && c != '[' && c != ']' && c != '(' && c != ')';
  }

  /** {@code \d{1,3}\.\d{1,3}}: a persistent superblock version. */
  private static boolean isVersion(String token) {
    LineShape s = new LineShape(token);
    return s.digits(1, 3) && s.literal(".") && s.digits(1, 3) && s.atEnd();
  }

  /** {@code external:/md(?:\d+|_[A-Za-z0-9_]+)/\d+}: an array inside a container. */
  private static boolean isExternalMember(String token) {
    String prefix = "external:/md";
    if (!token.startsWith(prefix)) {
      return false;
    }
    int slash = token.indexOf('/', prefix.length());
    if (slash < 0 || !MdNames.isMdSuffix(token, prefix.length(), slash)) {
      return false;
    }
    LineShape s = new LineShape(token, slash + 1);
    return s.digits() && s.atEnd();
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
}
