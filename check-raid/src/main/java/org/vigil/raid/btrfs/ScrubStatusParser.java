package org.vigil.raid.btrfs;

import static org.vigil.raid.btrfs.BtrfsText.WS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;
import org.vigil.raid.btrfs.ScrubMessage.Kind;

/**
 * Parses the output of {@code btrfs scrub status [-d] [-R] [--raw|--si|...] <path>} and of {@code
 * btrfs scrub start|resume -B [-d] [-R]}, every layout from btrfs-progs 3.x to 6.x (cmds/scrub.c,
 * {@code _print_scrub_ss}, {@code print_scrub_summary}, {@code print_scrub_full}, {@code
 * print_scrub_dev}; checked against btrfs-progs 6.2 output on a loop-device RAID1).
 *
 * <pre>
 * UUID:             5204acda-b256-4e01-91e5-de8688dc809e
 * Scrub started:    Wed Nov 25 15:35:56 2026
 * Status:           finished
 * Duration:         0:00:01
 * 	data_extents_scrubbed: 3200
 * 	...
 * 	last_physical: 299106304
 * </pre>
 *
 * Indentation and the width of the padding after a label may vary (captures turn tabs into spaces
 * and back); words, labels, numbers and units may not. Anything else — an unknown line, word, unit
 * or counter, a malformed number, a non-C-locale timestamp, a capture that mixes the legacy and the
 * 5.2+ layout or the summary and the {@code -R} form, or a record cut short — is a {@link
 * ParseException}.
 *
 * <p>Timestamps are {@code strftime("%c")} in the local time of the host that ran btrfs; they are
 * read in the zone given to the constructor (the JVM default zone unless told otherwise).
 */
public final class ScrubStatusParser {
  private static final Pattern NOTE = Pattern.compile("NOTE: Reading progress from status file");
  private static final Pattern MALLOC = Pattern.compile(
      "\\*\\*\\* WARNING: memory allocation failed while scrubbing\\. results may be inaccurate");
  private static final Pattern MSG_UNCORRECTABLE =
      Pattern.compile("ERROR: there are (?:(?<n>\\d+) )?uncorrectable errors");
  private static final Pattern MSG_CORRECTED =
      Pattern.compile("WARNING: errors detected during scrubbing, (?:(?<n>\\d+) )?corrected");
  private static final Pattern MSG_STARTING =
      Pattern.compile("Starting scrub on devid (?<n>\\d+)(?: \\(limit \\S+/s\\))?");
  private static final Pattern MSG_DEVICE_FAILED = Pattern.compile(
      "ERROR: scrubbing .+ failed for device id (?<n>\\d+): ret=-?\\d+, errno=\\d+ \\(.*\\)");
  private static final Pattern MSG_NOT_PRESENT =
      Pattern.compile("WARNING: device (?<n>\\d+) not present");
  private static final Pattern DONE_FOR =
      Pattern.compile("scrub" + WS + "(?<word>done|canceled)" + WS + "for" + WS + "(?<fsid>\\S+)");
  private static final Pattern DEVICE_HEADER = Pattern.compile(
      "(?<s>[Ss])crub" + WS + "device(?:" + WS + "(?<path>.*?))?" + WS + "\\(id" + WS
          + "(?<id>[^)]*)\\)(?:" + WS + "(?<label>.*))?");
  private static final List<String> LABELS = List.of("UUID", "Scrub started", "Scrub resumed",
      "Status", "Duration", "Time left", "ETA", "Total to scrub", "Bytes scrubbed", "Rate",
      "Error summary", "Corrected", "Uncorrectable", "Unverified");
  private static final Pattern LABELLED = Pattern.compile(
      "(?<label>" + String.join("|", LABELS.stream().map(l -> l.replace(" ", WS)).toList())
          + "):(?:" + WS + "(?<value>.*))?");
  private static final Pattern NO_STATS =
      Pattern.compile("no" + WS + "stats" + WS + "available");
  private static final Pattern RAW = Pattern.compile("(?<key>[a-z_]+):(?:" + WS + ")?(?<value>.*)");
  private static final Pattern LEGACY_STATUS_FOR =
      Pattern.compile("scrub" + WS + "status" + WS + "for" + WS + "(?<fsid>\\S+)");
  private static final Pattern LEGACY_SS = Pattern.compile(
      "scrub" + WS + "(?<kind>started|resumed)" + WS + "at" + WS + "(?<rest>.*)");
  private static final Pattern LEGACY_SS_REST = Pattern.compile(
      "(?<time>" + BtrfsText.C_TIME_SHAPE + ")(?:" + WS + "and" + WS + "finished" + WS + "after"
          + WS + "(?<finished>.+)|" + WS + "and" + WS + "was" + WS + "aborted" + WS + "after" + WS
          + "(?<aborted>.+)|," + WS + "running" + WS + "for" + WS + "(?<running>.+)|," + WS
          + "interrupted" + WS + "after" + WS + "(?<interrupted>.+)," + WS + "not" + WS
          + "running)");
  private static final Pattern LEGACY_TOTAL = Pattern.compile("total" + WS + "bytes" + WS
      + "scrubbed:" + WS + "(?<size>\\S+)" + WS + "with" + WS + "(?<n>\\S+)" + WS + "errors");
  private static final Pattern LEGACY_DETAILS =
      Pattern.compile("error" + WS + "details:(?<rest>.*)");
  private static final Pattern LEGACY_CORRECTED = Pattern.compile("corrected" + WS + "errors:"
      + WS + "(?<c>\\S+)," + WS + "uncorrectable" + WS + "errors:" + WS + "(?<u>\\S+)," + WS
      + "unverified" + WS + "errors:" + WS + "(?<v>\\S+)");
  private static final Pattern SECONDS = Pattern.compile("(?<n>\\S+)" + WS + "seconds");
  private static final Pattern BYTES_SCRUBBED =
      Pattern.compile("(?<size>\\S+)(?:" + WS + "\\((?<pct>[^)]*)%\\))?");
  private static final Pattern PERCENT = Pattern.compile("\\d+\\.\\d{2}");
  private static final Pattern RATE = Pattern.compile("(?<size>\\S+)/s(?:" + WS + "\\(limit" + WS
      + "(?<limit>\\S+)/s\\)|" + WS + "(?<some>\\(some" + WS + "device" + WS + "limits" + WS
      + "set\\)))?");
  private static final Pattern ERROR_KEY = Pattern.compile("(?<key>[a-z]+)=(?<n>.*)");
  private static final List<String> ERROR_KEYS = List.of("read", "super", "verify", "csum");

  /** What a line is, before the structure is checked. */
  private enum LineKind {
    BLANK(null),
    NOTE(null),
    MESSAGE(null),
    MALLOC(null),
    DONE_FOR(null),
    DEVICE_HEADER(null),
    NO_STATS(null),
    RAW(null),
    LABEL(ScrubFormat.LABELLED),
    LEGACY_STATUS_FOR(ScrubFormat.LEGACY),
    LEGACY_SS(ScrubFormat.LEGACY),
    LEGACY_TOTAL(ScrubFormat.LEGACY),
    LEGACY_DETAILS(ScrubFormat.LEGACY),
    LEGACY_CORRECTED(ScrubFormat.LEGACY),
    UNKNOWN(null);

    private final ScrubFormat era;

    LineKind(ScrubFormat era) {
      this.era = era;
    }
  }

  /** One input line: its number, its text without surrounding blanks, and what it is. */
  private record Line(int no, String text, LineKind kind, Matcher match) {
    String group(String name) {
      return match.group(name);
    }

    String label() {
      return match.group("label").replaceAll(WS, " ");
    }

    String value() {
      String v = match.group("value");
      return v == null ? "" : v;
    }

    boolean isLabel(String name) {
      return kind == LineKind.LABEL && label().equals(name);
    }
  }

  private final ZoneId zone;

  /** Reads timestamps in the JVM's default zone. */
  public ScrubStatusParser() {
    this(ZoneId.systemDefault());
  }

  /** Reads timestamps in {@code zone}, the zone of the host that ran btrfs. */
  public ScrubStatusParser(ZoneId zone) {
    this.zone = zone;
  }

  public BtrfsScrubStatus parse(String text, String source) throws ParseException {
    return new Run(source).parse(TextLines.split(text, source));
  }

  /** The state of one parse. */
  private final class Run {
    private final String source;
    private final List<ScrubMessage> messages = new ArrayList<>();
    private List<Line> lines = List.of();
    private int pos;
    private int lastLine;
    private ScrubFormat format;
    private Boolean raw;
    private Boolean legacySeconds;
    private int legacyDurationLine;

    Run(String source) {
      this.source = source;
    }

    BtrfsScrubStatus parse(List<String> input) throws ParseException {
      List<Line> structural = new ArrayList<>();
      Line firstEra = null;
      for (int i = 0; i < input.size(); i++) {
        Line line = classify(i + 1, input.get(i));
        switch (line.kind()) {
          case NOTE -> {
            if (!structural.isEmpty()) {
              throw new ParseException(source, line.no(), line.text(),
                  "'NOTE:' line after the status began (btrfs prints it first)");
            }
            messages.add(new ScrubMessage(
                Kind.STATUS_FILE_NOTE, line.no(), line.text(), OptionalLong.empty()));
          }
          case MESSAGE -> messages.add(message(line));
          default -> {
            if (line.kind().era != null) {
              if (firstEra == null) {
                firstEra = line;
              } else if (firstEra.kind().era != line.kind().era) {
                throw new ParseException(source, line.no(), line.text(),
                    "mixes output layouts: this line is from " + line.kind().era.description()
                        + " but line " + firstEra.no() + " is from "
                        + firstEra.kind().era.description());
              }
            }
            structural.add(line);
          }
        }
      }
      lastLine = input.size();
      lines = structural;
      format = firstEra == null ? null : firstEra.kind().era;

      Line head = peek();
      if (head == null) {
        throw new ParseException(source, 0, null,
            "no scrub status in the input (only btrfs messages)");
      }
      ScrubCommand command;
      Optional<String> fsid = Optional.empty();
      if (head.isLabel("UUID")) {
        command = ScrubCommand.STATUS;
        fsid = Optional.of(BtrfsText.uuid(head.value(), source, head.no()));
        pos++;
      } else if (head.kind() == LineKind.LEGACY_STATUS_FOR) {
        command = ScrubCommand.STATUS;
        fsid = Optional.of(BtrfsText.uuid(head.group("fsid"), source, head.no()));
        pos++;
      } else if (head.kind() == LineKind.DONE_FOR) {
        command = ScrubCommand.START;
        fsid = Optional.of(BtrfsText.uuid(head.group("fsid"), source, head.no()));
        pos++;
      } else if (head.kind() == LineKind.DEVICE_HEADER) {
        command = ScrubCommand.START;
      } else {
        throw unexpected(head, "the first line of btrfs scrub output ('UUID:', 'scrub status"
            + " for', 'scrub done for', 'scrub canceled for' or a device section header)");
      }
      if (format == null) {
        throw new ParseException(source, 0, null,
            "no scrub statistics in the input, so its btrfs-progs layout is unknown");
      }
      for (ScrubMessage m : messages) {
        if (m.kind().fromStart() && command != ScrubCommand.START) {
          throw new ParseException(source, m.line(), m.text(),
              "'btrfs scrub start' message in 'btrfs scrub status' output");
        }
        if (!m.kind().fromStart() && command != ScrubCommand.STATUS) {
          throw new ParseException(source, m.line(), m.text(),
              "'btrfs scrub status' note in 'btrfs scrub start' output");
        }
      }

      Optional<ScrubRecord> filesystem = Optional.empty();
      List<DeviceScrub> devices = new ArrayList<>();
      Line next = peek();
      if (next != null && next.kind() == LineKind.DEVICE_HEADER
          && head.kind() != LineKind.DONE_FOR) {
        Set<Long> devids = new HashSet<>();
        while (peek() != null) {
          DeviceScrub device = deviceSection(command);
          if (!devids.add(device.devid())) {
            throw new ParseException(source, device.line(), Long.toString(device.devid()),
                "device id listed twice");
          }
          devices.add(device);
        }
      } else {
        filesystem = Optional.of(record(false, true, command));
        Line extra = peek();
        if (extra != null) {
          throw unexpected(extra, "the end of the output after the filesystem's record");
        }
      }
      return new BtrfsScrubStatus(format, command, fsid, Boolean.TRUE.equals(raw), filesystem,
          devices, messages);
    }

    private ScrubMessage message(Line line) throws ParseException {
      Kind kind;
      if (MSG_UNCORRECTABLE.matcher(line.text()).matches()) {
        kind = Kind.UNCORRECTABLE_ERRORS;
      } else if (MSG_CORRECTED.matcher(line.text()).matches()) {
        kind = Kind.CORRECTED_ERRORS;
      } else if (MSG_STARTING.matcher(line.text()).matches()) {
        kind = Kind.STARTING_DEVICE;
      } else if (MSG_DEVICE_FAILED.matcher(line.text()).matches()) {
        kind = Kind.DEVICE_FAILED;
      } else {
        kind = Kind.DEVICE_NOT_PRESENT;
      }
      String n = line.group("n");
      OptionalLong number = n == null
          ? OptionalLong.empty() : OptionalLong.of(BtrfsText.number(n, source, line.no()));
      return new ScrubMessage(kind, line.no(), line.text(), number);
    }

    private DeviceScrub deviceSection(ScrubCommand command) throws ParseException {
      Line header = next();
      if (header.kind() != LineKind.DEVICE_HEADER) {
        throw unexpected(header, "a device section header ('Scrub device PATH (id N) ...')");
      }
      if (header.group("s").equals("S") && format == ScrubFormat.LEGACY) {
        throw new ParseException(source, header.no(), header.text(),
            "mixes output layouts: 'Scrub device' is from btrfs-progs >= 5.9 but the records are"
                + " from " + format.description());
      }
      long devid = BtrfsText.number(header.group("id"), source, header.no());
      String path = header.group("path");
      Optional<DeviceScrub.Label> label = Optional.empty();
      if (header.group("label") != null) {
        label = Optional.of(
            DeviceScrub.Label.VOCABULARY.parse(header.group("label"), source, header.no()));
      }
      if (label.isPresent()) {
        boolean startLabel = label.get() == DeviceScrub.Label.DONE
            || label.get() == DeviceScrub.Label.CANCELED;
        if (startLabel != (command == ScrubCommand.START)) {
          throw new ParseException(source, header.no(), header.group("label"), startLabel
              ? "'done'/'canceled' device section in 'btrfs scrub status' output"
              : "'history'/'status' device section in 'btrfs scrub start' output");
        }
      } else if (command == ScrubCommand.START) {
        throw new ParseException(source, header.no(), header.text(),
            "device section without 'done' or 'canceled' in 'btrfs scrub start' output");
      }
      ScrubRecord scrub = record(true, label.isPresent(), command);
      return new DeviceScrub(
          path == null || path.isEmpty() ? Optional.empty() : Optional.of(path), devid, label,
          scrub, header.no());
    }

    /**
     * One record.
     *
     * @param device a {@code -d} section, whose unverified count is real
     * @param summaryRequired btrfs printed a summary or counters after the stats lines: always for
     *     the filesystem, for a device whenever its header carries a label
     */
    private ScrubRecord record(boolean device, boolean summaryRequired, ScrubCommand command)
        throws ParseException {
      Line first = next();
      if (first == null) {
        throw endsEarly("'Scrub started:', 'scrub started at' or 'no stats available'");
      }
      Stats stats;
      if (first.kind() == LineKind.NO_STATS) {
        if (command == ScrubCommand.START) {
          throw new ParseException(source, first.no(), first.text(),
              "'no stats available' in 'btrfs scrub start' output");
        }
        stats = new Stats(ScrubState.NEVER_RUN, Optional.empty(), false, Optional.empty());
      } else if (format == ScrubFormat.LABELLED) {
        stats = labelledStats(first);
      } else {
        stats = legacyStats(first);
      }

      Line next = peek();
      boolean summaryFollows = next != null && next.kind() != LineKind.DEVICE_HEADER;
      if (!summaryFollows) {
        if (summaryRequired) {
          throw next == null
              ? endsEarly("the scrub summary or the -R counters")
              : unexpected(next, "the scrub summary or the -R counters");
        }
        if (stats.state() != ScrubState.NEVER_RUN) {
          throw new ParseException(source, first.no(), first.text(),
              "device section without a summary although it has statistics");
        }
        return new ScrubRecord(stats.state(), Optional.empty(), false, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalDouble.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
      }
      if (!summaryRequired) {
        throw unexpected(next, "the next device section: a section headed without 'history',"
            + " 'status', 'done' or 'canceled' has no summary");
      }
      if (next.kind() == LineKind.RAW) {
        return rawRecord(stats, device);
      }
      return format == ScrubFormat.LABELLED
          ? labelledSummary(stats, device) : legacySummary(stats, device);
    }

    /** What the stats lines said. */
    private record Stats(
        ScrubState state, Optional<Instant> started, boolean resumed,
        Optional<Duration> duration) {}

    // Scrub started: %c / Scrub resumed: %c, then Status: word, then Duration: H:MM:SS
    private Stats labelledStats(Line first) throws ParseException {
      boolean resumed;
      if (first.isLabel("Scrub started")) {
        resumed = false;
      } else if (first.isLabel("Scrub resumed")) {
        resumed = true;
      } else {
        throw unexpected(first, "'Scrub started:', 'Scrub resumed:' or 'no stats available'");
      }
      Instant started = BtrfsText.cTime(first.value(), zone, source, first.no());
      Line status = expectLabel("Status");
      ScrubState state = ScrubState.STATUS_WORDS.parse(status.value(), source, status.no());
      Line duration = expectLabel("Duration");
      Duration d = BtrfsText.clock(duration.value(), 1, source, duration.no());
      checkEnd(started, d, duration.no(), duration.value());
      return new Stats(state, Optional.of(started), resumed, Optional.of(d));
    }

    // \tscrub started at %c and finished after 00:01:34 (4.1-5.1) / after 94 seconds (<= 4.0)
    private Stats legacyStats(Line first) throws ParseException {
      if (first.kind() != LineKind.LEGACY_SS) {
        throw unexpected(first, "'scrub started at ...' or 'no stats available'");
      }
      Matcher m = LEGACY_SS_REST.matcher(first.group("rest"));
      if (!m.matches()) {
        String rest = first.group("rest");
        if (!Pattern.compile(BtrfsText.C_TIME_SHAPE + "(?:[ ,].*)?").matcher(rest).matches()) {
          BtrfsText.cTime(rest, zone, source, first.no());
        }
        throw new ParseException(source, first.no(), first.text(),
            "expected '... and finished after', '... and was aborted after', ', running for' or"
                + " ', interrupted after ..., not running'");
      }
      Instant started = BtrfsText.cTime(m.group("time"), zone, source, first.no());
      ScrubState state;
      String token;
      if (m.group("finished") != null) {
        state = ScrubState.FINISHED;
        token = m.group("finished");
      } else if (m.group("aborted") != null) {
        state = ScrubState.ABORTED;
        token = m.group("aborted");
      } else if (m.group("running") != null) {
        state = ScrubState.RUNNING;
        token = m.group("running");
      } else {
        state = ScrubState.INTERRUPTED;
        token = m.group("interrupted");
      }
      Matcher seconds = SECONDS.matcher(token);
      boolean inSeconds = seconds.matches();
      Duration duration = inSeconds
          ? Duration.ofSeconds(BtrfsText.number(seconds.group("n"), source, first.no()))
          : BtrfsText.clock(token, 2, source, first.no());
      if (legacySeconds != null && legacySeconds != inSeconds) {
        throw new ParseException(source, first.no(), token,
            "mixes output layouts: durations in seconds (btrfs-progs <= 4.0) and as HH:MM:SS"
                + " (4.1-5.1); see line " + legacyDurationLine);
      }
      legacySeconds = inSeconds;
      legacyDurationLine = first.no();
      checkEnd(started, duration, first.no(), token);
      if (inSeconds && state == ScrubState.INTERRUPTED) {
        throw new ParseException(source, first.no(), token,
            "mixes output layouts: 'interrupted' is from btrfs-progs 4.1+, durations in seconds"
                + " from <= 4.0");
      }
      if (inSeconds && state == ScrubState.RUNNING) {
        state = ScrubState.RUNNING_OR_INTERRUPTED;
      }
      return new Stats(state, Optional.of(started), first.group("kind").equals("resumed"),
          Optional.of(duration));
    }

    /** Start + duration must be a time, so the policy can compute when the scrub ended. */
    private void checkEnd(Instant started, Duration duration, int lineNo, String token)
        throws ParseException {
      try {
        started.plus(duration);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw new ParseException(source, lineNo, token, "duration out of range");
      }
    }

    private void form(boolean rawForm, Line line) throws ParseException {
      if (raw != null && raw != rawForm) {
        throw new ParseException(source, line.no(), line.text(),
            "mixes the -R counter form and the summary form");
      }
      raw = rawForm;
    }

    // \tdata_extents_scrubbed: 3200 ... \tlast_physical: 299106304 (print_scrub_full)
    private ScrubRecord rawRecord(Stats stats, boolean device) throws ParseException {
      Map<RawScrubCounter, Long> values = new EnumMap<>(RawScrubCounter.class);
      Line last = null;
      while (peek() != null && peek().kind() == LineKind.RAW) {
        Line line = next();
        form(true, line);
        RawScrubCounter counter =
            RawScrubCounter.VOCABULARY.parse(line.group("key"), source, line.no());
        long value = BtrfsText.number(line.group("value"), source, line.no());
        if (values.put(counter, value) != null) {
          throw new ParseException(source, line.no(), line.group("key"), "counter repeated");
        }
        last = line;
      }
      if (values.size() < RawScrubCounter.values().length) {
        List<String> missing = new ArrayList<>();
        for (RawScrubCounter c : RawScrubCounter.values()) {
          if (!values.containsKey(c)) {
            missing.add(c.key());
          }
        }
        Line after = peek();
        if (after != null && after.kind() != LineKind.DEVICE_HEADER) {
          throw unexpected(after, "the -R counter " + missing.get(0));
        }
        throw new ParseException(source, last.no(), null,
            "-R counters incomplete, missing " + String.join(", ", missing)
                + " (truncated output?)");
      }
      RawScrubCounters counters = new RawScrubCounters(values);
      long unverified = counters.get(RawScrubCounter.UNVERIFIED_ERRORS);
      ScrubErrors errors = new ScrubErrors(
          counters.get(RawScrubCounter.READ_ERRORS), counters.get(RawScrubCounter.SUPER_ERRORS),
          counters.get(RawScrubCounter.VERIFY_ERRORS), counters.get(RawScrubCounter.CSUM_ERRORS),
          counters.get(RawScrubCounter.CORRECTED_ERRORS),
          counters.get(RawScrubCounter.UNCORRECTABLE_ERRORS),
          unverifiedCount(unverified, device),
          OptionalLong.of(counters.get(RawScrubCounter.MALLOC_ERRORS)));
      long scrubbed;
      try {
        scrubbed = counters.bytesScrubbed();
      } catch (ArithmeticException e) {
        throw new ParseException(source, last.no(), null, "bytes scrubbed out of range");
      }
      // -R has no 'Time left:', so a running scrub without a record yet looks never scrubbed.
      return new ScrubRecord(stats.state(), stats.started(), stats.resumed(), stats.duration(),
          Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(ByteSize.exact(scrubbed)), OptionalDouble.empty(), Optional.empty(),
          Optional.of(errors), false, Optional.of(counters));
    }

    /** A whole-filesystem 0 is btrfs' aggregation bug, not a count; see {@link ScrubErrors}. */
    private OptionalLong unverifiedCount(long value, boolean device) {
      return device || value != 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    // [*** WARNING: memory allocation failed ...]
    // [Time left: / ETA: / Total to scrub: / Bytes scrubbed: (when running)] | Total to scrub:
    // Rate: / Error summary: no errors found | keys + Corrected: / Uncorrectable: / Unverified:
    private ScrubRecord labelledSummary(Stats stats, boolean device) throws ParseException {
      boolean malloc = mallocWarning();
      Line first = peek();
      if (first == null) {
        throw endsEarly("'Total to scrub:'");
      }
      if (first.kind() == LineKind.RAW) {
        throw unexpected(first, "'Total to scrub:' (the -R counters never follow the memory"
            + " allocation warning)");
      }
      form(false, first);
      Optional<Duration> timeLeft = Optional.empty();
      Optional<Instant> eta = Optional.empty();
      Optional<ByteSize> scrubbed = Optional.empty();
      OptionalDouble percent = OptionalDouble.empty();
      boolean running = first.isLabel("Time left");
      if (running) {
        Line left = next();
        timeLeft = Optional.of(BtrfsText.clock(left.value(), 1, source, left.no()));
        Line etaLine = expectLabel("ETA");
        eta = Optional.of(BtrfsText.cTime(etaLine.value(), zone, source, etaLine.no()));
      }
      Line totalLine = expectLabel("Total to scrub");
      ByteSize total = BtrfsText.size(totalLine.value(), true, source, totalLine.no());
      if (running) {
        Line bytes = expectLabel("Bytes scrubbed");
        Matcher m = BYTES_SCRUBBED.matcher(bytes.value());
        if (!m.matches()) {
          throw new ParseException(source, bytes.no(), bytes.value(),
              "expected 'SIZE' or 'SIZE  (NN.NN%)'");
        }
        scrubbed = Optional.of(BtrfsText.size(m.group("size"), true, source, bytes.no()));
        if (m.group("pct") != null) {
          if (!PERCENT.matcher(m.group("pct")).matches()) {
            throw new ParseException(source, bytes.no(), m.group("pct") + "%",
                "malformed percentage (expected NN.NN%)");
          }
          percent = OptionalDouble.of(Double.parseDouble(m.group("pct")));
        }
      }
      Line rateLine = expectLabel("Rate");
      Matcher rm = RATE.matcher(rateLine.value());
      if (!rm.matches()) {
        throw new ParseException(source, rateLine.no(), rateLine.value(),
            "expected 'SIZE/s', optionally with '(limit SIZE/s)' or '(some device limits set)'");
      }
      ScrubRate rate = new ScrubRate(
          BtrfsText.size(rm.group("size"), true, source, rateLine.no()),
          rm.group("limit") == null ? Optional.empty()
              : Optional.of(BtrfsText.size(rm.group("limit"), true, source, rateLine.no())),
          rm.group("some") != null);
      Line summary = expectLabel("Error summary");
      ScrubErrors errors;
      if (summary.value().matches("no" + WS + "errors" + WS + "found")) {
        errors = ScrubErrors.none();
      } else {
        long[] keys = errorKeys(summary.value(), summary.no());
        long corrected = labelNumber(expectLabel("Corrected"));
        long uncorrectable = labelNumber(expectLabel("Uncorrectable"));
        long unverified = labelNumber(expectLabel("Unverified"));
        if (keys[0] + keys[1] + keys[2] + keys[3] == 0 && corrected + uncorrectable == 0) {
          throw new ParseException(source, summary.no(), summary.text(),
              "error summary without any error (btrfs says 'no errors found' then)");
        }
        errors = new ScrubErrors(keys[0], keys[1], keys[2], keys[3], corrected, uncorrectable,
            unverifiedCount(unverified, device), OptionalLong.empty());
      }
      ScrubState state = stats.state();
      if (running) {
        if (state == ScrubState.NEVER_RUN) {
          // btrfs is scrubbing but has not written a record with a start time yet.
          state = ScrubState.RUNNING;
        } else if (state != ScrubState.RUNNING) {
          throw new ParseException(source, first.no(), first.text(),
              "'Time left:' for a scrub whose status is '" + state.word() + "'");
        }
      } else if (state == ScrubState.RUNNING) {
        throw new ParseException(source, first.no(), first.text(),
            "running scrub without 'Time left:', 'ETA:' and 'Bytes scrubbed:'");
      }
      return new ScrubRecord(state, stats.started(), stats.resumed(), stats.duration(), timeLeft,
          eta, Optional.of(total), scrubbed, percent, Optional.of(rate), Optional.of(errors),
          malloc, Optional.empty());
    }

    // [*** WARNING ...] \ttotal bytes scrubbed: 9.44GiB with 0 errors
    // [\terror details: read=N super=N verify=N csum=N
    //  \tcorrected errors: N, uncorrectable errors: N, unverified errors: N]
    private ScrubRecord legacySummary(Stats stats, boolean device) throws ParseException {
      boolean malloc = mallocWarning();
      Line total = next();
      if (total == null) {
        throw endsEarly("'total bytes scrubbed: ...'");
      }
      if (total.kind() != LineKind.LEGACY_TOTAL) {
        throw unexpected(total, "'total bytes scrubbed: SIZE with N errors'");
      }
      form(false, total);
      ByteSize scrubbed = BtrfsText.size(total.group("size"), false, source, total.no());
      long count = BtrfsText.number(total.group("n"), source, total.no());
      ScrubErrors errors = ScrubErrors.none();
      Line details = peek();
      if (details != null && details.kind() == LineKind.LEGACY_DETAILS) {
        next();
        long[] keys = errorKeys(details.group("rest").strip(), details.no());
        Line corrected = next();
        if (corrected == null) {
          throw endsEarly("'corrected errors: N, uncorrectable errors: N, unverified errors: N'");
        }
        if (corrected.kind() != LineKind.LEGACY_CORRECTED) {
          throw unexpected(corrected,
              "'corrected errors: N, uncorrectable errors: N, unverified errors: N'");
        }
        long c = BtrfsText.number(corrected.group("c"), source, corrected.no());
        long u = BtrfsText.number(corrected.group("u"), source, corrected.no());
        long v = BtrfsText.number(corrected.group("v"), source, corrected.no());
        long detected = keys[0] + keys[1] + keys[2] + keys[3];
        if (Math.max(detected, c + u) != count) {
          throw new ParseException(source, total.no(), Long.toString(count),
              "error total does not match the details (btrfs prints the larger of"
                  + " read+super+verify+csum and corrected+uncorrectable)");
        }
        errors = new ScrubErrors(keys[0], keys[1], keys[2], keys[3], c, u,
            unverifiedCount(v, device), OptionalLong.empty());
      } else if (count != 0) {
        Line after = peek();
        throw after == null
            ? endsEarly("'error details:' after 'with " + count + " errors'")
            : unexpected(after, "'error details:' after 'with " + count + " errors'");
      }
      return new ScrubRecord(stats.state(), stats.started(), stats.resumed(), stats.duration(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(scrubbed),
          OptionalDouble.empty(), Optional.empty(), Optional.of(errors), malloc,
          Optional.empty());
    }

    private boolean mallocWarning() throws ParseException {
      Line line = peek();
      if (line != null && line.kind() == LineKind.MALLOC) {
        next();
        return true;
      }
      return false;
    }

    /** " read=N super=N verify=N csum=N": only non-zero keys, in this order (PRINT_SCRUB_ERROR). */
    private long[] errorKeys(String text, int lineNo) throws ParseException {
      long[] values = new long[4];
      int lastIndex = -1;
      if (text.isEmpty()) {
        return values;
      }
      for (String token : text.split(WS)) {
        Matcher m = ERROR_KEY.matcher(token);
        int index = m.matches() ? ERROR_KEYS.indexOf(m.group("key")) : -1;
        if (index < 0) {
          throw new ParseException(source, lineNo, token,
              "unknown error kind (expected read=, super=, verify=, csum=)");
        }
        if (index <= lastIndex) {
          throw new ParseException(source, lineNo, token,
              "error kinds repeated or out of order (btrfs prints read, super, verify, csum)");
        }
        long value = BtrfsText.number(m.group("n"), source, lineNo);
        if (value == 0) {
          throw new ParseException(source, lineNo, token,
              "zero error count (btrfs prints only non-zero ones)");
        }
        values[index] = value;
        lastIndex = index;
      }
      return values;
    }

    private long labelNumber(Line line) throws ParseException {
      return BtrfsText.number(line.value(), source, line.no());
    }

    private Line expectLabel(String label) throws ParseException {
      Line line = next();
      if (line == null) {
        throw endsEarly("'" + label + ":'");
      }
      if (!line.isLabel(label)) {
        throw unexpected(line, "'" + label + ":'");
      }
      return line;
    }

    /** The next structural line; a blank line is allowed only before a device section header. */
    private Line peek() throws ParseException {
      int i = pos;
      while (i < lines.size() && lines.get(i).kind() == LineKind.BLANK) {
        i++;
      }
      if (i > pos && (i == lines.size() || lines.get(i).kind() != LineKind.DEVICE_HEADER)) {
        Line blank = lines.get(pos);
        throw new ParseException(source, blank.no(), "",
            "unexpected blank line (btrfs prints one only before a device section)");
      }
      pos = i;
      return i < lines.size() ? lines.get(i) : null;
    }

    private Line next() throws ParseException {
      Line line = peek();
      if (line != null) {
        pos++;
      }
      return line;
    }

    private ParseException endsEarly(String expected) {
      return new ParseException(source, lastLine + 1, "",
          "output ends early: expected " + expected + " (truncated output?)");
    }

    private ParseException unexpected(Line line, String expected) {
      String token = line.text();
      String reason;
      switch (line.kind()) {
        case UNKNOWN -> {
          if (token.startsWith("WARNING:") || token.startsWith("ERROR:")) {
            reason = "unknown btrfs message";
          } else {
            reason = "unknown line";
          }
        }
        case LABEL -> {
          token = line.label() + ":";
          reason = "unexpected '" + line.label() + ":' line";
        }
        case RAW -> {
          token = line.group("key") + ":";
          reason = "unexpected -R counter";
        }
        default -> reason = "unexpected line";
      }
      return new ParseException(source, line.no(), token, reason + ", expected " + expected);
    }

    private Line classify(int no, String raw) throws ParseException {
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
          throw new ParseException(source, no, raw, c == '\r'
              ? "carriage return (DOS line ending)" : "control character in the text");
        }
      }
      String text = raw.replaceAll("^[ \\t]+|[ \\t]+$", "");
      if (text.isEmpty()) {
        return new Line(no, text, LineKind.BLANK, null);
      }
      Object[][] table = {
        {NOTE, LineKind.NOTE},
        {MALLOC, LineKind.MALLOC},
        {MSG_UNCORRECTABLE, LineKind.MESSAGE},
        {MSG_CORRECTED, LineKind.MESSAGE},
        {MSG_STARTING, LineKind.MESSAGE},
        {MSG_DEVICE_FAILED, LineKind.MESSAGE},
        {MSG_NOT_PRESENT, LineKind.MESSAGE},
        {DONE_FOR, LineKind.DONE_FOR},
        {DEVICE_HEADER, LineKind.DEVICE_HEADER},
        {NO_STATS, LineKind.NO_STATS},
        {LABELLED, LineKind.LABEL},
        {LEGACY_STATUS_FOR, LineKind.LEGACY_STATUS_FOR},
        {LEGACY_SS, LineKind.LEGACY_SS},
        {LEGACY_TOTAL, LineKind.LEGACY_TOTAL},
        {LEGACY_DETAILS, LineKind.LEGACY_DETAILS},
        {LEGACY_CORRECTED, LineKind.LEGACY_CORRECTED},
        {RAW, LineKind.RAW},
      };
      for (Object[] row : table) {
        Matcher m = ((Pattern) row[0]).matcher(text);
        if (m.matches()) {
          return new Line(no, text, (LineKind) row[1], m);
        }
      }
      return new Line(no, text, LineKind.UNKNOWN, null);
    }
  }
}
