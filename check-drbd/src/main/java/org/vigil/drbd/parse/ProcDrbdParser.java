package org.vigil.drbd.parse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;
import org.vigil.core.Vocabulary;
import org.vigil.drbd.model.Congestion;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DeviceStats;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.DrbdStatus.Format;
import org.vigil.drbd.model.DrbdVolume;
import org.vigil.drbd.model.Kibibytes;
import org.vigil.drbd.model.PeerStats;
import org.vigil.drbd.model.ProcConnectionState;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.ResyncProgress;
import org.vigil.drbd.model.ResyncSuspension;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.model.Suspension;
import org.vigil.drbd.parse.CounterLine.Counter;
import org.vigil.drbd.parse.ResyncLines.Finish;
import org.vigil.drbd.parse.ResyncLines.ProgressBar;

/**
 * Parses /proc/drbd of DRBD 0.7, 8.0-8.4 and 9.x (drbd/drbd_proc.c {@code drbd_seq_show} of each
 * release). Every line must be one the kernel prints; anything else is a {@link ParseException}.
 *
 * <pre>
 * version: 8.4.11-1 (api:1/proto:86-101)
 * GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-04-26 12:10:42
 *  0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
 *     ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
 * </pre>
 *
 * DRBD 9 prints only the header (plus a Transports line), unless resources run in 8.4 compat mode,
 * when 8.4-style device lines follow.
 */
public final class ProcDrbdParser {

  // Every line is read by hand (LineShape and the classes beside it), none by java.util.regex:
  // its first Pattern.compile links lambdas through java.lang.invoke, tens of milliseconds of a
  // check's start-up on JDK 17. The grammar comments keep the regexes the lines were first read by.
  private static final Set<String> OUT_OF_RANGE_WORDS = Set.of("TO_SMALL", "TO_LARGE", "TOO_LARGE");

  /** The per-minor line layout, which changed between releases. */
  private enum Family {
    V07,
    V80,
    V83
  }

  public DrbdStatus parse(String text, String source) throws ParseException {
    List<String> lines = TextLines.split(text, source);
    Header header = parseHeader(lines, source);
    return new Minors(lines, header, source).read();
  }

  /**
   * The version line, the build line and, for DRBD 9, the Transports line.
   *
   * @param version the module version, e.g. 8.4.11-1
   * @param compat DRBD 9 says "(compat 8.4)": its resources print 8.4 device lines
   * @param firstDeviceLine index of the first line after the header
   */
  private record Header(
      String version, int major, Family family, boolean compat, int firstDeviceLine) {

    /** Plain DRBD 9 prints no device lines: its state is in drbdsetup. */
    boolean drbd9WithoutDevices() {
      return major == 9 && !compat;
    }
  }

  private static Header parseHeader(List<String> lines, String source) throws ParseException {
    Optional<VersionLine> match = VersionLine.match(lines.get(0));
    if (match.isEmpty()) {
      throw notAVersionLine(lines.get(0), source);
    }
    VersionLine version = match.get();
    int major;
    int minor;
    try {
      major = version.major(lines.get(0));
      minor = version.minor(lines.get(0));
    } catch (NumberFormatException e) {
      // Digits beyond int: no DRBD release, refused like any other unknown version.
      throw new ParseException(
          source, 1, version.version(), "unsupported DRBD version (expected 0.7, 8.x or 9.x)");
    }
    Family family;
    if (major == 0 && minor == 7) {
      family = Family.V07;
    } else if (major == 8 && minor <= 2) {
      family = Family.V80;
    } else if (major == 8 || major == 9) {
      family = Family.V83;
    } else {
      throw new ParseException(
          source, 1, version.version(), "unsupported DRBD version (expected 0.7, 8.x or 9.x)");
    }
    if (lines.size() < 2 || !isBuildLine(lines.get(1))) {
      throw new ParseException(
          source, 2, lines.size() < 2 ? "" : lines.get(1),
          "expected the build line (GIT-hash: <40 hex digits> ..., SVN Revision:, srcversion:"
              + " or built-in)");
    }
    Header header = new Header(version.version(), major, family, version.compat(), 2);
    if (header.drbd9WithoutDevices() && lines.size() > 2 && isTransportsLine(lines.get(2))) {
      return new Header(header.version(), major, family, false, 3);
    }
    return header;
  }

  /**
   * The version line, {@code version: (\d+)\.(\d+)\S* \(api:\d+/proto:\d+(?:-\d+)?\)} and
   * optionally {@code  \(compat 8\.4\)}: the version word, where its major and minor digits end,
   * and whether DRBD 9 runs in 8.4 compat mode.
   */
  private record VersionLine(String version, int majorEnd, int minorEnd, boolean compat) {
    private static final int VERSION_START = "version: ".length();

    static Optional<VersionLine> match(String line) {
      LineShape s = new LineShape(line);
      if (!(s.literal("version: ") && s.digits())) {
        return Optional.empty();
      }
      int majorEnd = s.position();
      if (!(s.literal(".") && s.digits())) {
        return Optional.empty();
      }
      int minorEnd = s.position();
      s.nonSpaces();
      String version = s.since(VERSION_START);
      if (!(s.literal(" (api:") && s.digits() && s.literal("/proto:") && s.digits()
          && (!s.literal("-") || s.digits()) && s.literal(")"))) {
        return Optional.empty();
      }
      boolean compat = s.literal(" (compat 8.4)");
      return s.atEnd()
          ? Optional.of(new VersionLine(version, majorEnd, minorEnd, compat)) : Optional.empty();
    }

    int major(String line) {
      return Integer.parseInt(line, VERSION_START, majorEnd, 10);
    }

    int minor(String line) {
      return Integer.parseInt(line, majorEnd + 1, minorEnd, 10);
    }
  }

  /**
   * The build line: {@code GIT-hash: [0-9a-f]{40}(?: .*)?}, {@code SVN Revision: \d+ .*}, {@code
   * srcversion: [0-9A-F]+ *} or {@code built-in}.
   */
  private static boolean isBuildLine(String line) {
    LineShape s = new LineShape(line);
    if (s.literal("GIT-hash: ")) {
      return s.run("0123456789abcdef", 40, 40) && (s.atEnd() || s.literal(" ") && s.restOfLine());
    }
    if (s.literal("SVN Revision: ")) {
      return s.digits() && s.literal(" ") && s.restOfLine();
    }
    if (s.literal("srcversion: ")) {
      return s.run("0123456789ABCDEF", 1, Integer.MAX_VALUE) && s.repeated(' ') && s.atEnd();
    }
    return line.equals("built-in");
  }

  /** DRBD 9's third header line, {@code Transports \(api:\d+\):.*}. */
  private static boolean isTransportsLine(String line) {
    LineShape s = new LineShape(line);
    return s.literal("Transports (api:") && s.digits() && s.literal("):") && s.restOfLine();
  }

  private static ParseException notAVersionLine(String line, String source) {
    if (MinorPrefix.match(line).isPresent()) {
      return new ParseException(
          source, 1, line, "no 'version:' header; DRBD 0.6 and older are not supported");
    }
    if (line.startsWith("version: ")) {
      return new ParseException(
          source, 1, line,
          "malformed version header (expected 'version: X.Y.Z (api:N/proto:N[-N])')");
    }
    return new ParseException(source, 1, line, "expected the 'version:' header");
  }

  /**
   * The start of a device line, {@code \s*(\d+): (.*)}: where the minor's digits are and where the
   * fields after them begin.
   */
  private record MinorPrefix(int digitsStart, int bodyStart) {

    static Optional<MinorPrefix> match(String line) {
      LineShape s = new LineShape(line);
      s.optionalSpaces();
      int digits = s.position();
      if (!(s.digits() && s.literal(": "))) {
        return Optional.empty();
      }
      int body = s.position();
      return s.restOfLine() ? Optional.of(new MinorPrefix(digits, body)) : Optional.empty();
    }

    String digits(String line) {
      return line.substring(digitsStart, bodyStart - 2);
    }

    int minor(String line, String source, int lineNo) throws ParseException {
      try {
        return Integer.parseInt(line, digitsStart, bodyStart - 2, 10);
      } catch (NumberFormatException e) {
        throw new ParseException(source, lineNo, digits(line), "number out of range");
      }
    }
  }

  /** Reads the minors after the header: a device line and the lines under it at a time. */
  private static final class Minors {
    private final List<String> lines;
    private final Header header;
    private final String source;
    private final List<DrbdResource> resources = new ArrayList<>();
    private final List<Integer> unconfigured = new ArrayList<>();
    /** Index of the next line to read, which is the 1-based number of the line read last. */
    private int next;
    private int lastMinor = -1;
    /** The line last matched as a device line or not: the end of a minor, then its start. */
    private String matchedLine;
    private Optional<MinorPrefix> matchedPrefix;

    Minors(List<String> lines, Header header, String source) {
      this.lines = lines;
      this.header = header;
      this.source = source;
      this.next = header.firstDeviceLine();
    }

    DrbdStatus read() throws ParseException {
      while (next < lines.size()) {
        String line = lines.get(next++);
        if (!line.isEmpty()) {
          readMinor(line, next);
        }
      }
      Format format = header.family() == Family.V07 ? Format.PROC_DRBD_0_7 : Format.PROC_DRBD_8;
      if (header.drbd9WithoutDevices() && resources.isEmpty() && unconfigured.isEmpty()) {
        format = Format.PROC_DRBD_9;
      }
      return new DrbdStatus(format, Optional.of(header.version()), resources, unconfigured);
    }

    private void readMinor(String line, int lineNo) throws ParseException {
      Optional<MinorPrefix> match = prefixOf(line);
      if (match.isEmpty()) {
        throw new ParseException(
            source, lineNo, line, "unexpected line (expected a device line 'N: cs:...')");
      }
      MinorPrefix prefix = match.get();
      int minor = prefix.minor(line, source, lineNo);
      if (minor <= lastMinor) {
        throw new ParseException(
            source, lineNo, prefix.digits(line), "device minors out of order or repeated");
      }
      lastMinor = minor;
      LineScanner body = new LineScanner(line, prefix.bodyStart(), source, lineNo);
      body.expect("cs:");
      String csToken = body.word();
      ProcConnectionState cs = lookup(ProcConnectionState.VOCABULARY, csToken, source, lineNo);
      if (cs == ProcConnectionState.UNCONFIGURED) {
        body.expectEnd();
        unconfigured.add(minor);
        return;
      }
      if (header.drbd9WithoutDevices()) {
        throw new ParseException(
            source, lineNo, line, "device line in DRBD 9 /proc/drbd without '(compat 8.4)'");
      }
      DeviceLine device = header.family() == Family.V07
          ? parseDeviceLine07(body, cs, source, lineNo)
          : parseDeviceLine8(body, cs, header.family(), source, lineNo);
      CounterLine counters = readCounterLine(minor);
      int counterLineNo = next;
      Optional<ResyncProgress> progress = readLinesAfterCounters(minor, cs, csToken);
      resources.add(toResource(minor, cs, device, counters, progress, source, counterLineNo));
    }

    private CounterLine readCounterLine(int minor) throws ParseException {
      if (next >= lines.size() || !isCounterLineShape(lines.get(next))) {
        throw new ParseException(
            source, next + 1, next < lines.size() ? lines.get(next) : "",
            "expected the counter line (ns:... nr:...) of minor " + minor);
      }
      String line = lines.get(next++);
      return CounterLine.parse(line, header.family() == Family.V07, source, next);
    }

    /** Up to the next device line or blank line: a resync's progress, statistics of 8.0-8.3. */
    private Optional<ResyncProgress> readLinesAfterCounters(
        int minor, ProcConnectionState cs, String csToken) throws ParseException {
      Optional<ResyncProgress> progress = Optional.empty();
      while (next < lines.size() && !lines.get(next).isEmpty()
          && prefixOf(lines.get(next)).isEmpty()) {
        String line = lines.get(next);
        int lineNo = next + 1;
        Optional<ProgressBar> bar = ProgressBar.match(line);
        if (bar.isPresent()) {
          if (progress.isPresent()) {
            throw new ParseException(source, lineNo, line, "second progress line for one device");
          }
          checkProgressFitsState(bar.get(), cs, csToken, line, lineNo);
          progress = Optional.of(parseProgress(bar.get(), lines, lineNo, source));
          next += 2;
        } else if (isStatisticsLine(line)) {
          next++;
        } else {
          throw new ParseException(source, lineNo, line, "unexpected line after minor " + minor);
        }
      }
      return progress;
    }

    private Optional<MinorPrefix> prefixOf(String line) {
      if (line != matchedLine) {
        matchedLine = line;
        matchedPrefix = MinorPrefix.match(line);
      }
      return matchedPrefix;
    }

    private void checkProgressFitsState(
        ProgressBar bar, ProcConnectionState cs, String csToken, String line, int lineNo)
        throws ParseException {
      ReplicationState rs = cs.replication().orElseThrow();
      // Before 8.3.10 online verify also printed "sync'ed:"; "verified:" is verify-only.
      if (!(rs == ReplicationState.SYNC_SOURCE || rs == ReplicationState.SYNC_TARGET
          || rs.isVerify())) {
        throw new ParseException(
            source, lineNo, line, "progress line for a device in state " + csToken);
      }
      if (bar.verified() && !rs.isVerify()) {
        throw new ParseException(
            source, lineNo, "verified", "progress word does not match state " + csToken);
      }
    }
  }

  /** {@code \s+\S.*} and not a device line: indented, as the counter line is. */
  private static boolean isCounterLineShape(String line) {
    LineShape s = new LineShape(line);
    return s.spaces() && s.nonSpace() && s.restOfLine() && MinorPrefix.match(line).isEmpty();
  }

  /**
   * The statistics lines of 8.0-8.3: {@code \s+\d+% sector pos: \d+/\d+(?: stop sector: \d+)?},
   * {@code \s+(?:resync|act_log): used:\d+/\d+(?: [a-z_]+:\d+)+} and {@code \s+blocked on
   * activity log: \d+}.
   */
  private static boolean isStatisticsLine(String line) {
    LineShape s = new LineShape(line);
    if (!s.spaces()) {
      return false;
    }
    if (s.literal("blocked on activity log: ")) {
      return s.digits() && s.atEnd();
    }
    if (s.literal("resync: used:") || s.literal("act_log: used:")) {
      if (!(s.digits() && s.literal("/") && s.digits())) {
        return false;
      }
      int fields = 0;
      while (s.literal(" ")) {
        if (!(s.run(LRU_FIELD_NAME, 1, Integer.MAX_VALUE) && s.literal(":") && s.digits())) {
          return false;
        }
        fields++;
      }
      return fields > 0 && s.atEnd();
    }
    return s.digits() && s.literal("% sector pos: ") && s.digits() && s.literal("/") && s.digits()
        && (s.atEnd() || s.literal(" stop sector: ") && s.digits() && s.atEnd());
  }

  private static final String LRU_FIELD_NAME = "abcdefghijklmnopqrstuvwxyz_";

  /** The fields of a device line, before the counter line is known. */
  private record DeviceLine(
      Role role, Role peerRole, DiskState disk, Optional<DiskState> peerDisk, String flags) {}

  // 0.7: "%2d: cs:%s st:%s/%s ld:%s"
  private static DeviceLine parseDeviceLine07(
      LineScanner body, ProcConnectionState cs, String source, int lineNo) throws ParseException {
    List<Role> roles = pair(body, " st:", Role.VOCABULARY, source, lineNo);
    body.expect(" ld:");
    String ldToken = body.word();
    DiskState ld = lookup(DiskState.VOCABULARY, ldToken, source, lineNo);
    if (ld != DiskState.CONSISTENT && ld != DiskState.INCONSISTENT) {
      throw new ParseException(
          source, lineNo, ldToken, "DRBD 0.7 local data state must be Consistent or Inconsistent");
    }
    body.expectEnd();
    DiskState disk = cs == ProcConnectionState.DISKLESS_CLIENT ? DiskState.DISKLESS : ld;
    Optional<DiskState> peerDisk = cs == ProcConnectionState.SERVER_FOR_DISKLESS
        ? Optional.of(DiskState.DISKLESS) : Optional.empty();
    return new DeviceLine(roles.get(0), roles.get(1), disk, peerDisk, "");
  }

  // 8.0-8.2: "%2d: cs:%s st:%s/%s ds:%s/%s %c %c%c%c%c"; 8.3+: "ro:" and up to 6 flags
  private static DeviceLine parseDeviceLine8(
      LineScanner body, ProcConnectionState cs, Family family, String source, int lineNo)
      throws ParseException {
    if (cs == ProcConnectionState.DISKLESS_CLIENT || cs == ProcConnectionState.SERVER_FOR_DISKLESS) {
      throw new ParseException(source, lineNo, cs.token(), "DRBD 0.7 state in a DRBD 8 file");
    }
    List<Role> roles = pair(body, family == Family.V80 ? " st:" : " ro:", Role.VOCABULARY,
        source, lineNo);
    List<DiskState> disks = pair(body, " ds:", DiskState.VOCABULARY, source, lineNo);
    body.expect(" ");
    char protocol = body.character();
    if ("ABC ".indexOf(protocol) < 0) {
      throw new ParseException(
          source, lineNo, String.valueOf(protocol), "unknown replication protocol (expected A, B, C)");
    }
    body.expect(" ");
    String flags = body.word();
    body.expectEnd();
    validateFlags(flags, family, source, lineNo);
    return new DeviceLine(roles.get(0), roles.get(1), disks.get(0), Optional.of(disks.get(1)), flags);
  }

  /** "key:local/peer", e.g. " ro:Primary/Secondary": the local and the peer word. */
  private static <E extends Enum<E>> List<E> pair(
      LineScanner body, String key, Vocabulary<E> vocabulary, String source, int lineNo)
      throws ParseException {
    body.expect(key);
    E local = lookup(vocabulary, body.wordUntil('/'), source, lineNo);
    body.expect("/");
    return List.of(local, lookup(vocabulary, body.word(), source, lineNo));
  }

  // Positions: 1 r/s I/O running/suspended, 2 a resync-after, 3 p peer paused, 4 u user paused,
  // 5 congestion (d b n a c), 6 s activity log suspended. 8.0-8.2 print the first four only.
  private static final String[] FLAG_ALPHABET = {"rs", "-a", "-p", "-u", "-dbnac", "-s"};
  private static final Map<Character, Congestion> CONGESTION_BY_FLAG = congestionByFlag();

  // A loop, not a stream: no lambda linkage on a check's start path.
  private static Map<Character, Congestion> congestionByFlag() {
    Map<Character, Congestion> byFlag = new HashMap<>();
    for (Congestion congestion : Congestion.values()) {
      byFlag.put(congestion.flag(), congestion);
    }
    return Map.copyOf(byFlag);
  }

  private static void validateFlags(String flags, Family family, String source, int lineNo)
      throws ParseException {
    int min = 4;
    int max = family == Family.V80 ? 4 : 6;
    if (flags.length() < min || flags.length() > max) {
      throw new ParseException(
          source, lineNo, flags, "I/O state flags must be " + min + "-" + max + " characters");
    }
    for (int p = 0; p < flags.length(); p++) {
      if (FLAG_ALPHABET[p].indexOf(flags.charAt(p)) < 0) {
        throw new ParseException(
            source, lineNo, flags,
            "unknown I/O state flag '" + flags.charAt(p) + "' at position " + (p + 1));
      }
    }
  }

  private static ResyncProgress parseProgress(
      ProgressBar bar, List<String> lines, int lineNo, String source) throws ParseException {
    double percent = Double.parseDouble(bar.percent());
    if (percent > 100.0) {
      throw new ParseException(source, lineNo, bar.percent() + "%", "progress above 100%");
    }
    long unit = bar.unit() == 'M' ? 1024L * 1024L : 1024L;
    long left = parseLong(bar.left(), source, lineNo);
    long total = parseLong(bar.total(), source, lineNo);
    if (left > total) {
      throw new ParseException(
          source, lineNo, bar.left() + "/" + bar.total(), "remaining amount larger than the total");
    }
    if (lineNo >= lines.size()) {
      throw new ParseException(
          source, lineNo + 1, "", "expected the 'finish:' or 'stalled' line after the progress bar");
    }
    String second = lines.get(lineNo);
    if (ResyncLines.isStalled(second)) {
      return new ResyncProgress(
          percent, OptionalLong.of(bytes(left, unit, source, lineNo)),
          OptionalLong.of(bytes(total, unit, source, lineNo)), Optional.empty(),
          OptionalLong.empty(), true);
    }
    Optional<Finish> finishLine = Finish.match(second);
    if (finishLine.isEmpty()) {
      throw new ParseException(
          source, lineNo + 1, second,
          "expected 'finish: h:mm:ss speed: N (N) K/sec' or 'stalled' after the progress bar");
    }
    Finish finish = finishLine.get();
    Duration timeLeft = timeLeft(finish, source, lineNo + 1);
    long speedKib = parseLong(finish.speed().replace(",", ""), source, lineNo + 1);
    return new ResyncProgress(
        percent, OptionalLong.of(bytes(left, unit, source, lineNo)),
        OptionalLong.of(bytes(total, unit, source, lineNo)), Optional.of(timeLeft),
        OptionalLong.of(bytes(Math.max(0, speedKib), 1024L, source, lineNo + 1)),
        finish.stalled());
  }

  /** h:mm:ss; minutes and seconds are two digits each, up to 99 as the kernel does not wrap them. */
  private static Duration timeLeft(Finish finish, String source, int lineNo)
      throws ParseException {
    try {
      return Duration.ofHours(Long.parseLong(finish.hours()))
          .plusMinutes(finish.minutes())
          .plusSeconds(finish.seconds());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ParseException(source, lineNo, finish.hours(), "number out of range");
    }
  }

  private static DrbdResource toResource(
      int minor, ProcConnectionState cs, DeviceLine device, CounterLine c,
      Optional<ResyncProgress> progress, String source, int lineNo) throws ParseException {
    String flags = device.flags();
    // Set.of rather than an EnumSet: the records' Set.copyOf keeps an immutable set as it is.
    Set<Suspension> suspensions =
        flags.startsWith("s") ? Set.of(Suspension.UNSPECIFIED) : Set.of();
    Set<ResyncSuspension> resyncSuspended = resyncSuspensions(flags);
    Optional<Congestion> congestion = flags.length() >= 5
        ? Optional.of(CONGESTION_BY_FLAG.get(flags.charAt(4))) : Optional.empty();
    Optional<Boolean> alSuspended =
        flags.length() >= 6 ? Optional.of(flags.charAt(5) == 's') : Optional.empty();
    DeviceStats deviceStats = new DeviceStats(
        OptionalLong.empty(),
        kib(c, Counter.DR, source, lineNo),
        kib(c, Counter.DW, source, lineNo),
        c.value(Counter.AL),
        c.value(Counter.BM),
        c.value(Counter.AP),
        c.value(Counter.LO));
    PeerStats peerStats = new PeerStats(
        kib(c, Counter.NS, source, lineNo),
        kib(c, Counter.NR, source, lineNo),
        c.value(Counter.PE),
        c.value(Counter.UA));
    OptionalLong oos = c.has(Counter.OOS)
        ? OptionalLong.of(kib(c, Counter.OOS, source, lineNo)) : OptionalLong.empty();
    ConnectionState connection = cs.connection().orElseThrow();
    ReplicationState replication = cs.replication().orElseThrow();
    DrbdPeerVolume peerVolume = new DrbdPeerVolume(
        0, replication, device.peerDisk(), Optional.empty(), resyncSuspended, oos,
        OptionalDouble.empty(), progress, Optional.of(peerStats));
    DrbdVolume volume = new DrbdVolume(
        0, OptionalInt.of(minor), device.disk(), Optional.empty(), Optional.empty(), alSuspended,
        congestion, Optional.of(deviceStats));
    DrbdConnection conn = new DrbdConnection(
        Optional.empty(), OptionalInt.empty(), connection, device.peerRole(), Optional.empty(),
        List.of(peerVolume));
    return new DrbdResource(
        "drbd" + minor, device.role(), suspensions, c.writeOrdering(), List.of(volume),
        List.of(conn));
  }

  /** Flags 2-4: resync paused for a resync-after dependency, by the peer, by the user. */
  private static Set<ResyncSuspension> resyncSuspensions(String flags) {
    if (flags.length() < 4 || flags.startsWith("---", 1)) {
      return Set.of();
    }
    Set<ResyncSuspension> paused = EnumSet.noneOf(ResyncSuspension.class);
    if (flags.charAt(1) == 'a') {
      paused.add(ResyncSuspension.DEPENDENCY);
    }
    if (flags.charAt(2) == 'p') {
      paused.add(ResyncSuspension.PEER);
    }
    if (flags.charAt(3) == 'u') {
      paused.add(ResyncSuspension.USER);
    }
    return paused;
  }

  static <E extends Enum<E>> E lookup(
      Vocabulary<E> vocabulary, String token, String source, int lineNo) throws ParseException {
    Optional<E> known = vocabulary.find(token);
    if (known.isPresent()) {
      return known.get();
    }
    // No vocabulary holds these words of drbd_strings.c for a value beyond its table.
    if (OUT_OF_RANGE_WORDS.contains(token)) {
      throw new ParseException(
          source, lineNo, token, "the kernel printed an out-of-range state value");
    }
    return vocabulary.parse(token, source, lineNo);
  }

  private static long kib(CounterLine c, Counter counter, String source, int lineNo)
      throws ParseException {
    return bytes(c.value(counter), 1024L, source, lineNo);
  }

  private static long bytes(long amount, long unit, String source, int lineNo)
      throws ParseException {
    try {
      return unit == 1024L ? Kibibytes.toBytes(amount) : Math.multiplyExact(amount, unit);
    } catch (ArithmeticException e) {
      throw new ParseException(source, lineNo, Long.toString(amount), "number too large");
    }
  }

  private static long parseLong(String digits, String source, int lineNo) throws ParseException {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new ParseException(source, lineNo, digits, "number out of range");
    }
  }
}
