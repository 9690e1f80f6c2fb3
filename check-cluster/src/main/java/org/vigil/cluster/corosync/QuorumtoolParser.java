package org.vigil.cluster.corosync;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Reads {@code corosync-quorumtool -s} (also with {@code -p} and {@code -H}), corosync 2.3 to 3.1,
 * as printed by {@code display_quorum_data}/{@code display_nodes_data} in
 * tools/corosync-quorumtool.c. Every line must be one the tool prints; the member count must match
 * {@code Nodes:}, exactly one member must be {@code (local)} with the {@code Node ID:}, {@code
 * Activity blocked} must agree with the {@code Quorate} flag, and the quorum-device row must be
 * present exactly when a member has a registered quorum device.
 */
public final class QuorumtoolParser {
  private static final Pattern CTIME = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " ([ 0-9][0-9]) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([0-9]{4})");
  private static final List<String> MONTHS = List.of(
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final String LOCAL = "(local)";

  private final String source;
  private final List<String> lines;
  private int pos;

  private QuorumtoolParser(List<String> lines, String source) {
    this.lines = lines;
    this.source = source;
  }

  public static Quorumtool parse(String text, String source) throws ParseException {
    return new QuorumtoolParser(TextLines.split(text, source), source).parse();
  }

  private Quorumtool parse() throws ParseException {
    exact("Quorum information");
    exact("------------------");
    LocalDateTime date = date(field("Date:"));
    int providerLine = pos + 1;
    QuorumProvider provider =
        QuorumProvider.VOCABULARY.parse(field("Quorum provider:"), source, providerLine);
    int nodesLine = pos + 1;
    int nodes = Tokens.count(field("Nodes:"), "Nodes", source, nodesLine);
    int nodeIdLine = pos + 1;
    long localNodeId = Tokens.nodeId(field("Node ID:"), source, nodeIdLine);
    int ringLine = pos + 1;
    RingId ringId = ringId(field("Ring ID:"), ringLine);
    int quorateLine = pos + 1;
    boolean quorate =
        Quorate.VOCABULARY.parse(field("Quorate:"), source, quorateLine) == Quorate.YES;
    if (provider == QuorumProvider.NOT_CONFIGURED) {
      trailingBlankLines();
      return new Quorumtool(date, provider, nodes, localNodeId, ringId, quorate, Optional.empty(),
          List.of(), Optional.empty());
    }
    exact("");
    exact("Votequorum information");
    exact("----------------------");
    int line = pos + 1;
    int expected = Tokens.count(field("Expected votes:"), "Expected votes", source, line);
    line = pos + 1;
    int highest = Tokens.count(field("Highest expected:"), "Highest expected", source, line);
    line = pos + 1;
    int total = Tokens.count(field("Total votes:"), "Total votes", source, line);
    int quorumLine = pos + 1;
    String quorumText = field("Quorum:");
    boolean blocked;
    String quorumNumber;
    if (quorumText.endsWith(" Activity blocked")) {
      blocked = true;
      quorumNumber = quorumText.substring(0, quorumText.length() - " Activity blocked".length());
    } else {
      blocked = false;
      quorumNumber = quorumText;
    }
    int quorum = Tokens.count(quorumNumber, "Quorum", source, quorumLine);
    int flagsLine = pos + 1;
    Set<QuorumFlag> flags = flags(fieldOrEmpty("Flags:"), flagsLine);
    if (blocked == flags.contains(QuorumFlag.QUORATE)) {
      throw new ParseException(source, quorumLine, quorumText,
          blocked ? "'Activity blocked' contradicts the Quorate flag"
              : "quorum not blocked although the Quorate flag is missing");
    }
    Votequorum votequorum = new Votequorum(expected, highest, total, quorum, blocked, flags);

    exact("");
    exact("Membership information");
    exact("----------------------");
    int headerLine = pos + 1;
    String header = next("membership header");
    boolean qdeviceColumn;
    if (words(header).equals(List.of("Nodeid", "Votes", "Qdevice", "Name"))) {
      qdeviceColumn = true;
    } else if (words(header).equals(List.of("Nodeid", "Votes", "Name"))) {
      qdeviceColumn = false;
    } else {
      throw new ParseException(source, headerLine, header.strip(),
          "unknown membership header");
    }
    List<QuorumMember> members = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      members.add(member(next("membership row " + (i + 1) + " of " + nodes), pos, qdeviceColumn));
    }
    Optional<QdeviceRow> qdevice = Optional.empty();
    boolean registered = members.stream()
        .anyMatch(m -> m.qdevice().map(QdeviceState::registered).orElse(false));
    if (registered) {
      qdevice = Optional.of(qdeviceRow(next("quorum device row"), pos));
    }
    trailingBlankLines();
    long locals = members.stream().filter(QuorumMember::local).count();
    if (locals != 1 || members.stream().noneMatch(m -> m.local() && m.nodeId() == localNodeId)) {
      throw new ParseException(source, nodeIdLine, Long.toString(localNodeId),
          "membership does not list the local node exactly once as (local)");
    }
    return new Quorumtool(date, provider, nodes, localNodeId, ringId, quorate,
        Optional.of(votequorum), members, qdevice);
  }

  private QuorumMember member(String line, int lineNo, boolean qdeviceColumn)
      throws ParseException {
    List<String> w = words(line);
    boolean local = !w.isEmpty() && w.get(w.size() - 1).equals(LOCAL);
    if (local) {
      w = w.subList(0, w.size() - 1);
    }
    int columns = qdeviceColumn ? 4 : 3;
    if (w.size() != columns) {
      String token = w.size() > columns ? w.get(columns) : line.strip();
      throw new ParseException(source, lineNo, token,
          w.size() > columns ? "unexpected text in membership row"
              : "membership row has too few columns (truncated?)");
    }
    long nodeId = Tokens.nodeId(w.get(0), source, lineNo);
    if (nodeId == 0) {
      throw new ParseException(source, lineNo, w.get(0),
          "node ID 0 is the quorum device, not a member (fewer members than Nodes:?)");
    }
    int votes = Tokens.count(w.get(1), "votes", source, lineNo);
    Optional<QdeviceState> qdevice =
        qdeviceColumn ? Optional.of(qdeviceState(w.get(2), lineNo)) : Optional.empty();
    String name = w.get(columns - 1);
    return new QuorumMember(nodeId, votes, qdevice, name, local);
  }

  private QdeviceState qdeviceState(String token, int lineNo) throws ParseException {
    String[] parts = token.split(",", -1);
    if (parts.length == 1) {
      if (QdeviceFlag.VOCABULARY.parse(parts[0], source, lineNo) == QdeviceFlag.NOT_REGISTERED) {
        return QdeviceState.NOT_REGISTERED;
      }
      throw new ParseException(source, lineNo, token, "unknown qdevice column");
    }
    if (parts.length != 3) {
      throw new ParseException(source, lineNo, token, "unknown qdevice column");
    }
    QdeviceFlag a = QdeviceFlag.VOCABULARY.find(parts[0]).orElse(null);
    QdeviceFlag v = QdeviceFlag.VOCABULARY.find(parts[1]).orElse(null);
    QdeviceFlag mw = QdeviceFlag.VOCABULARY.find(parts[2]).orElse(null);
    if ((a != QdeviceFlag.ALIVE && a != QdeviceFlag.NOT_ALIVE)
        || (v != QdeviceFlag.CAST_VOTE && v != QdeviceFlag.NO_VOTE)
        || (mw != QdeviceFlag.MASTER_WINS && mw != QdeviceFlag.NO_MASTER_WINS)) {
      throw new ParseException(source, lineNo, token, "unknown qdevice column");
    }
    return new QdeviceState(true, a == QdeviceFlag.ALIVE, v == QdeviceFlag.CAST_VOTE,
        mw == QdeviceFlag.MASTER_WINS);
  }

  private QdeviceRow qdeviceRow(String line, int lineNo) throws ParseException {
    List<String> w = words(line);
    if (w.size() != 3 && w.size() != 5) {
      throw new ParseException(source, lineNo, line.strip(), "unknown quorum device row");
    }
    if (Tokens.nodeId(w.get(0), source, lineNo) != 0) {
      throw new ParseException(source, lineNo, w.get(0),
          "quorum device row must have node ID 0 (more members than Nodes:?)");
    }
    int votes = Tokens.count(w.get(1), "votes", source, lineNo);
    if (!w.get(2).equals("Qdevice")) {
      throw new ParseException(source, lineNo, w.get(2), "unknown quorum device name");
    }
    OptionalInt configured = OptionalInt.empty();
    if (w.size() == 5) {
      if (!w.get(3).equals("(votes") || !w.get(4).endsWith(")")) {
        throw new ParseException(source, lineNo, w.get(3) + " " + w.get(4),
            "expected '(votes N)'");
      }
      String n = w.get(4).substring(0, w.get(4).length() - 1);
      configured = OptionalInt.of(Tokens.count(n, "qdevice votes", source, lineNo));
    }
    return new QdeviceRow(votes, w.get(2), configured);
  }

  private Set<QuorumFlag> flags(String text, int lineNo) throws ParseException {
    Set<QuorumFlag> flags = EnumSet.noneOf(QuorumFlag.class);
    for (String word : words(text)) {
      if (!flags.add(QuorumFlag.VOCABULARY.parse(word, source, lineNo))) {
        throw new ParseException(source, lineNo, word, "votequorum flag repeated");
      }
    }
    return flags;
  }

  private RingId ringId(String text, int lineNo) throws ParseException {
    int slash = text.indexOf('/');
    int dot = text.indexOf('.');
    if (slash >= 0) {
      return new RingId(RingId.Form.SLASH_DECIMAL,
          OptionalLong.of(Tokens.nodeId(text.substring(0, slash), source, lineNo)),
          Tokens.decimal(text.substring(slash + 1), "ring sequence", source, lineNo));
    }
    if (dot >= 0) {
      return new RingId(RingId.Form.DOT_HEX,
          OptionalLong.of(Tokens.nodeId(text.substring(0, dot), source, lineNo)),
          Tokens.hex(text.substring(dot + 1), "ring sequence", source, lineNo));
    }
    return new RingId(RingId.Form.SEQUENCE, OptionalLong.empty(),
        Tokens.decimal(text, "ring sequence", source, lineNo));
  }

  private LocalDateTime date(String text) throws ParseException {
    int lineNo = pos; // date() runs after field() consumed the line, so pos is its 1-based number
    Matcher m = CTIME.matcher(text);
    if (!m.matches()) {
      throw new ParseException(source, lineNo, text, "not a ctime date");
    }
    try {
      return LocalDateTime.of(Integer.parseInt(m.group(7)), MONTHS.indexOf(m.group(2)) + 1,
          Integer.parseInt(m.group(3).strip()), Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      throw new ParseException(source, lineNo, text, "impossible date");
    }
  }

  // ----- line helpers; pos is the 0-based index of the next line, so after next() it is 1-based

  private String next(String what) throws ParseException {
    if (pos >= lines.size()) {
      throw new ParseException(source, lines.size(), null,
          "output ends before the " + what + " (truncated?)");
    }
    return lines.get(pos++);
  }

  private void exact(String expected) throws ParseException {
    String what = expected.isEmpty() ? "blank line"
        : "'" + expected + "'";
    String line = next(what);
    if (!line.equals(expected)) {
      throw new ParseException(source, pos, line, "expected " + what);
    }
  }

  /** The value after {@code label} and its padding, trailing blanks removed; must not be empty. */
  private String field(String label) throws ParseException {
    String value = fieldOrEmpty(label);
    if (value.isEmpty()) {
      throw new ParseException(source, pos, lines.get(pos - 1), "no value after " + label);
    }
    return value;
  }

  private String fieldOrEmpty(String label) throws ParseException {
    String line = next("'" + label + "' line");
    if (!line.startsWith(label)
        || (line.length() > label.length() && line.charAt(label.length()) != ' ')) {
      throw new ParseException(source, pos, line, "expected '" + label + "'");
    }
    return line.substring(label.length()).strip();
  }

  private void trailingBlankLines() throws ParseException {
    while (pos < lines.size()) {
      String line = lines.get(pos++);
      if (!line.isEmpty()) {
        throw new ParseException(source, pos, line, "unexpected line after the membership");
      }
    }
  }

  private static List<String> words(String line) {
    String s = line.strip();
    return s.isEmpty() ? List.of() : List.of(s.split(" +"));
  }
}
