package org.vigil.cluster.corosync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Reads {@code corosync-cfgtool -s} in its four formats, told apart by the first line:
 *
 * <ul>
 *   <li>{@code Printing ring status.} - corosync 1.x/2.x rings: {@code RING ID n},
 *       {@code id = ADDR}, {@code status = ring n active with no faults} or
 *       {@code status = Marking [seqid S ]ringid n interface ADDR FAULTY};
 *   <li>{@code Printing link status.} - corosync 3.0: {@code LINK ID n}, {@code addr = ADDR}, then
 *       either {@code status = OK} (udp/udpu) or {@code status:} with one line per node,
 *       {@code node N: link enabled:X link connected:Y} (3.0.0/3.0.1) or
 *       {@code nodeid N: STATE} (3.0.2-3.0.4);
 *   <li>{@code Local node ID n, transport T} - corosync 3.1+: {@code LINK ID n [udp|sctp]},
 *       {@code addr = ADDR}, {@code status:}, {@code nodeid: N: STATE}, the local node as
 *       {@code localhost}.
 * </ul>
 *
 * <p>Leading whitespace is not significant (captures pasted from issues have it changed); every
 * line's words are. A listing without any ring or link is refused, never read as healthy.
 */
public final class CfgtoolParser {
  private static final Pattern LOCAL_3_1 =
      Pattern.compile("Local node ID (\\S+), transport (\\S+)");
  private static final Pattern LOCAL = Pattern.compile("Local node ID (\\S+)");
  private static final Pattern RING = Pattern.compile("RING ID (\\S+)");
  private static final Pattern LINK = Pattern.compile("LINK ID (\\S+)(?: (\\S+))?");
  private static final Pattern KEY_VALUE = Pattern.compile("(\\S+)\\s*=\\s*(.*)");
  private static final Pattern RING_ACTIVE = Pattern.compile("ring (\\S+) active with no faults");
  private static final Pattern RING_FAULTY = Pattern.compile(
      "Marking (?:seqid (\\S+) )?ringid (\\S+) interface (\\S+) FAULTY");
  private static final Pattern NODE_EARLY = Pattern.compile(
      "node\\s+(\\S+):\\s+link enabled:(\\S+)\\s+link connected:(\\S+)");
  private static final Pattern NODE_3_0 = Pattern.compile("nodeid\\s+(\\S+):\\s+(.*)");
  private static final Pattern NODE_3_1 = Pattern.compile("nodeid:\\s+(\\S+):\\s+(.*)");

  private final String source;
  private final List<String> lines;
  private int pos;

  private CfgtoolParser(List<String> lines, String source) {
    this.lines = lines;
    this.source = source;
  }

  public static Cfgtool parse(String text, String source) throws ParseException {
    return new CfgtoolParser(TextLines.split(text, source), source).parse();
  }

  private Cfgtool parse() throws ParseException {
    String first = next("first line");
    Matcher m;
    CfgtoolFormat format;
    long localNodeId;
    Optional<Transport> transport = Optional.empty();
    if (first.equals("Printing ring status.")) {
      format = CfgtoolFormat.RINGS;
      localNodeId = localNodeId();
    } else if (first.equals("Printing link status.")) {
      format = CfgtoolFormat.LINKS_3_0;
      localNodeId = localNodeId();
    } else if ((m = LOCAL_3_1.matcher(first.strip())).matches()) {
      format = CfgtoolFormat.LINKS_3_1;
      localNodeId = Tokens.nodeId(m.group(1), source, pos);
      transport = Optional.of(Transport.VOCABULARY.parse(m.group(2), source, pos));
    } else {
      throw new ParseException(source, 1, first, "unknown corosync-cfgtool output");
    }
    List<CorosyncLink> links = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    boolean early = false;
    boolean perNodeSeen = false;
    while (pos < lines.size()) {
      String line = next("ring or link").strip();
      int lineNo = pos;
      CorosyncLink link;
      if (format == CfgtoolFormat.RINGS) {
        link = ring(line, lineNo);
      } else {
        link = link(line, lineNo, format);
        if (!link.peers().isEmpty()) {
          boolean thisEarly = link.peers().get(0).enabled().isPresent();
          if (perNodeSeen && thisEarly != early) {
            throw new ParseException(source, lineNo, line,
                "node line format differs from the previous link's");
          }
          early = thisEarly;
          perNodeSeen = true;
        }
      }
      if (!ids.add(link.id())) {
        throw new ParseException(source, lineNo, line, "ring/link listed twice");
      }
      links.add(link);
    }
    if (links.isEmpty()) {
      throw new ParseException(source, lines.size(), lines.get(lines.size() - 1),
          "no ring or link listed: nothing shows the cluster network is up");
    }
    if (early) {
      format = CfgtoolFormat.LINKS_3_0_EARLY;
    }
    return new Cfgtool(format, localNodeId, transport, links);
  }

  private long localNodeId() throws ParseException {
    String line = next("'Local node ID' line").strip();
    Matcher m = LOCAL.matcher(line);
    if (!m.matches()) {
      throw new ParseException(source, pos, line, "expected 'Local node ID'");
    }
    return Tokens.nodeId(m.group(1), source, pos);
  }

  private CorosyncLink ring(String line, int lineNo) throws ParseException {
    Matcher m = RING.matcher(line);
    if (!m.matches()) {
      throw new ParseException(source, lineNo, line, "expected 'RING ID'");
    }
    int id = Tokens.count(m.group(1), "ring ID", source, lineNo);
    String address = Tokens.address(value("id"), source, pos);
    String status = value("status");
    int statusLine = pos;
    InterfaceStatus interfaceStatus;
    Matcher s;
    if ((s = RING_ACTIVE.matcher(status)).matches()) {
      ringNumber(s.group(1), id, statusLine);
      interfaceStatus = InterfaceStatus.ACTIVE;
    } else if ((s = RING_FAULTY.matcher(status)).matches()) {
      if (s.group(1) != null) {
        Tokens.decimal(s.group(1), "seqid", source, statusLine);
      }
      ringNumber(s.group(2), id, statusLine);
      Tokens.address(s.group(3), source, statusLine);
      interfaceStatus = InterfaceStatus.FAULTY;
    } else {
      throw new ParseException(source, statusLine, status, "unknown ring status");
    }
    return new CorosyncLink(id, Optional.empty(), address, Optional.of(interfaceStatus),
        List.of());
  }

  private void ringNumber(String token, int id, int lineNo) throws ParseException {
    if (Tokens.count(token, "ring number", source, lineNo) != id) {
      throw new ParseException(source, lineNo, token, "status names another ring than RING ID "
          + id);
    }
  }

  private CorosyncLink link(String line, int lineNo, CfgtoolFormat format)
      throws ParseException {
    Matcher m = LINK.matcher(line);
    if (!m.matches()) {
      throw new ParseException(source, lineNo, line, "expected 'LINK ID'");
    }
    int id = Tokens.count(m.group(1), "link ID", source, lineNo);
    Optional<LinkTransport> linkTransport = Optional.empty();
    if (m.group(2) != null) {
      if (format != CfgtoolFormat.LINKS_3_1) {
        throw new ParseException(source, lineNo, m.group(2),
            "link transport is printed by corosync 3.1+ only");
      }
      linkTransport = Optional.of(LinkTransport.VOCABULARY.parse(m.group(2), source, lineNo));
    }
    String address = Tokens.address(value("addr"), source, pos);
    String statusLine = next("link status line").strip();
    if (format == CfgtoolFormat.LINKS_3_0) {
      Matcher kv = KEY_VALUE.matcher(statusLine);
      if (kv.matches() && kv.group(1).equals("status")) {
        if (!kv.group(2).strip().equals("OK")) {
          throw new ParseException(source, pos, kv.group(2).strip(), "unknown link status");
        }
        return new CorosyncLink(id, linkTransport, address, Optional.of(InterfaceStatus.OK),
            List.of());
      }
    }
    if (!statusLine.equals("status:")) {
      throw new ParseException(source, pos, statusLine, "expected 'status:'");
    }
    List<LinkPeer> peers = new ArrayList<>();
    Set<Integer> nodes = new HashSet<>();
    while (pos < lines.size() && !lines.get(pos).strip().startsWith("LINK ID")) {
      String nodeLine = next("node line").strip();
      LinkPeer peer = peer(nodeLine, pos, format);
      if (!nodes.add(peer.node())) {
        throw new ParseException(source, pos, nodeLine, "node listed twice on link " + id);
      }
      peers.add(peer);
    }
    if (peers.isEmpty()) {
      throw new ParseException(source, pos, statusLine,
          "link " + id + " lists no node (truncated?)");
    }
    long localhosts = peers.stream().filter(p -> p.state() == PeerLinkState.LOCALHOST).count();
    if (format == CfgtoolFormat.LINKS_3_1 && localhosts != 1) {
      throw new ParseException(source, pos, statusLine,
          "link " + id + " must list the local node exactly once as localhost");
    }
    if (localhosts > 1) {
      throw new ParseException(source, pos, statusLine,
          "link " + id + " lists more than one localhost");
    }
    return new CorosyncLink(id, linkTransport, address, Optional.empty(), peers);
  }

  private LinkPeer peer(String line, int lineNo, CfgtoolFormat format) throws ParseException {
    Matcher m;
    if (format == CfgtoolFormat.LINKS_3_0 && (m = NODE_EARLY.matcher(line)).matches()) {
      int node = Tokens.count(m.group(1), "node", source, lineNo);
      boolean enabled = bit(m.group(2), lineNo);
      boolean connected = bit(m.group(3), lineNo);
      return new LinkPeer(node, Optional.of(enabled),
          connected ? PeerLinkState.CONNECTED : PeerLinkState.DISCONNECTED);
    }
    Pattern p = format == CfgtoolFormat.LINKS_3_1 ? NODE_3_1 : NODE_3_0;
    if (!(m = p.matcher(line)).matches()) {
      throw new ParseException(source, lineNo, line, "unknown node line");
    }
    int node = Tokens.count(m.group(1), "node ID", source, lineNo);
    PeerLinkState state = PeerLinkState.VOCABULARY.parse(m.group(2).strip(), source, lineNo);
    return new LinkPeer(node, Optional.empty(), state);
  }

  private boolean bit(String token, int lineNo) throws ParseException {
    return switch (token) {
      case "0" -> false;
      case "1" -> true;
      default -> throw new ParseException(source, lineNo, token, "expected 0 or 1");
    };
  }

  /** The value of a {@code key = value} line with exactly this key. */
  private String value(String key) throws ParseException {
    String line = next("'" + key + " =' line").strip();
    Matcher m = KEY_VALUE.matcher(line);
    if (!m.matches() || !m.group(1).equals(key)) {
      throw new ParseException(source, pos, line, "expected '" + key + " ='");
    }
    String value = m.group(2).strip();
    if (value.isEmpty()) {
      throw new ParseException(source, pos, line, "no value after '" + key + " ='");
    }
    return value;
  }

  private String next(String what) throws ParseException {
    if (pos >= lines.size()) {
      throw new ParseException(source, lines.size(), null,
          "output ends before the " + what + " (truncated?)");
    }
    return lines.get(pos++);
  }
}
