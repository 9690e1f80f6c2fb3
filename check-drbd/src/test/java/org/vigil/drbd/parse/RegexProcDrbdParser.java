package org.vigil.drbd.parse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.vigil.drbd.model.WriteOrdering;

/**
 * The /proc/drbd parser as it was before the hand-written scanner (commit b8f2b6f): one regular
 * expression per line shape, a map and a split per counter line. Kept unchanged, except for its
 * name and LineScanner's start offset (0: the old constructor), as the oracle of {@link
 * ProcDrbdParserAgreementTest}: the fast parser must give the same model or the same ParseException
 * (line, token, reason) for every input.
 */
final class RegexProcDrbdParser {

  private static final Pattern VERSION =
      Pattern.compile(
          "version: (?<version>(?<major>\\d+)\\.(?<minor>\\d+)\\S*) "
              + "\\(api:\\d+/proto:\\d+(?:-\\d+)?\\)(?<compat> \\(compat 8\\.4\\))?");
  private static final Pattern BUILD_TAG =
      Pattern.compile(
          "GIT-hash: [0-9a-f]{40}(?: .*)?|SVN Revision: \\d+ .*|srcversion: [0-9A-F]+ *|built-in");
  private static final Pattern TRANSPORTS = Pattern.compile("Transports \\(api:\\d+\\):.*");
  private static final Pattern MINOR_LINE = Pattern.compile("\\s*(?<minor>\\d+): (?<body>.*)");
  private static final Pattern INDENTED = Pattern.compile("\\s+\\S.*");
  private static final Pattern PROGRESS =
      Pattern.compile(
          "\\s+\\[=*>\\.*\\] (?<kind>sync'ed|verified):\\s*(?<percent>\\d{1,3}\\.\\d)% "
              + "\\((?<left>\\d+)/(?<total>\\d+)\\)(?<unit>[KM])(?: delay_probe: \\d+)?");
  private static final String GROUPED = "-?\\d{1,3}(?:,\\d{3})*";
  private static final Pattern FINISH =
      Pattern.compile(
          "\\s+finish: (?<h>\\d+):(?<m>\\d\\d):(?<s>\\d\\d) speed: (?<speed>" + GROUPED + ") "
              + "\\(" + GROUPED + "(?: -- " + GROUPED + ")?\\)(?: want: " + GROUPED + ")? K/sec"
              + "(?<stalled> \\(stalled\\))?");
  private static final Pattern STALLED = Pattern.compile("\\s+stalled");
  private static final Pattern SECTOR_POS =
      Pattern.compile("\\s+\\d+% sector pos: \\d+/\\d+(?: stop sector: \\d+)?");
  private static final Pattern LRU_STATS =
      Pattern.compile("\\s+(?:resync|act_log): used:\\d+/\\d+(?: [a-z_]+:\\d+)+");
  private static final Pattern AL_BLOCKED = Pattern.compile("\\s+blocked on activity log: \\d+");
  private static final Set<String> OUT_OF_RANGE_WORDS = Set.of("TO_SMALL", "TO_LARGE", "TOO_LARGE");
  private static final List<String> REQUIRED_COUNTERS =
      List.of("ns", "nr", "dw", "dr", "al", "bm", "lo", "pe", "ua", "ap");
  private static final Set<String> SIGNED_COUNTERS = Set.of("lo", "pe", "ua", "ap", "ep");

  /** The per-minor line layout, which changed between releases. */
  private enum Family {
    V07,
    V80,
    V83
  }

  DrbdStatus parse(String text, String source) throws ParseException {
    List<String> lines = TextLines.split(text, source);
    Matcher version = VERSION.matcher(lines.get(0));
    if (!version.matches()) {
      if (MINOR_LINE.matcher(lines.get(0)).matches()) {
        throw new ParseException(
            source, 1, lines.get(0),
            "no 'version:' header; DRBD 0.6 and older are not supported");
      }
      if (lines.get(0).startsWith("version: ")) {
        throw new ParseException(
            source, 1, lines.get(0),
            "malformed version header (expected 'version: X.Y.Z (api:N/proto:N[-N])')");
      }
      throw new ParseException(source, 1, lines.get(0), "expected the 'version:' header");
    }
    int major;
    int minor;
    try {
      major = Integer.parseInt(version.group("major"));
      minor = Integer.parseInt(version.group("minor"));
    } catch (NumberFormatException e) {
      // Digits beyond int: no DRBD release, refused like any other unknown version.
      throw new ParseException(
          source, 1, version.group("version"), "unsupported DRBD version (expected 0.7, 8.x or 9.x)");
    }
    Family family;
    Format format;
    if (major == 0 && minor == 7) {
      family = Family.V07;
      format = Format.PROC_DRBD_0_7;
    } else if (major == 8 && minor <= 2) {
      family = Family.V80;
      format = Format.PROC_DRBD_8;
    } else if (major == 8 || major == 9) {
      family = Family.V83;
      format = Format.PROC_DRBD_8;
    } else {
      throw new ParseException(
          source, 1, version.group("version"), "unsupported DRBD version (expected 0.7, 8.x or 9.x)");
    }
    if (lines.size() < 2 || !BUILD_TAG.matcher(lines.get(1)).matches()) {
      throw new ParseException(
          source, 2, lines.size() < 2 ? "" : lines.get(1),
          "expected the build line (GIT-hash: <40 hex digits> ..., SVN Revision:, srcversion:"
              + " or built-in)");
    }
    int next = 2;
    boolean compat = version.group("compat") != null;
    if (major == 9 && !compat) {
      if (next < lines.size() && TRANSPORTS.matcher(lines.get(next)).matches()) {
        next++;
      }
    }

    List<DrbdResource> resources = new ArrayList<>();
    List<Integer> unconfigured = new ArrayList<>();
    int lastMinor = -1;
    int i = next;
    while (i < lines.size()) {
      String line = lines.get(i);
      int lineNo = i + 1;
      if (line.isEmpty()) {
        i++;
        continue;
      }
      Matcher m = MINOR_LINE.matcher(line);
      if (!m.matches()) {
        throw new ParseException(
            source, lineNo, line, "unexpected line (expected a device line 'N: cs:...')");
      }
      int deviceMinor = parseInt(m.group("minor"), source, lineNo);
      if (deviceMinor <= lastMinor) {
        throw new ParseException(
            source, lineNo, m.group("minor"), "device minors out of order or repeated");
      }
      lastMinor = deviceMinor;
      LineScanner body = new LineScanner(m.group("body"), 0, source, lineNo);
      body.expect("cs:");
      String csToken = body.word();
      ProcConnectionState cs = lookup(ProcConnectionState.VOCABULARY, csToken, source, lineNo);
      if (cs == ProcConnectionState.UNCONFIGURED) {
        body.expectEnd();
        unconfigured.add(deviceMinor);
        i++;
        continue;
      }
      if (major == 9 && !compat) {
        throw new ParseException(
            source, lineNo, line, "device line in DRBD 9 /proc/drbd without '(compat 8.4)'");
      }
      DeviceLine device = family == Family.V07
          ? parseDeviceLine07(body, cs, source, lineNo)
          : parseDeviceLine8(body, cs, family, source, lineNo);
      i++;
      if (i >= lines.size() || !INDENTED.matcher(lines.get(i)).matches()
          || MINOR_LINE.matcher(lines.get(i)).matches()) {
        throw new ParseException(
            source, i + 1, i < lines.size() ? lines.get(i) : "",
            "expected the counter line (ns:... nr:...) of minor " + deviceMinor);
      }
      Map<String, String> counters = parseCounters(lines.get(i), family, source, i + 1);
      int counterLine = i + 1;
      i++;
      Optional<ResyncProgress> progress = Optional.empty();
      while (i < lines.size() && !lines.get(i).isEmpty()
          && !MINOR_LINE.matcher(lines.get(i)).matches()) {
        String extra = lines.get(i);
        Matcher pm = PROGRESS.matcher(extra);
        if (pm.matches()) {
          ReplicationState rs = cs.replication().orElseThrow();
          boolean verify = pm.group("kind").equals("verified");
          if (progress.isPresent()) {
            throw new ParseException(source, i + 1, extra, "second progress line for one device");
          }
          // Before 8.3.10 online verify also printed "sync'ed:"; "verified:" is verify-only.
          if (!(rs == ReplicationState.SYNC_SOURCE || rs == ReplicationState.SYNC_TARGET
              || rs.isVerify())) {
            throw new ParseException(
                source, i + 1, extra, "progress line for a device in state " + csToken);
          }
          if (verify && !rs.isVerify()) {
            throw new ParseException(
                source, i + 1, pm.group("kind"), "progress word does not match state " + csToken);
          }
          progress = Optional.of(parseProgress(pm, lines, i + 1, source));
          i += 2;
          continue;
        }
        if (SECTOR_POS.matcher(extra).matches() || LRU_STATS.matcher(extra).matches()
            || AL_BLOCKED.matcher(extra).matches()) {
          i++;
          continue;
        }
        throw new ParseException(source, i + 1, extra, "unexpected line after minor " + deviceMinor);
      }
      resources.add(toResource(deviceMinor, cs, device, counters, progress, source, counterLine));
    }
    if (major == 9 && !compat && resources.isEmpty() && unconfigured.isEmpty()) {
      format = Format.PROC_DRBD_9;
    }
    return new DrbdStatus(
        format, Optional.of(version.group("version")), resources, unconfigured);
  }

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

  private static Map<String, String> parseCounters(
      String line, Family family, String source, int lineNo) throws ParseException {
    Map<String, String> counters = new LinkedHashMap<>();
    for (String field : line.strip().split(" ", -1)) {
      int colon = field.indexOf(':');
      if (colon <= 0) {
        throw new ParseException(source, lineNo, field, "malformed counter (expected name:value)");
      }
      String name = field.substring(0, colon);
      String value = field.substring(colon + 1);
      boolean known = REQUIRED_COUNTERS.contains(name)
          || (family != Family.V07 && (name.equals("ep") || name.equals("wo")
              || name.equals("oos")));
      if (!known) {
        throw new ParseException(source, lineNo, field, "unknown counter");
      }
      if (counters.put(name, value) != null) {
        throw new ParseException(source, lineNo, field, "counter repeated");
      }
      if (name.equals("wo")) {
        lookup(WriteOrdering.LETTERS, value, source, lineNo);
      } else if (!isNumber(value, SIGNED_COUNTERS.contains(name))) {
        throw new ParseException(source, lineNo, field, "counter value is not a number");
      } else {
        parseLong(value, source, lineNo);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String required : REQUIRED_COUNTERS) {
      if (!counters.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new ParseException(
          source, lineNo, line.strip(), "missing counters " + String.join(", ", missing));
    }
    return counters;
  }

  /**
   * Digits 0-9, after a '-' when signed: what {@code -?[0-9]+} and {@code [0-9]+} accept, without a
   * Matcher per value (a dozen counters per minor made them a quarter of all allocation).
   */
  private static boolean isNumber(String value, boolean signed) {
    int start = signed && value.startsWith("-") ? 1 : 0;
    if (start == value.length()) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static ResyncProgress parseProgress(
      Matcher pm, List<String> lines, int lineNo, String source) throws ParseException {
    double percent = Double.parseDouble(pm.group("percent"));
    if (percent > 100.0) {
      throw new ParseException(source, lineNo, pm.group("percent") + "%", "progress above 100%");
    }
    long unit = pm.group("unit").equals("M") ? 1024L * 1024L : 1024L;
    long left = parseLong(pm.group("left"), source, lineNo);
    long total = parseLong(pm.group("total"), source, lineNo);
    if (left > total) {
      throw new ParseException(
          source, lineNo, pm.group("left") + "/" + pm.group("total"),
          "remaining amount larger than the total");
    }
    if (lineNo >= lines.size()) {
      throw new ParseException(
          source, lineNo + 1, "", "expected the 'finish:' or 'stalled' line after the progress bar");
    }
    String second = lines.get(lineNo);
    if (STALLED.matcher(second).matches()) {
      return new ResyncProgress(
          percent, OptionalLong.of(bytes(left, unit, source, lineNo)),
          OptionalLong.of(bytes(total, unit, source, lineNo)), Optional.empty(),
          OptionalLong.empty(), true);
    }
    Matcher fm = FINISH.matcher(second);
    if (!fm.matches()) {
      throw new ParseException(
          source, lineNo + 1, second,
          "expected 'finish: h:mm:ss speed: N (N) K/sec' or 'stalled' after the progress bar");
    }
    Duration timeLeft = Duration.ofHours(parseLong(fm.group("h"), source, lineNo + 1))
        .plusMinutes(Integer.parseInt(fm.group("m")))
        .plusSeconds(Integer.parseInt(fm.group("s")));
    long speedKib = parseLong(fm.group("speed").replace(",", ""), source, lineNo + 1);
    return new ResyncProgress(
        percent, OptionalLong.of(bytes(left, unit, source, lineNo)),
        OptionalLong.of(bytes(total, unit, source, lineNo)), Optional.of(timeLeft),
        OptionalLong.of(bytes(Math.max(0, speedKib), 1024L, source, lineNo + 1)),
        fm.group("stalled") != null);
  }

  private static DrbdResource toResource(
      int minor, ProcConnectionState cs, DeviceLine device, Map<String, String> c,
      Optional<ResyncProgress> progress, String source, int lineNo) throws ParseException {
    String flags = device.flags();
    Set<Suspension> suspensions = flags.startsWith("s")
        ? EnumSet.of(Suspension.UNSPECIFIED) : EnumSet.noneOf(Suspension.class);
    Set<ResyncSuspension> resyncSuspended = EnumSet.noneOf(ResyncSuspension.class);
    if (flags.length() >= 4) {
      if (flags.charAt(1) == 'a') {
        resyncSuspended.add(ResyncSuspension.DEPENDENCY);
      }
      if (flags.charAt(2) == 'p') {
        resyncSuspended.add(ResyncSuspension.PEER);
      }
      if (flags.charAt(3) == 'u') {
        resyncSuspended.add(ResyncSuspension.USER);
      }
    }
    Optional<Congestion> congestion = Optional.empty();
    if (flags.length() >= 5) {
      for (Congestion candidate : Congestion.values()) {
        if (candidate.flag() == flags.charAt(4)) {
          congestion = Optional.of(candidate);
        }
      }
    }
    Optional<Boolean> alSuspended =
        flags.length() >= 6 ? Optional.of(flags.charAt(5) == 's') : Optional.empty();
    Optional<WriteOrdering> wo = c.containsKey("wo")
        ? WriteOrdering.LETTERS.find(c.get("wo")) : Optional.empty();
    DeviceStats deviceStats = new DeviceStats(
        OptionalLong.empty(),
        kib(c, "dr", source, lineNo),
        kib(c, "dw", source, lineNo),
        Long.parseLong(c.get("al")),
        Long.parseLong(c.get("bm")),
        Long.parseLong(c.get("ap")),
        Long.parseLong(c.get("lo")));
    PeerStats peerStats = new PeerStats(
        kib(c, "ns", source, lineNo),
        kib(c, "nr", source, lineNo),
        Long.parseLong(c.get("pe")),
        Long.parseLong(c.get("ua")));
    OptionalLong oos = c.containsKey("oos")
        ? OptionalLong.of(kib(c, "oos", source, lineNo)) : OptionalLong.empty();
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
        "drbd" + minor, device.role(), suspensions, wo, List.of(volume), List.of(conn));
  }

  private static <E extends Enum<E>> E lookup(
      Vocabulary<E> vocabulary, String token, String source, int lineNo) throws ParseException {
    if (OUT_OF_RANGE_WORDS.contains(token)) {
      throw new ParseException(
          source, lineNo, token, "the kernel printed an out-of-range state value");
    }
    return vocabulary.parse(token, source, lineNo);
  }

  private static long kib(Map<String, String> c, String name, String source, int lineNo)
      throws ParseException {
    return bytes(Long.parseLong(c.get(name)), 1024L, source, lineNo);
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

  private static int parseInt(String digits, String source, int lineNo) throws ParseException {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ParseException(source, lineNo, digits, "number out of range");
    }
  }
}
