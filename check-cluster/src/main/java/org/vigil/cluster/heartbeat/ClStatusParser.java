package org.vigil.cluster.heartbeat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Reads the outputs of Heartbeat's {@code cl_status} (tools/cl_status.c, without {@code -m}: the
 * human-readable {@code -m} sentences are refused).
 *
 * <p>The per-command methods serve live mode, which runs each command; {@link #parseReport} reads
 * the same outputs from one file, as written by this wrapper:
 *
 * <pre>
 * #!/bin/sh
 * echo '# cl_status hbstatus';  cl_status hbstatus
 * echo '# uname -n';            uname -n                      # optional section
 * echo '# cl_status listnodes'; cl_status listnodes
 * for n in $(cl_status listnodes); do
 *   echo "# cl_status nodestatus $n"; cl_status nodestatus "$n"
 * done
 * echo '# cl_status rscstatus'; cl_status rscstatus
 * </pre>
 *
 * <p>Report format: sections, each a header line followed by the command's output lines. The first
 * section is {@code # cl_status hbstatus}; the others are {@code # uname -n} (optional, the local
 * node name), {@code # cl_status listnodes}, {@code # cl_status nodestatus NODE} and {@code #
 * cl_status rscstatus}, each at most once (nodestatus once per node). Any other line starting with
 * {@code #} is refused. When heartbeat runs, listnodes must list at least one node, every listed
 * node needs exactly one nodestatus section (and no unlisted node may have one), and rscstatus is
 * required: a query that printed nothing (cl_status timed out, or resources are managed by a CRM)
 * is refused, not guessed. When heartbeat is stopped, cl_status cannot sign on and prints nothing,
 * so the other sections may be absent or must be empty.
 */
public final class ClStatusParser {
  static final String HBSTATUS = "# cl_status hbstatus";
  static final String LISTNODES = "# cl_status listnodes";
  static final String NODESTATUS = "# cl_status nodestatus ";
  static final String RSCSTATUS = "# cl_status rscstatus";
  static final String UNAME = "# uname -n";

  private ClStatusParser() {}

  /** {@code cl_status hbstatus}: exactly one known line. */
  public static HbDaemonStatus parseHbstatus(String text, String source) throws ParseException {
    return hbstatus(TextLines.split(text, source), 1, source);
  }

  /** {@code cl_status listnodes}: one node name per line, at least one, no duplicates. */
  public static List<String> parseListnodes(String text, String source) throws ParseException {
    return listnodes(TextLines.split(text, source), 1, source);
  }

  /** {@code cl_status nodestatus NODE}: exactly one status word. */
  public static HbNodeStatus parseNodestatus(String text, String source) throws ParseException {
    return HbNodeStatus.VOCABULARY.parse(single(TextLines.split(text, source), 1, source,
        "nodestatus"), source, 1);
  }

  /** {@code cl_status rscstatus}: exactly one resource-status word. */
  public static ResourceStatus parseRscstatus(String text, String source) throws ParseException {
    return ResourceStatus.VOCABULARY.parse(single(TextLines.split(text, source), 1, source,
        "rscstatus"), source, 1);
  }

  /** {@code uname -n}: one node name. */
  public static String parseUname(String text, String source) throws ParseException {
    List<String> lines = TextLines.split(text, source);
    return nodeName(single(lines, 1, source, "uname -n"), source, 1);
  }

  /** The sectioned report described in the class comment. */
  public static HeartbeatStatus parseReport(String text, String source) throws ParseException {
    List<String> lines = TextLines.split(text, source);
    if (!lines.get(0).equals(HBSTATUS)) {
      throw new ParseException(source, 1, lines.get(0), "expected '" + HBSTATUS + "'");
    }
    Map<String, Section> sections = new LinkedHashMap<>();
    Section current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        String key = sectionKey(line, source, i + 1);
        if (sections.containsKey(key)) {
          throw new ParseException(source, i + 1, line, "section repeated");
        }
        current = new Section(line, i + 1);
        sections.put(key, current);
      } else {
        current.body.add(line);
      }
    }
    Section hb = sections.remove(HBSTATUS);
    if (hb.body.isEmpty()) {
      throw new ParseException(source, hb.headerLine, hb.header, "no output from cl_status");
    }
    HbDaemonStatus daemon = hbstatus(hb.body, hb.headerLine + 1, source);
    if (daemon == HbDaemonStatus.STOPPED) {
      for (Section s : sections.values()) {
        if (!s.header.equals(UNAME) && !s.body.isEmpty()) {
          throw new ParseException(source, s.headerLine + 1, s.body.get(0),
              "output although heartbeat is stopped (cl_status cannot sign on)");
        }
      }
      Optional<String> local = Optional.empty();
      Section uname = sections.get(UNAME);
      if (uname != null) {
        local = Optional.of(nodeName(required(uname, source), source, uname.headerLine + 1));
      }
      return new HeartbeatStatus(daemon, local, List.of(), Optional.empty());
    }
    Section list = sections.remove(LISTNODES);
    if (list == null) {
      throw new ParseException(source, lines.size(), null,
          "no '" + LISTNODES + "' section (truncated?)");
    }
    if (list.body.isEmpty()) {
      throw new ParseException(source, list.headerLine, list.header, "no output from the command");
    }
    List<String> names = listnodes(list.body, list.headerLine + 1, source);
    Optional<String> local = Optional.empty();
    Section uname = sections.remove(UNAME);
    if (uname != null) {
      String name = nodeName(required(uname, source), source, uname.headerLine + 1);
      if (!names.contains(name)) {
        throw new ParseException(source, uname.headerLine + 1, name,
            "local node not in cl_status listnodes");
      }
      local = Optional.of(name);
    }
    List<HeartbeatNode> nodes = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Section s = sections.remove(NODESTATUS + name);
      if (s == null) {
        missing.add(name);
        continue;
      }
      HbNodeStatus status =
          HbNodeStatus.VOCABULARY.parse(required(s, source), source, s.headerLine + 1);
      nodes.add(new HeartbeatNode(name, status));
    }
    List<Section> unlisted = new ArrayList<>();
    for (Section s : sections.values()) {
      if (s.header.startsWith(NODESTATUS)) {
        unlisted.add(s);
      }
    }
    if (!missing.isEmpty()) {
      String also = unlisted.isEmpty() ? "" : "; there is one for the unlisted node "
          + unlisted.get(0).header.substring(NODESTATUS.length());
      throw new ParseException(source, lines.size(), missing.get(0),
          "no '" + NODESTATUS.strip() + "' section for a listed node (truncated?)" + also);
    }
    if (!unlisted.isEmpty()) {
      Section s = unlisted.get(0);
      throw new ParseException(source, s.headerLine, s.header,
          "nodestatus for a node cl_status listnodes did not list");
    }
    Section rsc = sections.remove(RSCSTATUS);
    if (rsc == null) {
      throw new ParseException(source, lines.size(), null,
          "no '" + RSCSTATUS + "' section (truncated?)");
    }
    ResourceStatus resources =
        ResourceStatus.VOCABULARY.parse(required(rsc, source), source, rsc.headerLine + 1);
    return new HeartbeatStatus(daemon, local, nodes, Optional.of(resources));
  }

  private static String sectionKey(String line, String source, int lineNo)
      throws ParseException {
    if (line.equals(HBSTATUS) || line.equals(LISTNODES) || line.equals(RSCSTATUS)
        || line.equals(UNAME)) {
      return line;
    }
    if (line.startsWith(NODESTATUS)) {
      nodeName(line.substring(NODESTATUS.length()), source, lineNo);
      return line;
    }
    throw new ParseException(source, lineNo, line, "unknown section");
  }

  /** The one line of a section that must have exactly one. */
  private static String required(Section s, String source) throws ParseException {
    if (s.body.isEmpty()) {
      throw new ParseException(source, s.headerLine, s.header, "no output from the command");
    }
    return single(s.body, s.headerLine + 1, source, s.header.substring(2));
  }

  private static HbDaemonStatus hbstatus(List<String> lines, int first, String source)
      throws ParseException {
    return HbDaemonStatus.VOCABULARY.parse(single(lines, first, source, "hbstatus"), source,
        first);
  }

  private static List<String> listnodes(List<String> lines, int first, String source)
      throws ParseException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String name = nodeName(lines.get(i), source, first + i);
      if (!seen.add(name)) {
        throw new ParseException(source, first + i, name, "node listed twice");
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new ParseException(source, first, null, "cl_status listnodes listed no node");
    }
    return names;
  }

  private static String single(List<String> lines, int first, String source, String what)
      throws ParseException {
    if (lines.size() != 1) {
      throw new ParseException(source, first + 1, lines.get(1),
          "cl_status " + what + " prints one line; unexpected further line");
    }
    String line = lines.get(0);
    if (line.isEmpty()) {
      throw new ParseException(source, first, line, "empty " + what + " output");
    }
    return line;
  }

  /** A host name as heartbeat lists it: no blanks, no control characters, not a section header. */
  private static String nodeName(String token, String source, int lineNo) throws ParseException {
    if (!token.matches("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,252}")) {
      throw new ParseException(source, lineNo, token, "not a node name");
    }
    return token;
  }

  private static final class Section {
    final String header;
    final int headerLine;
    final List<String> body = new ArrayList<>();

    Section(String header, int headerLine) {
      this.header = header;
      this.headerLine = headerLine;
    }
  }
}
